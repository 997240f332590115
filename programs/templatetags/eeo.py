"""{% eeo_notices program %}: the equal opportunity pledge and the complaint procedure (29 CFR
30.3(b), 30.14), in the reader's language, wherever applicants and apprentices read."""

from django import template

from programs.notices import notices

register = template.Library()


@register.inclusion_tag("programs/_eeo_notices.html")
def eeo_notices(program, heading_level: int = 2, compact: bool = False):
    return {
        "notices": notices(program) if program else None,
        "level": heading_level,
        "compact": compact,
    }
