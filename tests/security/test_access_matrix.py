"""Every URL of the project, requested by every persona, with objects each should and should
not see. A URL missing from MATRIX fails the test: adding a page means saying who may use it.

Allowed personas get 200 on GET pages (or are not refused on POST-only actions); everyone
else is sent to sign in (anonymous) or refused with 403/404.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from accounts.roles import Role
from applicants.models import DepartmentApproval, Document, InfoSession, SessionBooking
from classroom.models import Module
from clinic.models import ImportBatch, PayrollMapping, Timesheet, WorkProcess
from clinic.services import placement_start
from cohorts.models import ApprenticeEvent
from hiring.models import Interview, OnboardingTask, Question
from reminders.services import unsubscribe_token
from support.models import (
    CheckIn,
    Referral,
    SupportAction,
    SupportAssignment,
    Survey,
    SurveyQuestion,
)
from tests.applicants.factories import SubmittedApplicationFactory
from tests.factories import UserFactory
from tests.hiring.factories import ReleaseFactory, RequisitionFactory, ready_for_hire
from wages.models import CertificationExam, CompletionCertificate, ExamAttempt

PERSONAS = [
    "anonymous",
    "dana",
    "alice",
    "grace",
    "bob",
    "carol",
    "fay",
    "ivy",
    "olga",
    "ed",
    "cody",
    "gus",
]
SIGNED_IN = set(PERSONAS) - {"anonymous"}
EVERYONE = set(PERSONAS)
STAFF = {"alice", "grace"}
ADMIN = {"grace"}
HIRING = STAFF | {"bob"}  # objects of Bob's department (Cardiology)
MANAGERS = STAFF | {"bob", "carol"}
DEPARTMENT_PEOPLE = STAFF | {"bob", "carol", "fay", "gus"}
TEACHING = STAFF | {"ivy"}  # objects of Ivy's cohort
INSTRUCTORS = STAFF | {"ivy", "olga"}
PRECEPTING = STAFF | {"fay"}  # Ed is placed in Cardiology with Fay
SUPPORTING = STAFF | {"cody"}  # Cody coaches Ed


@dataclass
class World:
    cardiology: object
    track: object
    cohort: object
    session: object
    module: object
    submitted: object
    draft: object
    document: object
    info_session: object
    booking: object
    approval: object
    requisition: object
    release: object
    interview: object
    admin_user: object
    apprentice: object
    monday: object
    timesheet: object
    work_process: object
    batch: object
    referral: object
    action: object
    survey: object
    attempt: object
    event: object
    passed_attempt: object
    reminder: object
    failed_email: object
    report: object


def _(name, kwargs=lambda w: {}, allowed=EVERYONE, post=False):
    return name, (kwargs, allowed, post)


def _transfer_credit(w):
    """A transfer credit of Ed's with the previous sponsor's transcript."""
    from clinic.models import HoursAdjustment
    from wages.models import PriorExperienceCredit

    credit = PriorExperienceCredit.objects.filter(apprentice=w.apprentice).first()
    if credit is None:
        adjustment = HoursAdjustment.objects.create(
            apprentice=w.apprentice,
            work_process=w.work_process,
            day=w.apprentice.employment_start,
            hours=100,
            reason="Transfer",
            is_credit=True,
        )
        credit = PriorExperienceCredit.objects.create(
            apprentice=w.apprentice,
            source="transfer",
            from_sponsor="Mercy",
            hours=100,
            evidence="Transcript",
            adjustment=adjustment,
            granted_on=timezone.localdate(),
            transcript=SimpleUploadedFile("t.pdf", b"%PDF-1.4"),
            transcript_type="application/pdf",
        )
    return credit


def _minimum_wage(w):
    """A minimum wage announced for a later day (one in effect cannot be removed)."""
    from programs.models import MinimumWage

    return MinimumWage.objects.get_or_create(
        program=w.track.program,
        jurisdiction="Missouri",
        effective_on=timezone.localdate() + timedelta(days=60),
        defaults={"hourly_rate": "15.00"},
    )[0]


def _agreement(w):
    """Ed's agreement, signed by both, with its PDF."""
    from wages.models import Agreement

    agreement = Agreement.objects.filter(apprentice=w.apprentice).first()
    if agreement is None:
        now = timezone.now()
        agreement = Agreement.objects.create(
            apprentice=w.apprentice,
            standard=w.apprentice.standard,
            document="<p>Agreement</p>",
            sha256="0" * 64,
            apprentice_name="Ed Evans",
            apprentice_signed_at=now,
            sponsor_name="Grace",
            sponsor_signed_at=now,
            pdf=SimpleUploadedFile("agreement.pdf", b"%PDF-1.4"),
        )
    return agreement


def _leave(w):
    from clinic.models import SchedulePeriod

    start = w.apprentice.employment_start + timedelta(weeks=20)
    period, _created = SchedulePeriod.objects.get_or_create(
        apprentice=w.apprentice,
        starts_on=start,
        defaults={
            "kind": "leave",
            "ends_on": start + timedelta(weeks=2),
            "weekly_hours": 0,
            "reason": "Surgery",
        },
    )
    return period


