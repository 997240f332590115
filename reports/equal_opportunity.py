"""Equal-opportunity reports (29 CFR 30), from voluntary self-identification only: applicant
flow by intake month and group, and the four-fifths adverse-impact test at each selection
step. Groups under five people are suppressed; nobody who did not answer is guessed."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from applicants.models import (
    EXIT_STEPS,
    Application,
    DisabilityAnswer,
    EligibilityRules,
    Screening,
    SelfIdentification,
    StatusEvent,
    TestResult,
)
from cohorts.models import Apprentice
from hiring.models import Offer
from programs.models import Track
from reports.models import Availability

MIN_GROUP = 5
FOUR_FIFTHS = Fraction(4, 5)
NOT_DISCLOSED = gettext_lazy("Not disclosed")
# The races of the self-identification form; their labels are the Availability groups'.
RACES = {"american_indian", "asian", "black", "pacific_islander", "white"}


def race_ethnicity_key(answer: SelfIdentification | None) -> str:
    """The group by race and ethnicity: Hispanic or Latino of any race, else the race, two or
    more races; "" when not disclosed."""
    if answer is None:
        return ""
    if answer.ethnicity == SelfIdentification.Ethnicity.HISPANIC:
        return "hispanic"
    races = [r for r in answer.races if r in RACES]
    if not races:
        return ""
    return races[0] if len(races) == 1 else "two_or_more"


def sex_key(answer: SelfIdentification | None) -> str:
    if answer is None or answer.sex not in ("female", "male"):
        return ""
    return answer.sex


def race_ethnicity(answer: SelfIdentification | None) -> str:
    """The label of the group by race and ethnicity, or "Not disclosed"."""
    key = race_ethnicity_key(answer)
    return str(Availability.Group(key).label) if key else str(NOT_DISCLOSED)


def sex_group(answer: SelfIdentification | None) -> str:
    key = sex_key(answer)
    return str(SelfIdentification.Sex(key).label) if key else str(NOT_DISCLOSED)


@dataclass
class GroupRate:
    group: str
    considered: int
    selected: int
    rate: Fraction | None
    impact: Fraction | None  # the group's rate over the highest group's rate
    suppressed: bool

    @property
    def adverse(self) -> bool:
        return self.impact is not None and self.impact < FOUR_FIFTHS

    @property
    def rate_percent(self) -> str:
        return f"{float(self.rate) * 100:.0f}%" if self.rate is not None else "—"

    @property
    def impact_percent(self) -> str:
        return f"{float(self.impact) * 100:.0f}%" if self.impact is not None else "—"


def four_fifths(counts: dict[str, tuple[int, int]]) -> list[GroupRate]:
    """Each group's selection rate against the highest one; a ratio under 4/5 is adverse
    impact. Groups under five, and "not disclosed", are shown but not compared."""
    rates = {
        group: Fraction(selected, considered)
        for group, (considered, selected) in counts.items()
        if considered >= MIN_GROUP and group != str(NOT_DISCLOSED)
    }
    top = max(rates.values(), default=None)
    return [
        GroupRate(
            group=group,
            considered=considered if considered >= MIN_GROUP else 0,
            selected=selected if considered >= MIN_GROUP else 0,
            rate=rates.get(group),
            impact=(rates[group] / top) if group in rates and top else None,
            suppressed=considered < MIN_GROUP,
        )
        for group, (considered, selected) in sorted(counts.items())
    ]


@dataclass
class StepTest:
    step: str
    by_race: list[GroupRate]
    by_sex: list[GroupRate]

    @property
    def flagged(self) -> bool:
        return any(g.adverse for g in (*self.by_race, *self.by_sex))


def _split(outcomes: dict[int, bool], answers: dict[int, SelfIdentification]):
    race: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    sex: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for application_id, passed in outcomes.items():
        answer = answers.get(application_id)
        for table, group in ((race, race_ethnicity(answer)), (sex, sex_group(answer))):
            table[group][0] += 1
            table[group][1] += int(passed)
    return (
        four_fifths({g: (c, s) for g, (c, s) in race.items()}),
        four_fifths({g: (c, s) for g, (c, s) in sex.items()}),
    )


def adverse_impact(*, track: Track, start: date, end: date) -> list[StepTest]:
    """The four-fifths test at each selection step the sponsor controls, for applications of
    the intake months in the period: the eligibility screen, WorkKeys, entrance exam, typing,
    the background and drug screen, and the interview (to an offer made). Accepting an offer
    is the candidate's choice, not a selection: it is not tested."""
    applications = Application.objects.filter(
        track=track, intake_month__gte=start.replace(day=1), intake_month__lte=end
    )
    answers = {
        s.application_id: s for s in SelfIdentification.objects.filter(application__in=applications)
    }
    rules = EligibilityRules.objects.filter(program=track.program_id).first() or EligibilityRules()
    results: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for application_id, kind, value in TestResult.objects.filter(
        application__in=applications
    ).values_list("application_id", "kind", "value"):
        results[kind][application_id].append(value)
    # WorkKeys: only those with all three results, at the program's preferred level in each.
    with_all = set.intersection(*(set(results[kind]) for kind in TestResult.WORKKEYS))
    level = rules.preferred_workkeys_level
    workkeys = {
        a: all(min(results[kind][a]) >= level for kind in TestResult.WORKKEYS) for a in with_all
    }
    entrance = {
        a: max(v) >= rules.minimum_entrance_exam
        for a, v in results[TestResult.Kind.ENTRANCE_EXAM].items()
    }
    typing = {
        a: max(v) >= rules.minimum_typing_wpm
        for a, v in results[TestResult.Kind.TYPING_WPM].items()
    }
    offers = dict(
        Offer.objects.filter(release__application__in=applications).values_list(
            "release__application_id", "answer"
        )
    )
    # Decided only: an interview counts once it led to an offer or the application closed;
    # an offer once it was answered.
    interviewed = set(
        applications.filter(releases__interviews__isnull=False)
        .filter(Q(pk__in=list(offers)) | Q(step__in=list(EXIT_STEPS)))
        .values_list("pk", flat=True)
    )
    # The eligibility screen at submission: those the rules turned away at once.
    submitted = set(applications.filter(submitted_at__isnull=False).values_list("pk", flat=True))
    screened_out = set(
        StatusEvent.objects.filter(
            application__in=applications,
            to_step=Application.Step.NOT_ELIGIBLE,
            from_step__in=["", Application.Step.INTEREST, Application.Step.SESSION_ATTENDED],
        ).values_list("application_id", flat=True)
    )
    # The background check and drug screen, decided once both are in (or one is not cleared).
    screens: dict[int, dict[str, str]] = defaultdict(dict)
    for application_id, kind, status in Screening.objects.filter(
        application__in=applications
    ).values_list("application_id", "kind", "status"):
        screens[application_id][kind] = status
    cleared = {
        a: all(s.get(k) == Screening.Status.CLEARED for k in Screening.Kind.values)
        for a, s in screens.items()
    }
    screening = {
        a: ok
        for a, ok in cleared.items()
        if ok or Screening.Status.NOT_CLEARED in screens[a].values()
    }
    steps = [
        (_("Eligibility screen"), {a: a not in screened_out for a in submitted}),
        (_("WorkKeys (level %(level)d or more in each)") % {"level": level}, workkeys),
        (_("Entrance exam"), entrance),
        (_("Typing"), typing),
        (_("Background check and drug screen"), screening),
        (_("Interview (to an offer made)"), {a: a in offers for a in interviewed}),
    ]
    return [StepTest(name, *_split(outcomes, answers)) for name, outcomes in steps]


