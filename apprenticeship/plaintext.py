"""Plain-text email parts, rendered without HTML escaping."""

from __future__ import annotations

from typing import Any

from django.template import Context
from django.template.loader import get_template


def render_text(template_name: str, context: dict[str, Any]) -> str:
    """A name with a quote or an ampersand reads as typed in a text email, not as &quot; or
    &amp; (the HTML part, rendered as usual, keeps its escaping)."""
    return get_template(template_name).template.render(Context(context, autoescape=False))