def _records_hold(w):
    from retention.models import RecordsHold

    return RecordsHold.objects.get_or_create(
        note="Complaint 1",
        defaults={"reason": "complaint", "starts_on": timezone.localdate(), "whole_program": True},
    )[0]


def _evaluation(w):
    """Ed's week-4 evaluation (his cohort's instructor is Ivy, his preceptor Fay)."""
    from clinic.models import Evaluation

    return Evaluation.objects.get_or_create(
        apprentice=w.apprentice,
        week=4,
        defaults={
            "standard": w.apprentice.standard,
            "due_on": w.apprentice.employment_start + timedelta(weeks=4, days=-1),
        },
    )[0]


def _api_token(w):
    from accounts.models import User
    from api.tokens import token_create

    return token_create(
        name=f"Warehouse {timezone.now().timestamp()}",
        scopes=["read:program"],
        expires_at=timezone.now() + timedelta(days=1),
        by=User.objects.get(email="grace@example.org"),
    )[0]


def _webhook(w):
    """A delivery (kept failed, never sent) to a subscription of its own."""
    from api.models import WebhookDelivery, WebhookEndpoint

    found = WebhookDelivery.objects.first()
    if found:
        return found
    endpoint = WebhookEndpoint.objects.create(
        name="HR",
        url="https://hr.example.org/hook",
        secret="whsec_test",
        events=["apprentice.status_changed"],
        created_by=w.admin_user,
    )
    return WebhookDelivery.objects.create(
        endpoint=endpoint, event="apprentice.status_changed", key="k", payload={}, status="failed"
    )


def _outreach(w):
    from applicants.models import OutreachSource

    return OutreachSource.objects.get_or_create(
        program=w.track.program, name="Job fair", defaults={"kind": "community_event"}
    )[0]


def _aa_review(w):
    from accounts.models import User
    from reports.services import affirmative_action_review_save

    return affirmative_action_review_save(
        program=w.track.program,
        year=timezone.localdate().year,
        notes="",
        action_plan="",
        by=User.objects.get(email="grace@example.org"),
    )


def _criterion(w):
    from programs.services import standard_criteria_default

    draft = _draft_standard(w)
    standard_criteria_default(standard=draft)
    return draft.criteria.first()


def _draft_standard(w):
    """A hybrid draft of the track's standard with an interim credential."""
    from programs.models import InterimCredential, Standard

    draft = w.track.standards.filter(state=Standard.State.DRAFT).first()
    if draft is None:
        draft = Standard.objects.create(
            track=w.track,
            version=w.track.standards.count() + 1,
            approach=Standard.Approach.HYBRID,
            ojl_hours=1800,
            ojl_hours_max=2200,
        )
        InterimCredential.objects.create(
            standard=draft, name="Front desk", earned_by=InterimCredential.EarnedBy.EXAM
        )
    return draft


