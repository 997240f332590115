"""Ids posted by checkboxes and hidden fields outside a Django form, read safely: anything that
is not a positive whole number in the database's range is ignored, never a 500."""

from apprenticeship.validators import is_ascii_digits

BIGINT_MAX = 2**63 - 1


def posted_ids(request, name: str) -> list[int]:
    values = request.POST.getlist(name)
    return [int(v) for v in values if is_ascii_digits(v) and 0 < int(v) <= BIGINT_MAX]


def posted_id(request, name: str) -> int | None:
    ids = posted_ids(request, name)
    return ids[0] if len(ids) == 1 else None
