"""One way for POST-only views to tell the user how a service call went."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.contrib import messages
from django.core.exceptions import ValidationError
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