MATRIX = dict(
    [
        _("dashboard:home"),
        _("healthz"),
        _("eeo_notices"),
        _("api:schema"),
        _("api:docs"),
        _("api_tokens:list", allowed=ADMIN),
        _("api_tokens:revoke", lambda w: {"token_id": _api_token(w).pk}, allowed=ADMIN, post=True),
        _("api_tokens:webhooks", allowed=ADMIN),
        _("api_tokens:demo_receiver", allowed=set(), post=True),  # make run (DEBUG) only
        _(
            "api_tokens:webhook_deliveries",
            lambda w: {"endpoint_id": _webhook(w).endpoint_id},
            allowed=ADMIN,
        ),
        _(
            "api_tokens:webhook_disable",
            lambda w: {"endpoint_id": _webhook(w).endpoint_id},
            allowed=ADMIN,
            post=True,
        ),
        _(
            "api_tokens:webhook_resend",
            lambda w: {"endpoint_id": _webhook(w).endpoint_id, "delivery_id": _webhook(w).pk},
            allowed=ADMIN,
            post=True,
        ),
        _("set_language", post=True),
        # single sign-on is off in the suite (tests/identity turns it on against a provider)
        _("identity:sso_start", allowed=set()),
        _("identity:sso_callback", allowed=set()),
        _("identity:group_roles", allowed=ADMIN),
        _(
            "identity:group_role_remove",
            lambda w: {"mapping_id": _group_role(w).pk},
            allowed=ADMIN,
            post=True,
        ),
        _("accounts:login"),
        _("accounts:logout", post=True, allowed=EVERYONE),
        _("accounts:password_change", allowed=SIGNED_IN),
        _("accounts:password_change_done", allowed=SIGNED_IN),
        _("accounts:password_reset"),
        _("accounts:password_reset_done"),
        _("accounts:password_reset_confirm", lambda w: {"uidb64": "MQ", "token": "set-password"}),
        _("accounts:password_reset_complete"),
        _("accounts:sessions_end_others", allowed=SIGNED_IN, post=True),
        _("accounts:two_factor", allowed=SIGNED_IN),
        _("accounts:otp_verify", allowed=SIGNED_IN),
        _("accounts:two_factor_backup_codes", allowed=SIGNED_IN, post=True),
        _("accounts:two_factor_off", allowed=SIGNED_IN, post=True),
        _(
            "accounts:user_two_factor_reset",
            lambda w: {"user_id": w.admin_user.pk},
            allowed=ADMIN,
            post=True,
        ),
        _("audit:log", allowed=ADMIN),
        _(
            "hiring:close",
            lambda w: {"requisition_id": w.requisition.pk},
            allowed=HIRING,
            post=True,
        ),
        _("retention:runs", allowed=ADMIN),
        _("retention:hold_add", allowed=ADMIN, post=True),
        _(
            "retention:hold_lift",
            lambda w: {"hold_id": _records_hold(w).pk},
            allowed=ADMIN,
            post=True,
        ),
        _("accounts:user_list", allowed=STAFF),
        _("accounts:user_invite", allowed=ADMIN),
        _("accounts:user_edit", lambda w: {"user_id": w.admin_user.pk}, allowed=ADMIN),
        _(
            "accounts:user_reinvite",
            lambda w: {"user_id": w.admin_user.pk},
            allowed=ADMIN,
            post=True,
        ),
        _("programs:overview", allowed=STAFF),
        _("programs:program_edit", lambda w: {"program_id": w.track.program_id}, allowed=ADMIN),
        _("programs:track_list", allowed=STAFF),
        _("programs:track_create", allowed=ADMIN),
        _("programs:track_edit", lambda w: {"track_id": w.track.pk}, allowed=ADMIN),
        _("programs:standard_list", lambda w: {"track_id": w.track.pk}, allowed=STAFF),
        _("programs:standard_draft", lambda w: {"track_id": w.track.pk}, allowed=ADMIN, post=True),
        _(
            "programs:standard_detail",
            lambda w: {"standard_id": w.track.standards.first().pk},
            allowed=STAFF,
        ),
        _(
            "programs:standard_edit",
            lambda w: {"standard_id": _draft_standard(w).pk},
            allowed=ADMIN,
        ),
        _(
            "programs:standard_step",
            lambda w: {"standard_id": _draft_standard(w).pk, "step": "send"},
            allowed=ADMIN,
            post=True,
        ),
        _(
            "programs:credential_add",
            lambda w: {"standard_id": _draft_standard(w).pk},
            allowed=ADMIN,
            post=True,
        ),
        _(
            "programs:criterion_add",
            lambda w: {"standard_id": _draft_standard(w).pk},
            allowed=ADMIN,
            post=True,
        ),
        _(
            "programs:criterion_remove",
            lambda w: {"standard_id": _draft_standard(w).pk, "criterion_id": _criterion(w).pk},
            allowed=ADMIN,
            post=True,
        ),
        _(
            "programs:credential_remove",
            lambda w: {
                "standard_id": _draft_standard(w).pk,
                "credential_id": _draft_standard(w).interim_credentials.first().pk,
            },
            allowed=ADMIN,
            post=True,
        ),
        _("programs:modifications", allowed=STAFF),
        _("programs:department_list", allowed=DEPARTMENT_PEOPLE),
        _("programs:department_create", allowed=ADMIN),
        _(
            "programs:department_detail",
            lambda w: {"department_id": w.cardiology.pk},
            allowed=STAFF | {"bob", "fay"},
        ),
        _("programs:department_edit", lambda w: {"department_id": w.cardiology.pk}, allowed=ADMIN),
        _("applicants:track_list"),
        _("applicants:track_page", lambda w: {"slug": w.track.slug}),
        _("applicants:presentation", lambda w: {"slug": "no-presentation"}, allowed=set()),
        _("applicants:session_list"),
        _("applicants:session_book", lambda w: {"session_id": w.info_session.pk}),
        _("applicants:session_booked", allowed=set()),  # only the session that booked
        _("applicants:booking_cancel", lambda w: {"token": w.booking.token}),
        _("applicants:approval", lambda w: {"token": w.approval.token}),
        _("applicants:private", lambda w: {"token": w.submitted.token}),
        _("applicants:self_identification", lambda w: {"token": w.submitted.token}),
        _("applicants:disability", lambda w: {"token": w.submitted.token}),
        _("applicants:my_disability", allowed={"ed"}),
        _("applicants:outreach", allowed=STAFF),
        _("applicants:outreach_edit", lambda w: {"source_id": _outreach(w).pk}, allowed=STAFF),
        _("applicants:background", lambda w: {"token": w.draft.token}),
        _("applicants:employment", lambda w: {"token": w.draft.token}),
        _("applicants:documents", lambda w: {"token": w.draft.token}),
        _("applicants:review", lambda w: {"token": w.draft.token}),
        _(
            "applicants:withdraw",
            # A fresh draft per request: a withdrawn application's link changes nothing more.
            lambda w: {
                "token": SubmittedApplicationFactory(
                    track=w.track, step="interest", submitted_at=None
                ).token
            },
            post=True,
        ),
        _("applicants:pipeline", allowed=STAFF),
        _("applicants:testing_day", allowed=STAFF),
        _("applicants:testing_import", allowed=STAFF),
        _("applicants:testing_invite", allowed=STAFF, post=True),
        _("applicants:session_invite", allowed=STAFF, post=True),
        _("applicants:eligibility_rules", allowed=ADMIN),
        _("applicants:presentation_upload", lambda w: {"slug": w.track.slug}, allowed=STAFF),
        _("applicants:session_manage", allowed=STAFF),
        _("applicants:session_roster", lambda w: {"session_id": w.info_session.pk}, allowed=STAFF),
        _(
            "applicants:application_detail",
            lambda w: {"application_id": w.submitted.pk},
            allowed=STAFF,
        ),
        _(
            "applicants:override",
            lambda w: {"application_id": w.submitted.pk},
            allowed=STAFF,
            post=True,
        ),
        _(
            "applicants:screening",
            lambda w: {"application_id": w.submitted.pk},
            allowed=STAFF,
            post=True,
        ),
        _("applicants:ssn", lambda w: {"application_id": w.submitted.pk}, allowed=STAFF),
        _(
            "applicants:move",
            lambda w: {"application_id": w.submitted.pk},
            allowed=STAFF,
            post=True,
        ),
        _(
            "applicants:roll",
            lambda w: {"application_id": w.submitted.pk},
            allowed=STAFF,
            post=True,
        ),
        _(
            "applicants:merge",
            lambda w: {"application_id": w.submitted.pk, "duplicate_id": w.draft.pk},
            allowed=STAFF,
            post=True,
        ),
        _(
            "applicants:document_download",
            lambda w: {"application_id": w.submitted.pk, "document_id": w.document.pk},
            allowed=STAFF,
        ),
        _("cohorts:list", allowed=INSTRUCTORS),
        _("cohorts:plan_year", allowed=STAFF),
        _("cohorts:closure_create", allowed=STAFF),
        _("cohorts:edit", lambda w: {"cohort_id": w.cohort.pk}, allowed=STAFF),
        _("classroom:today", allowed=INSTRUCTORS),
        _("classroom:my_classes", allowed={"ed"}),
        _("classroom:cohort_detail", lambda w: {"cohort_id": w.cohort.pk}, allowed=TEACHING),
        _("classroom:makeup_create", lambda w: {"cohort_id": w.cohort.pk}, allowed=TEACHING),
        _(
            "classroom:grade_sheet",
            lambda w: {"cohort_id": w.cohort.pk, "module_id": w.module.pk},
            allowed=TEACHING,
        ),
        _("classroom:session_attendance", lambda w: {"session_id": w.session.pk}, allowed=TEACHING),
        _("classroom:session_code", lambda w: {"session_id": w.session.pk}, allowed=TEACHING),
        _("classroom:session_move", lambda w: {"session_id": w.session.pk}, allowed=STAFF),
        _("classroom:session_cancel", lambda w: {"session_id": w.session.pk}, allowed=STAFF),
        _("classroom:checkin", lambda w: {"token": w.session.checkin_token}, allowed={"ed"}),
        _("hiring:requisition_list", allowed=MANAGERS),
        _("hiring:requisition_create", allowed=MANAGERS),
        _("hiring:questions", allowed=STAFF),
        _("hiring:requisition", lambda w: {"requisition_id": w.requisition.pk}, allowed=HIRING),
        _(
            "hiring:approve",
            lambda w: {"requisition_id": w.requisition.pk},
            allowed=STAFF,
            post=True,
        ),
        _(
            "hiring:release",
            lambda w: {"requisition_id": w.requisition.pk},
            allowed=STAFF,
            post=True,
        ),
        _("hiring:candidate", lambda w: {"release_id": w.release.pk}, allowed=HIRING),
        _("hiring:offer", lambda w: {"release_id": w.release.pk}, allowed=HIRING, post=True),
        _("hiring:answer", lambda w: {"release_id": w.release.pk}, allowed=HIRING, post=True),
        _("hiring:interview", lambda w: {"release_id": w.release.pk}, allowed=HIRING, post=True),
        _("hiring:defer", lambda w: {"release_id": w.release.pk}, allowed=STAFF, post=True),
        _("hiring:enrol", lambda w: {"release_id": w.release.pk}, allowed=STAFF, post=True),
        _(
            "hiring:onboarding_done",
            lambda w: {"release_id": w.release.pk, "item_id": 1},
            allowed=set(),
            post=True,
        ),
        _("hiring:scorecard", lambda w: {"interview_id": w.interview.pk}, allowed=HIRING),
        _("hiring:offers", allowed=MANAGERS),
        _("hiring:onboarding", allowed=MANAGERS),
        _(
            "hiring:question_edit",
            lambda w: {
                "question_id": Question.objects.create(
                    track=w.track, competency="Teamwork", text="A team you helped?"
                ).pk
            },
            allowed=STAFF,
        ),
        _("hiring:checklist", allowed=STAFF),
        _(
            "hiring:checklist_adopt",
            lambda w: {"program_id": w.track.program_id},
            allowed=ADMIN,
            post=True,
        ),
        _(
            "hiring:task_edit",
            lambda w: {
                "task_id": OnboardingTask.objects.create(
                    program=w.track.program, title="Badge", owner="Security", due_days=5
                ).pk
            },
            allowed=ADMIN,
        ),
        _("clinic:queue", allowed=PRECEPTING),
        _("clinic:my_hours", allowed={"ed"}),
        _("clinic:my_week", lambda w: {"monday": w.monday.isoformat()}, allowed={"ed"}),
        _("clinic:timesheet", lambda w: {"timesheet_id": w.timesheet.pk}, allowed=PRECEPTING),
        _("clinic:apprentice", lambda w: {"apprentice_id": w.apprentice.pk}, allowed=PRECEPTING),
        _(
            "clinic:signoff",
            lambda w: {"apprentice_id": w.apprentice.pk},
            allowed=PRECEPTING,
            post=True,
        ),
        _(
            "clinic:adjust",
            lambda w: {"apprentice_id": w.apprentice.pk},
            allowed=PRECEPTING,
            post=True,
        ),
        _("wages:my_agreement", allowed={"ed"}),
        _(
            "wages:agreement_prepare",
            lambda w: {"apprentice_id": w.apprentice.pk},
            allowed=STAFF,
            post=True,
        ),
        _(
            "wages:agreement_countersign",
            lambda w: {"agreement_id": _agreement(w).pk},
            allowed=STAFF,
            post=True,
        ),
        _(
            "wages:agreement_pdf",
            lambda w: {"agreement_id": _agreement(w).pk},
            allowed=STAFF | {"ed"},
        ),
        _(
            "wages:agency_certificate",
            lambda w: {"apprentice_id": w.apprentice.pk},
            allowed=STAFF | {"ed"},
        ),
        _(
            "wages:agency_certificate_record",
            lambda w: {"apprentice_id": w.apprentice.pk},
            allowed=STAFF,
            post=True,
        ),
        _(
            "wages:identifiers",
            lambda w: {"apprentice_id": w.apprentice.pk},
            allowed=STAFF,
            post=True,
        ),
        _(
            "wages:standard_move",
            lambda w: {"apprentice_id": w.apprentice.pk},
            allowed=STAFF,
            post=True,
        ),
        _("clinic:extend", lambda w: {"apprentice_id": w.apprentice.pk}, allowed=STAFF, post=True),
        _(
            "clinic:schedule_add",
            lambda w: {"apprentice_id": w.apprentice.pk},
            allowed=STAFF,
            post=True,
        ),
        _(
            "clinic:schedule_remove",
            lambda w: {"apprentice_id": w.apprentice.pk, "period_id": _leave(w).pk},
            allowed=STAFF,
            post=True,
        ),
        _("clinic:cohort", lambda w: {"cohort_id": w.cohort.pk}, allowed=STAFF),
        _("clinic:placements", lambda w: {"cohort_id": w.cohort.pk}, allowed=STAFF),
        _("clinic:work_processes", lambda w: {"track_id": w.track.pk}, allowed=STAFF),
        _(
            "clinic:work_process_edit",
            lambda w: {"work_process_id": w.work_process.pk},
            allowed=ADMIN,
        ),
        _("clinic:evaluations", allowed=PRECEPTING | {"ivy", "olga", "ed"}),
        _(
            "clinic:evaluation",
            lambda w: {"evaluation_id": _evaluation(w).pk},
            allowed=PRECEPTING | {"ivy", "ed"},
        ),
        _(
            "clinic:evaluation_acknowledge",
            lambda w: {"evaluation_id": _evaluation(w).pk},
            allowed={"ed"},
            post=True,
        ),
        _("clinic:import", allowed=STAFF),
        _("clinic:import_preview", lambda w: {"batch_id": w.batch.pk}, allowed=STAFF),
        _("clinic:mapping_create", allowed=STAFF),
        _("clinic:mapping_edit", lambda w: {"mapping_id": w.batch.mapping_id}, allowed=STAFF),
        _("support:caseload", allowed=SUPPORTING),
        _("support:apprentice", lambda w: {"apprentice_id": w.apprentice.pk}, allowed=SUPPORTING),
        _(
            "support:referral_add",
            lambda w: {"apprentice_id": w.apprentice.pk},
            allowed=SUPPORTING,
            post=True,
        ),
        _(
            "support:referral_update",
            lambda w: {"apprentice_id": w.apprentice.pk, "referral_id": w.referral.pk},
            allowed=SUPPORTING,
            post=True,
        ),
        _(
            "support:tutoring_add",
            lambda w: {"apprentice_id": w.apprentice.pk},
            allowed=SUPPORTING,
            post=True,
        ),
        _(
            "support:action_done",
            lambda w: {"apprentice_id": w.apprentice.pk, "action_id": w.action.pk},
            allowed=SUPPORTING,
            post=True,
        ),
        _("support:assign", lambda w: {"cohort_id": w.cohort.pk}, allowed=STAFF),
        _("support:barriers", allowed=STAFF),
        _("support:survey_results", allowed=STAFF),
        _("support:my_support", allowed={"ed"}),
        _("support:my_survey", lambda w: {"survey_id": w.survey.pk}, allowed={"ed"}),
        _("wages:registrations", allowed=STAFF),
        _("wages:apprentice", lambda w: {"apprentice_id": w.apprentice.pk}, allowed=STAFF),
        _("wages:move", lambda w: {"apprentice_id": w.apprentice.pk}, allowed=STAFF, post=True),
        _("wages:register", lambda w: {"apprentice_id": w.apprentice.pk}, allowed=STAFF, post=True),
        _(
            "wages:probation",
            lambda w: {"apprentice_id": w.apprentice.pk},
            allowed=STAFF,
            post=True,
        ),
        _(
            "wages:exam_schedule",
            lambda w: {"apprentice_id": w.apprentice.pk},
            allowed=STAFF,
            post=True,
        ),
        _("wages:exam_result", lambda w: {"attempt_id": w.attempt.pk}, allowed=STAFF, post=True),
        _("wages:event_reported", lambda w: {"event_id": w.event.pk}, allowed=STAFF, post=True),
        _("wages:cohort_exam", lambda w: {"cohort_id": w.cohort.pk}, allowed=STAFF),
        _("wages:exam_settings", lambda w: {"track_id": w.track.pk}, allowed=STAFF),
        _("wages:my_exam", allowed={"ed"}),
        _("wages:schedules", allowed=STAFF),
        _("wages:schedule_new", lambda w: {"track_id": w.track.pk}, allowed=ADMIN),
        _("wages:approvals", allowed=STAFF),
        _("wages:payroll", allowed=STAFF),
        _("wages:payroll_file", allowed=STAFF),
        _("wages:team", allowed=MANAGERS),
        _("wages:my_wages", allowed={"ed"}),
        _(
            "wages:apprentice_wages",
            lambda w: {"apprentice_id": w.apprentice.pk},
            allowed=HIRING | {"ed"},
        ),
        _(
            "wages:prior_credit",
            lambda w: {"apprentice_id": w.apprentice.pk},
            allowed=STAFF,
            post=True,
        ),
        _("wages:minimum_wage_add", allowed=ADMIN, post=True),
        _(
            "wages:minimum_wage_remove",
            lambda w: {"minimum_wage_id": _minimum_wage(w).pk},
            allowed=ADMIN,
            post=True,
        ),
        _(
            "wages:credit_transcript",
            lambda w: {"credit_id": _transfer_credit(w).pk},
            allowed=STAFF | {"ed"},
        ),
        _(
            "wages:completion_certificate",
            lambda w: {"apprentice_id": w.apprentice.pk},
            allowed=STAFF | {"ed"},
        ),
        _(
            "wages:follow_up",
            lambda w: {"apprentice_id": w.apprentice.pk},
            allowed=STAFF,
            post=True,
        ),
        _(
            "wages:exam_certificate",
            lambda w: {"attempt_id": w.passed_attempt.pk},
            allowed=STAFF | {"ed"},
        ),
        _(
            "wages:exam_certificate_upload",
            lambda w: {"attempt_id": w.passed_attempt.pk},
            allowed=STAFF,
            post=True,
        ),
        _("wages:graduates", allowed=STAFF),
        _("wages:follow_ups_import", allowed=STAFF, post=True),
        _("reminders:inbox", allowed=SIGNED_IN),
        _("reminders:bell", allowed=SIGNED_IN),
        _("reminders:read", allowed=SIGNED_IN, post=True),
        _("reminders:follow", lambda w: {"reminder_id": w.reminder.pk}, allowed={"ed"}),
        _("reminders:preferences", allowed=SIGNED_IN),
        _(
            "reminders:unsubscribe",
            lambda w: {"token": unsubscribe_token(email="ed@example.org", rule="class_tomorrow")},
        ),
        _("reminders:activity", allowed=STAFF),
        _("reminders:resend", lambda w: {"email_id": w.failed_email.pk}, allowed=STAFF, post=True),
        _("reminders:settings", allowed=STAFF),
        _("reports:list", allowed=STAFF | {"ed"}),
        _("reports:download", lambda w: {"report_id": w.report.pk}, allowed=STAFF | {"ed"}),
        _("reports:table", lambda w: {"report_id": w.report.pk}, allowed=STAFF | {"ed"}),
        _("reports:program", allowed=STAFF),
        _("reports:dashboard", allowed=STAFF),
        _("reports:equal_opportunity", allowed=ADMIN),
        _("reports:equal_opportunity_csv", allowed=ADMIN),
        _("reports:rapids", allowed=ADMIN),
        _("reports:availability", lambda w: {"track_id": w.track.pk}, allowed=ADMIN),
        _("reports:affirmative_action", allowed=ADMIN),
        _(
            "reports:affirmative_action_pdf",
            lambda w: {"year": _aa_review(w).year},
            allowed=ADMIN,
            post=True,
        ),
        _("reports:rapids", allowed=ADMIN, post=True),
        _(
            "reports:rapids_details",
            lambda w: {"apprentice_id": w.apprentice.pk},
            allowed=ADMIN,
        ),
        _(
            "reports:progress",
            lambda w: {"apprentice_id": w.apprentice.pk},
            allowed=STAFF | {"ed"},
            post=True,
        ),
        _(
            "reports:transcript",
            lambda w: {"apprentice_id": w.apprentice.pk},
            allowed=STAFF | {"ed"},
            post=True,
        ),
    ]
)


