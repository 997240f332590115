"""The catalogue of reminders. Each rule says who it goes to, finds what is due with a
constant number of queries (never one per person), and answers "is it still due?" for many
objects at once, so a thing done between the sweep and the send sends nothing."""

from __future__ import annotations

from reminders.rules.agreements import AgreementNotCountersigned, AgreementNotSigned, AmendmentDue
from reminders.rules.applicants import (
    ApplicationNotSubmitted,
    ApprovalPending,
    InfoSessionTomorrow,
    ScreeningPending,
    TestResultsMissing,
)
from reminders.rules.base import Due, Person, Rule
from reminders.rules.classroom import AttendanceNotTaken, ClassTomorrow
from reminders.rules.clinic import TimesheetAwaitingApproval, TimesheetNotSubmitted
from reminders.rules.evaluations import EvaluationNotRated, EvaluationToAcknowledge
from reminders.rules.hiring import OnboardingOverdue, ReleaseNotReviewed, ScorecardMissing
from reminders.rules.support import SupportFollowUp
from reminders.rules.wages import (
    ExamSoon,
    NotRegistered,
    ProbationEnding,
    StatusChangeNotReported,
    WageStepPending,
)

__all__ = ["CATALOGUE", "RULES", "STAFF_RULES", "Due", "Person", "Rule"]

CATALOGUE: list[Rule] = [
    InfoSessionTomorrow(),
    ApplicationNotSubmitted(),
    ApprovalPending(),
    TestResultsMissing(),
    ScreeningPending(),
    ReleaseNotReviewed(),
    ScorecardMissing(),
    OnboardingOverdue(),
    ClassTomorrow(),
    AttendanceNotTaken(),
    TimesheetNotSubmitted(),
    TimesheetAwaitingApproval(),
    SupportFollowUp(),
    ExamSoon(),
    WageStepPending(),
    ProbationEnding(),
    StatusChangeNotReported(),
    NotRegistered(),
    AgreementNotSigned(),
    AgreementNotCountersigned(),
    AmendmentDue(),
    EvaluationNotRated(),
    EvaluationToAcknowledge(),
]
RULES: dict[str, Rule] = {rule.code: rule for rule in CATALOGUE}
STAFF_RULES = {
    "test_results_missing",
    "screening_pending",
    "wage_step_pending",
    "probation_ending",
    "status_not_reported",
    "not_registered",
    "amendment_due",
}
