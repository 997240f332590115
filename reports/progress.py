"""The apprentice progress report: everything the registration agency and the apprentice's
file need on a few printed pages, read through each app's selectors."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q, Sum

from classroom.models import Attendance, ClassSession, Grade
from clinic.evaluations import acknowledged_evaluations
from clinic.selectors import apprentice_progress, competency_board
from cohorts.models import Apprentice
from wages import lifecycle
from wages.credentials import credentials_of
from wages.models import ExamAttempt
from wages.selectors import wage_history


@dataclass
class ModuleRow:
    title: str
    planned: Decimal
    attended: Decimal
    grade: int | None
    pass_mark: int | None


def classroom_by_module(apprentice: Apprentice) -> list[ModuleRow]:
    """Classroom hours by module against the cohort's plan, with the module's grade."""
    planned = defaultdict(Decimal)
    pass_marks: dict[str, int] = {}
    for title, pass_mark, hours in (
        ClassSession.objects.counting()
        .filter(cohort_id=apprentice.cohort_id, kind=ClassSession.Kind.REGULAR)
        .values_list("module__title", "module__pass_mark")
        .annotate(h=Sum("hours"))
        .order_by("module__order")
    ):
        planned[title or ""] += hours
        if title:
            pass_marks[title] = pass_mark
    attended = defaultdict(Decimal)
    for title, hours in (
        Attendance.objects.filter(apprentice=apprentice)
        .filter(~Q(session__status=ClassSession.Status.CANCELLED))
        .values_list("session__module__title")
        .annotate(h=Sum("hours_credited"))
        .order_by()
    ):
        attended[title or ""] += hours or Decimal(0)
    grades = dict(Grade.objects.filter(apprentice=apprentice).values_list("module__title", "score"))
    titles = list(planned) + [t for t in attended if t not in planned]
    return [
        ModuleRow(
            t,
            planned.get(t, Decimal(0)),
            attended.get(t, Decimal(0)),
            grades.get(t),
            pass_marks.get(t),
        )
        for t in titles
    ]


def progress_report(*, apprentice: Apprentice, today: date) -> dict:
    apprentice = Apprentice.objects.select_related(
        "person", "cohort__track__program", "department"
    ).get(pk=apprentice.pk)
    progress = apprentice_progress(apprentice=apprentice, today=today)
    modules = classroom_by_module(apprentice)
    board = competency_board(apprentice=apprentice)
    signed = [
        (process, competency, signoffs[-1])
        for process, rows in board
        for competency, signoffs in rows
        if signoffs
    ]
    return {
        "apprentice": apprentice,
        "track": apprentice.cohort.track,
        "program": apprentice.cohort.track.program,
        "events": list(apprentice.events.select_related("by").order_by("effective_on", "pk")),
        "modules": modules,
        "rti_planned": sum((m.planned for m in modules), Decimal(0)),
        "rti_attended": sum((m.attended for m in modules), Decimal(0)),
        "progress": progress,
        "signed": signed,
        "competencies": sum(len(rows) for _p, rows in board),
        "attempts": list(ExamAttempt.objects.filter(apprentice=apprentice).select_related("exam")),
        "wages": wage_history(apprentice=apprentice, today=today),
        "credentials": credentials_of(apprentice),
        "evaluations": acknowledged_evaluations(apprentice),
        "missing": []
        if apprentice.status == Apprentice.Status.COMPLETED
        else lifecycle.completion_missing(apprentice=apprentice, today=today),
        "today": today,
    }
