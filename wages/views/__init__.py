"""Views of the wages app: status and exam (status), wages and graduates (pay)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from cohorts.models import Apprentice
from wages.selectors import apprentice_for_wages


def staff_apprentice(request: HttpRequest, apprentice_id: int) -> Apprentice:
    """Through the wages scope first (out of it: 404, as for a hiring manager of another
    department), then staff only."""
    apprentice = apprentice_for_wages(request.user, apprentice_id)
    if not request.user.is_program_staff:
        raise PermissionDenied
    return apprentice
