from django.urls import path

from applicants import views

app_name = "applicants"

urlpatterns = [
    path("", views.track_list, name="track_list"),
    path("pipeline/", views.pipeline, name="pipeline"),
    path("pipeline/testing-day/", views.testing_day, name="testing_day"),
    path("pipeline/testing-day/import/", views.testing_import, name="testing_import"),
    path("pipeline/<int:application_id>/", views.application_detail, name="application_detail"),
    path("pipeline/<int:application_id>/override/", views.application_override, name="override"),
    path("pipeline/<int:application_id>/screening/", views.application_screening, name="screening"),
    path("pipeline/<int:application_id>/ssn/", views.application_ssn, name="ssn"),
    path("pipeline/<int:application_id>/roll/", views.application_roll, name="roll"),
    path("pipeline/<int:application_id>/move/", views.application_move, name="move"),
    path("pipeline/testing-invite/", views.testing_invite, name="testing_invite"),
    path("pipeline/session-invite/", views.session_invite, name="session_invite"),
    path("pipeline/rules/", views.eligibility_rules, name="eligibility_rules"),
    path(
        "pipeline/presentation/<slug:slug>/", views.presentation_upload, name="presentation_upload"
    ),
    path(
        "pipeline/<int:application_id>/merge/<int:duplicate_id>/",
        views.application_merge,
        name="merge",
    ),
    path(
        "pipeline/<int:application_id>/documents/<int:document_id>/",
        views.document_download,
        name="document_download",
    ),
    path("sessions/", views.session_list, name="session_list"),
    path("sessions/<int:session_id>/book/", views.session_book, name="session_book"),
    path("sessions/booked/", views.session_booked, name="session_booked"),
    path("sessions/cancel/<token:token>/", views.booking_cancel, name="booking_cancel"),
    path("pipeline/sessions/", views.session_manage, name="session_manage"),
    path("pipeline/outreach/", views.outreach, name="outreach"),
    path("pipeline/outreach/<int:source_id>/", views.outreach_edit, name="outreach_edit"),
    path("pipeline/sessions/<int:session_id>/", views.session_roster, name="session_roster"),
    path("approval/<token:token>/", views.approval, name="approval"),
    path("a/<token:token>/", views.private, name="private"),
    path(
        "a/<token:token>/self-identification/",
        views.self_identification,
        name="self_identification",
    ),
    path("a/<token:token>/disability/", views.disability, name="disability"),
    path("me/disability/", views.my_disability, name="my_disability"),
    path("a/<token:token>/background/", views.background, name="background"),
    path("a/<token:token>/work/", views.employment, name="employment"),
    path("a/<token:token>/documents/", views.documents, name="documents"),
    path("a/<token:token>/review/", views.review, name="review"),
    path("a/<token:token>/withdraw/", views.withdraw, name="withdraw"),
    path("<slug:slug>/", views.track_page, name="track_page"),
    path("<slug:slug>/presentation.pdf", views.presentation, name="presentation"),
]
