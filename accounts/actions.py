"""One way for POST-only views to tell the user how a service call went."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest


@contextmanager
def reported(request: HttpRequest, success: str) -> Iterator[None]:
    """Run the block; a ValidationError becomes an error message (nothing was saved: services
    are atomic), otherwise `success` is shown."""
    try:
        yield
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, success)


def form_action(
    request: HttpRequest,
    form: Form,
    *,
    success: str,
    invalid: str,
    action: Callable[[dict[str, Any]], object],
) -> None:
    """A POST-only action: validate the form, then call the service with its values; the
    outcome, or why it was refused, is shown as a message."""
    with reported(request, success):
        if not form.is_valid():
            raise ValidationError(invalid)
        action(form.cleaned_data)
