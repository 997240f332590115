"""Views of the wages app: status and exam (status), wages and graduates (pay)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest

from cohorts.models import Apprentice
from wages.selectors import apprentice_for_wages


def staff_apprentice(request: HttpRequest, apprentice_id: int) -> Apprentice:
    """Through the wages scope first (out of it: 404, as for a hiring manager of another
    department), then staff only."""
    apprentice = apprentice_for_wages(request.user, apprentice_id)
    if not request.user.is_program_staff:
        raise PermissionDenied
    return apprentice


def own_or_staff_apprentice(request: HttpRequest, apprentice_id: int) -> Apprentice:
    """Through the wages scope first (404), then program staff or the apprentice themself:
    a hiring manager sees the wages, never the documents."""
    apprentice = apprentice_for_wages(request.user, apprentice_id)
    if not (request.user.is_program_staff or apprentice.person.user_id == request.user.pk):
        raise PermissionDenied
    return apprentice


def private_download(file: FieldFile, *, filename: str, content_type: str) -> FileResponse:
    """A stored private document as a download, or 404 while it is not made yet."""
    if not file:
        raise Http404
    return FileResponse(
        file.open("rb"), as_attachment=True, filename=filename, content_type=content_type
    )
