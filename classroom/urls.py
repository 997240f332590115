from django.urls import path

from classroom import views

app_name = "classroom"

urlpatterns = [
    path("today/", views.today, name="today"),
    path("me/", views.my_classes, name="my_classes"),
    path("cohorts/<int:cohort_id>/", views.cohort_detail, name="cohort_detail"),
    path("cohorts/<int:cohort_id>/makeup/", views.makeup_create, name="makeup_create"),
    path("cohorts/<int:cohort_id>/grades/<int:module_id>/", views.grade_sheet, name="grade_sheet"),
    path("sessions/<int:session_id>/", views.session_attendance, name="session_attendance"),
    path("sessions/<int:session_id>/code/", views.session_checkin_code, name="session_code"),
    path("sessions/<int:session_id>/move/", views.session_move, name="session_move"),
    path("sessions/<int:session_id>/cancel/", views.session_cancel, name="session_cancel"),
    path("check-in/<token:token>/", views.checkin, name="checkin"),
]
