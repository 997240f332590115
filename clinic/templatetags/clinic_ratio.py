"""{% department_ratio department as ratio %}: the department's ratio of apprentices to
preceptors (29 CFR 29.5(b)(7)), for the department page, which lives below the clinic."""

from django import template

from clinic.selectors import Ratio, department_ratios
from programs.models import Department

register = template.Library()


@register.simple_tag
def department_ratio(department: Department) -> Ratio | None:
    ratios = department_ratios(departments=Department.objects.filter(pk=department.pk))
    return ratios[0] if ratios else None
