"""PDFs with WeasyPrint, from a template with its own print stylesheet (inline, not
Bootstrap). Nothing is fetched: a document carries everything it shows, so text an applicant
or apprentice typed can never make the renderer load a file or reach the network. Rendered in
Celery tasks, never by a web worker."""

from __future__ import annotations

from django.template.loader import render_to_string


def _no_fetching(url: str, *args, **kwargs) -> dict:
    raise ValueError(f"PDFs load nothing: {url[:40]}")


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML  # imported on use: half a second, and only workers need it

    return HTML(string=html, url_fetcher=_no_fetching, base_url="/").write_pdf()


def render_pdf(template_name: str, context: dict) -> bytes:
    return html_to_pdf(render_to_string(template_name, context))
