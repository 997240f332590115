from django.urls import path

from wages.views import agreement, pay, status

app_name = "wages"

urlpatterns = [
    path("registrations/", status.registrations, name="registrations"),
    path("apprentices/<int:apprentice_id>/", status.apprentice_record, name="apprentice"),
    path("apprentices/<int:apprentice_id>/move/", status.move, name="move"),
    path("apprentices/<int:apprentice_id>/register/", status.register, name="register"),
    path("apprentices/<int:apprentice_id>/probation/", status.probation, name="probation"),
    path("apprentices/<int:apprentice_id>/standard/", status.standard_move, name="standard_move"),
    path("apprentices/<int:apprentice_id>/identifiers/", status.identifiers, name="identifiers"),
    path("apprentices/<int:apprentice_id>/exam/", status.exam_schedule, name="exam_schedule"),
    path("exam-attempts/<int:attempt_id>/", status.exam_result, name="exam_result"),
    path("events/<int:event_id>/reported/", status.event_reported, name="event_reported"),
    path("cohorts/<int:cohort_id>/exam/", status.cohort_exam, name="cohort_exam"),
    path("tracks/<int:track_id>/exam/", status.exam_settings, name="exam_settings"),
    path("me/exam/", status.my_exam, name="my_exam"),
    # Wages
    path("schedules/", pay.schedules, name="schedules"),
    path("schedules/<int:track_id>/new/", pay.schedule_new, name="schedule_new"),
    path("minimum-wages/", pay.minimum_wage_add, name="minimum_wage_add"),
    path(
        "minimum-wages/<int:minimum_wage_id>/remove/",
        pay.minimum_wage_remove,
        name="minimum_wage_remove",
    ),
    path("approvals/", pay.approvals, name="approvals"),
    path("payroll/", pay.payroll, name="payroll"),
    path("payroll/file/", pay.payroll_file, name="payroll_file"),
    path("team/", pay.team, name="team"),
    path("me/", pay.my_wages, name="my_wages"),
    path("me/agreement/", agreement.my_agreement, name="my_agreement"),
    path(
        "apprentices/<int:apprentice_id>/agreement/",
        agreement.agreement_prepare,
        name="agreement_prepare",
    ),
    path(
        "agreements/<int:agreement_id>/countersign/",
        agreement.agreement_countersign,
        name="agreement_countersign",
    ),
    path("agreements/<int:agreement_id>/pdf/", agreement.agreement_pdf, name="agreement_pdf"),
    path("apprentices/<int:apprentice_id>/wages/", pay.apprentice_wages, name="apprentice_wages"),
    path("apprentices/<int:apprentice_id>/prior-credit/", pay.prior_credit, name="prior_credit"),
    path("credits/<int:credit_id>/transcript/", pay.credit_transcript, name="credit_transcript"),
    path(
        "apprentices/<int:apprentice_id>/certificate/",
        pay.completion_certificate,
        name="completion_certificate",
    ),
    path("apprentices/<int:apprentice_id>/follow-up/", pay.follow_up, name="follow_up"),
    path(
        "apprentices/<int:apprentice_id>/agency-certificate/",
        pay.agency_certificate,
        name="agency_certificate",
    ),
    path(
        "apprentices/<int:apprentice_id>/agency-certificate/record/",
        pay.agency_certificate_record,
        name="agency_certificate_record",
    ),
    path(
        "exam-attempts/<int:attempt_id>/certificate/",
        pay.exam_certificate,
        name="exam_certificate",
    ),
    path(
        "exam-attempts/<int:attempt_id>/certificate/upload/",
        pay.exam_certificate_upload,
        name="exam_certificate_upload",
    ),
    path("graduates/", pay.graduates, name="graduates"),
    path("graduates/import/", pay.follow_ups_import, name="follow_ups_import"),
]
