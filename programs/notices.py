"""What applicants and apprentices are told about equal opportunity, in their language: the
pledge (29 CFR 30.3(b)), the complaint procedure (29 CFR 30.14, 29.5(b)(22)) and the
invitation to self-identify a disability (29 CFR 30.11). A program may word its own; blank
fields give the regulation's wording, translated."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _

from programs.models import Program

COMPLAINT_DAYS = 300  # 29 CFR 30.14(b): a complaint is filed within 300 days


def _agency(program: Program) -> str:
    return program.registration_agency_name or str(program.get_registration_agency_display())


def _own(program: Program, field: str, language: str) -> str:
    """The program's own wording in the language, or ""."""
    return getattr(program, f"{field}_es" if language == "es" else field).strip()


def pledge_text(program: Program) -> str:
    """29 CFR 30.3(b): the equal opportunity pledge, as the regulation words it."""
    return _(
        "%(sponsor)s will not discriminate against apprenticeship applicants or apprentices "
        "based on race, color, religion, national origin, sex (including pregnancy and gender "
        "identity), sexual orientation, genetic information, or because they are an "
        "individual with a disability or a person 40 years old or older. %(sponsor)s will "
        "take affirmative action to provide equal opportunity in apprenticeship and will "
        "operate the apprenticeship program as required under Title 29 of the Code of "
        "Federal Regulations, part 30."
    ) % {"sponsor": program.sponsor_name}


def complaint_text(program: Program) -> str:
    """29 CFR 30.14: who may complain, to whom, and within how long."""
    text = _(
        "If you believe you have been discriminated against because of race, color, "
        "religion, national origin, sex (including pregnancy and gender identity), sexual "
        "orientation, genetic information, disability or age (40 or older), or that the "
        "sponsor has not followed its equal opportunity obligations, you may file a "
        "complaint with the registration agency, %(agency)s, within %(days)d days of what "
        "happened. You may also raise it with the sponsor first; doing so does not stop the "
        "%(days)d days from running. The sponsor will not retaliate against anyone who "
        "complains or takes part in a complaint (29 CFR 30.17)."
    ) % {"agency": _agency(program), "days": COMPLAINT_DAYS}
    return text


def disability_text(program: Program) -> str:
    """29 CFR 30.11: the invitation, in the manner the Office of Apprenticeship prescribes
    (voluntary, confidential, kept apart, used for the 7% goal of 29 CFR 30.7)."""
    return _(
        "%(sponsor)s is a registered apprenticeship sponsor and must invite applicants and "
        "apprentices to say whether they have a disability, now or in the past. A "
        "disability is a physical or mental impairment that substantially limits one or "
        "more major life activities, a record of such an impairment, or being regarded as "
        "having one; examples include blindness, deafness, diabetes, epilepsy, autism, "
        "major depression, post-traumatic stress disorder and missing limbs. Answering is "
        "voluntary and will not be used against you. Your answer is kept confidential and "
        "apart from your application and personnel records, and is used only to measure "
        "the program's progress toward the goal that 7%% of apprentices are people with "
        "disabilities. You may update your answer at any time."
    ) % {"sponsor": program.sponsor_name}


@dataclass(frozen=True)
class Notices:
    program: Program
    pledge: str
    complaint: str
    officer: str
    agency: str
    agency_address: str


def notices(program: Program, language: str | None = None) -> Notices:
    """The pledge and the complaint procedure of a program in a language (default: the
    active one)."""
    language = (language or translation.get_language() or "en")[:2]
    with translation.override(language):
        return Notices(
            program=program,
            pledge=_own(program, "eeo_pledge", language) or pledge_text(program),
            complaint=_own(program, "complaint_procedure", language) or complaint_text(program),
            officer=program.eeo_officer,
            agency=_agency(program),
            agency_address=program.registration_agency_address,
        )


def disability_invitation(program: Program, language: str | None = None) -> str:
    language = (language or translation.get_language() or "en")[:2]
    with translation.override(language):
        return _own(program, "disability_invitation", language) or disability_text(program)