def applicant_flow(*, track: Track, start: date, end: date) -> list[tuple[str, str, int, int]]:
    """(intake month, group, applications, hired), by race/ethnicity, small groups hidden."""
    rows = Application.objects.filter(
        track=track, intake_month__gte=start.replace(day=1), intake_month__lte=end
    ).values_list("pk", "intake_month", "apprentice")
    answers = {
        s.application_id: s
        for s in SelfIdentification.objects.filter(application_id__in=[r[0] for r in rows])
    }
    counts: dict[tuple[date, str], list[int]] = defaultdict(lambda: [0, 0])
    for pk, month, apprentice in rows:
        key = (month, race_ethnicity(answers.get(pk)))
        counts[key][0] += 1
        counts[key][1] += apprentice is not None
    return [
        (month.strftime("%Y-%m"), group, n, hired)
        for (month, group), (n, hired) in sorted(counts.items())
        if n >= MIN_GROUP
    ]


UNDER_AVAILABILITY = Fraction(4, 5)  # a share under 80% of availability is flagged


@dataclass
class Utilization:
    group: str
    label: str
    count: int  # 0 when suppressed
    share: Fraction | None  # among those who disclosed, None when suppressed
    available: Decimal | None
    suppressed: bool
    under: bool
    goal: Decimal | None = None

    @property
    def share_percent(self) -> str:
        return f"{float(self.share) * 100:.1f}%" if self.share is not None else "—"


