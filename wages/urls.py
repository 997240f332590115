from django.urls import path

from wages import views

app_name = "wages"

urlpatterns = [
    path("registrations/", views.registrations, name="registrations"),
    path("apprentices/<int:apprentice_id>/", views.apprentice_record, name="apprentice"),
    path("apprentices/<int:apprentice_id>/move/", views.move, name="move"),
    path("apprentices/<int:apprentice_id>/register/", views.register, name="register"),
    path("apprentices/<int:apprentice_id>/probation/", views.probation, name="probation"),
    path("apprentices/<int:apprentice_id>/exam/", views.exam_schedule, name="exam_schedule"),
    path("exam-attempts/<int:attempt_id>/", views.exam_result, name="exam_result"),
    path("events/<int:event_id>/reported/", views.event_reported, name="event_reported"),
    path("cohorts/<int:cohort_id>/exam/", views.cohort_exam, name="cohort_exam"),
    path("tracks/<int:track_id>/exam/", views.exam_settings, name="exam_settings"),
    path("me/exam/", views.my_exam, name="my_exam"),
]