def _clinic_world(apprentice, cardiology, fay, track) -> dict:
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    placement_start(
        apprentice=apprentice,
        department=cardiology,
        preceptor=fay,
        starts_on=apprentice.employment_start,
        by=None,
    )
    apprentice.refresh_from_db()
    work_process = WorkProcess.objects.create(track=track, title="Vital signs", planned_hours=400)
    timesheet = Timesheet.objects.create(
        apprentice=apprentice,
        week_start=monday - timedelta(days=7),
        status=Timesheet.Status.SUBMITTED,
        submitted_at=timezone.now(),
    )
    mapping = PayrollMapping.objects.create(
        program=track.program,
        name="Kronos",
        employee_id_column="Employee ID",
        date_column="Date",
        hours_column="Hours",
    )
    batch = ImportBatch.objects.create(
        mapping=mapping,
        file=SimpleUploadedFile("payroll.csv", b"Employee ID,Date,Hours\nE1,2026-11-02,8\n"),
        file_name="payroll.csv",
    )
    support = _support_world(apprentice, track)
    return {
        **support,
        "apprentice": apprentice,
        "monday": monday,
        "timesheet": timesheet,
        "work_process": work_process,
        "batch": batch,
    }


def _support_world(apprentice, track) -> dict:
    from accounts.models import User

    cody = User.objects.get(email="cody@example.org")
    SupportAssignment.objects.create(
        apprentice=apprentice, person=cody, kind="coach", starts_on=apprentice.employment_start
    )
    check_in = CheckIn.objects.create(
        apprentice=apprentice, author=cody, on=timezone.localdate(), how="phone"
    )
    action = SupportAction.objects.create(
        check_in=check_in,
        apprentice=apprentice,
        description="Transit pass",
        owner="Ed",
        follow_up_on=timezone.localdate(),
    )
    referral = Referral.objects.create(
        apprentice=apprentice, service="transit", referred_on=timezone.localdate()
    )
    apprentice.employment_start -= timedelta(weeks=2)  # past week 4: the survey is due
    apprentice.save(update_fields=["employment_start"])
    survey = Survey.objects.create(program=track.program, when="week_4", title="Week 4")
    SurveyQuestion.objects.create(survey=survey, text="How is it going?")
    exam = CertificationExam.objects.create(
        track=track, name="CCMA", pass_mark=70, max_score=100, retake_wait_days=30
    )
    attempt = ExamAttempt.objects.create(
        apprentice=apprentice, exam=exam, scheduled_on=timezone.localdate()
    )
    event = ApprenticeEvent.objects.create(
        apprentice=apprentice,
        from_status="probation",
        to_status="suspended",
        notice="suspension",
        effective_on=timezone.localdate(),
    )
    passed_attempt = ExamAttempt.objects.create(
        apprentice=apprentice,
        exam=exam,
        scheduled_on=timezone.localdate() - timedelta(days=40),
        score=90,
        passed=True,
        certificate_number="NHA-1",
        certificate_file=SimpleUploadedFile("c.pdf", b"%PDF-1.4"),
        certificate_type="application/pdf",
    )
    CompletionCertificate.objects.create(
        apprentice=apprentice,
        number="C-1",
        completed_on=timezone.localdate(),
        file=SimpleUploadedFile("certificate.pdf", b"%PDF-1.4"),
        agency_number="OA-1",
        agency_scan=SimpleUploadedFile("agency.pdf", b"%PDF-1.4"),
        agency_scan_type="application/pdf",
    )
    from notifications.models import OutboundEmail
    from reminders.models import Reminder

    reminder = Reminder.objects.create(
        key="class_tomorrow:ed:1:",
        rule="class_tomorrow",
        object_id=1,
        user=apprentice.person.user,
        email="ed@example.org",
        title="Class tomorrow",
        url="/classroom/me/",
    )
    failed_email = OutboundEmail.objects.create(
        key="failed:1", to="x@example.org", subject="S", body="B", attempts=8
    )
    from reports.models import Report

    report = Report.objects.create(
        kind="progress",
        params={"apprentice_id": apprentice.pk},
        params_key=f"apprentice:{apprentice.pk}",
        title="Progress report",
        requested_by=User.objects.get(email="grace@example.org"),
        status="ready",
        file=SimpleUploadedFile("r.pdf", b"%PDF-1.4"),
        table_file=SimpleUploadedFile("r.csv", b"section,label,value\n"),
    )
    return {
        "report": report,
        "reminder": reminder,
        "failed_email": failed_email,
        "referral": referral,
        "action": action,
        "survey": survey,
        "attempt": attempt,
        "event": event,
        "passed_attempt": passed_attempt,
    }


