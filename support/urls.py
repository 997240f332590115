from django.urls import path

from support import views

app_name = "support"

urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("apprentices/<int:apprentice_id>/", views.apprentice, name="apprentice"),
    path("apprentices/<int:apprentice_id>/referrals/", views.referral_add, name="referral_add"),
    path(
        "apprentices/<int:apprentice_id>/referrals/<int:referral_id>/",
        views.referral_update,
        name="referral_update",
    ),
    path("apprentices/<int:apprentice_id>/tutoring/", views.tutoring_add, name="tutoring_add"),
    path(
        "apprentices/<int:apprentice_id>/actions/<int:action_id>/done/",
        views.action_done,
        name="action_done",
    ),
    path("cohorts/<int:cohort_id>/assign/", views.assign, name="assign"),
    path("barriers/", views.barriers, name="barriers"),
    path("surveys/", views.survey_results, name="survey_results"),
    path("me/", views.my_support, name="my_support"),
    path("me/surveys/<int:survey_id>/", views.my_survey, name="my_survey"),
]