def workforce(*, track: Track) -> tuple[list[Utilization], int, int]:
    """The current apprentices of the track by group, each share (among those who disclosed)
    against the availability the admin entered: (rows, apprentices, not disclosed by race)."""
    current = Apprentice.objects.current().filter(cohort__track=track)
    answers = list(SelfIdentification.objects.filter(application__apprentice__in=current))
    total = current.count()
    figures = {a.group: a for a in Availability.objects.filter(track=track)}
    available = {group: a.percent for group, a in figures.items()}
    by_sex = Counter(k for k in map(sex_key, answers) if k)
    by_race = Counter(k for k in map(race_ethnicity_key, answers) if k)
    rows = []
    for counts, groups in (
        (by_sex, ("female", "male")),
        (by_race, [g for g in Availability.Group.values if g not in ("female", "male")]),
    ):
        disclosed = sum(counts.values())
        for group in groups:
            n = counts[group]
            share = Fraction(n, disclosed) if disclosed else None
            wanted = available.get(group)
            # 29 CFR 30.5: the analysis is made for every group, however small; a group of one
            # to four shows "fewer than 5" in its own cells, the rest of the table as it is.
            small = 0 < n < MIN_GROUP
            under = (
                share is not None
                and wanted is not None
                and wanted > 0
                and share < Fraction(wanted) / 100 * UNDER_AVAILABILITY
            )
            rows.append(
                Utilization(
                    group=group,
                    label=str(Availability.Group(group).label),
                    count=0 if small else n,
                    share=None if small else share,
                    available=wanted,
                    suppressed=small,
                    under=under,
                    goal=figures[group].goal_percent if group in figures else None,
                )
            )
    not_disclosed = total - sum(by_race.values())
    return rows, total, not_disclosed


DISABILITY_GOAL = Decimal(7)  # 29 CFR 30.7(a): 7% of apprentices in each occupation group


@dataclass
class DisabilityUtilization:
    apprentices: int
    with_disability: int  # 0 when shown as "fewer than 5"
    answered: int
    share: Fraction | None  # None when shown as "fewer than 5"
    suppressed: bool
    under: bool
    goal: Decimal = DISABILITY_GOAL

    @property
    def share_percent(self) -> str:
        return f"{float(self.share) * 100:.1f}%" if self.share is not None else "—"


def disability_utilization(*, track: Track) -> DisabilityUtilization:
    """29 CFR 30.7(d): the share of the track's current apprentices who self-identified as
    individuals with a disability (their latest answer, 30.11), against the 7% goal. The
    denominator is every current apprentice, as 30.7(d)(2) divides by the occupation's
    apprentices; a count of one to four shows as "fewer than 5", the share and flag stay."""
    people = Apprentice.objects.current().filter(cohort__track=track).values("person_id")
    total = Apprentice.objects.current().filter(cohort__track=track).count()
    latest = (
        DisabilityAnswer.objects.filter(person_id__in=people)
        .order_by("person_id", "-answered_at", "-pk")
        .distinct("person_id")
        .values_list("answer", flat=True)
    )
    answers = Counter(latest)
    yes = answers[SelfIdentification.Disability.YES]
    small = 0 < yes < MIN_GROUP
    share = Fraction(yes, total) if total else None
    return DisabilityUtilization(
        apprentices=total,
        with_disability=0 if small else yes,
        answered=sum(answers.values()),
        share=None if small else share,
        suppressed=small,
        under=share is not None and share * 100 < DISABILITY_GOAL,
    )