def _every_url_name() -> set[str]:
    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
                yield from walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield namespace + pattern.name

    return set(walk(get_resolver().url_patterns))


def _all_url_names() -> set[str]:
    return {
        n
        for n in _every_url_name()
        if not n.startswith("admin:") and n not in API_WITH_TOKENS | SCIM_WITH_TOKENS
    }


def _group_role(w):
    from identity.models import GroupRole

    return GroupRole.objects.get_or_create(group="preceptors", role=Role.PRECEPTOR)[0]


# SCIM (/scim/v2/) answers tokens with the scim scope only (tests/identity/test_scim.py).
SCIM_WITH_TOKENS = {"scim", "scim_root"}


def test_scim_is_not_open_to_a_session(client, grace):
    client.force_login(grace)
    for method in (client.get, client.post):
        assert method(reverse("scim", kwargs={"path": "Users"})).status_code == 401


# The API's own URLs answer tokens only (tests/api: scopes, department limits); here, that a
# browser's session, signed in or not, gets 401 from every one of them.
API_WITH_TOKENS = {
    "api:program-list",
    "api:track-list",
    "api:track-detail",
    "api:cohort-list",
    "api:cohort-detail",
    "api:apprentice-list",
    "api:apprentice-detail",
    "api:apprentice-event-list",
    "api:wage-step-list",
    "api:timesheet-list",
    "api:timesheet-detail",
    "api:time_entries",
    "api:class-session-list",
    "api:attendance-list",
    "api:grade-list",
    "api:exam-attempt-list",
    "api:requisition-list",
    "api:requisition-detail",
    "api:application-list",
    "api:application-detail",
}


