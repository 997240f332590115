from django import template

from applicants.eligibility import reason

register = template.Library()


@register.filter
def eligibility_reason(result: dict) -> str:
    """{{ result|eligibility_reason }}: a stored eligibility result in the reader's language."""
    return reason(result)