def test_the_api_is_not_open_to_a_session(client, grace):
    for signed_in in (False, True):
        if signed_in:
            client.force_login(grace)
        for name in sorted(API_WITH_TOKENS):
            kwargs = {"pk": 1} if name.endswith("-detail") else {}
            url = reverse(name, kwargs=kwargs)
            for response in (client.get(url), client.post(url, {})):
                assert response.status_code == 401, (name, signed_in, response.status_code)


def test_the_api_urls_are_all_listed():
    names = {n for n in {*_all_url_names(), *API_WITH_TOKENS} if n.startswith("api:")} - {
        "api:schema",
        "api:docs",
    }
    assert names == API_WITH_TOKENS


def test_every_url_is_in_the_matrix():
    missing = _all_url_names() - set(MATRIX)
    assert not missing, f"Add these URLs to the access matrix: {sorted(missing)}"


@pytest.fixture
def world(
    clinical_track,
    cardiology,
    pediatrics,
    cohort,
    todays_session,
    ed_apprentice,
    ivy,
    bob,
    gus,
    grace,
    fay,
    cody,
):
    UserFactory(email="olga@example.org", full_name="Olga Other", roles=[Role.INSTRUCTOR])
    submitted = ready_for_hire(clinical_track)
    draft = SubmittedApplicationFactory(track=clinical_track, step="interest", submitted_at=None)
    start = timezone.now() + timedelta(days=3)
    info_session = InfoSession.objects.create(
        location_name="WD", address="x", starts_at=start, ends_at=start + timedelta(hours=1)
    )
    requisition = RequisitionFactory(department=cardiology, track=clinical_track, cohort=cohort)
    release = ReleaseFactory(requisition=requisition, application=submitted)
    interview = Interview.objects.create(release=release, starts_at=start, place="CAM")
    interview.panel.add(bob)
    clinic = _clinic_world(ed_apprentice, cardiology, fay, clinical_track)
    return World(
        **clinic,
        cardiology=cardiology,
        track=clinical_track,
        cohort=cohort,
        session=todays_session,
        module=Module.objects.create(track=clinical_track, order=1, title="Vital signs"),
        submitted=submitted,
        draft=draft,
        document=Document.objects.create(
            application=submitted,
            kind="resume",
            file=SimpleUploadedFile("x.pdf", b"%PDF-1.4"),
            original_name="cv.pdf",
            content_type="application/pdf",
            size=3,
        ),
        info_session=info_session,
        booking=SessionBooking.objects.create(session=info_session, name="R", email="r@x.net"),
        approval=DepartmentApproval.objects.create(application=draft, approver_email="g@x.org"),
        requisition=requisition,
        release=release,
        interview=interview,
        admin_user=grace,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_persona_gets_what_it_should(client, request, world, name):
    kwargs, allowed, post = MATRIX[name]
    users = {p: request.getfixturevalue(p) for p in PERSONAS if p not in {"anonymous", "olga"}}
    from accounts.models import User

    users["olga"] = User.objects.get(email="olga@example.org")
    # Refusals first, so an allowed action's side effects cannot change what others see.
    for persona in sorted(PERSONAS, key=lambda p: p in allowed):
        url = reverse(name, kwargs=kwargs(world))
        client.logout()
        if persona != "anonymous":
            client.force_login(users[persona])
        response = client.post(url, {}) if post else client.get(url)
        status = response.status_code
        if persona in allowed:
            assert status not in (403, 404), f"{persona} refused {status} on {name}"
            if not post:
                assert status in (200, 302), f"{persona} got {status} on {name}"
        elif persona == "anonymous":
            assert status in (302, 404), f"anonymous got {status} on {name}"
            if status == 302:
                assert response.url.startswith(reverse("accounts:login")), name
        else:
            assert status in (403, 404), f"{persona} got {status} on {name}"
