from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("<int:report_id>/", views.download, name="download"),
    path("<int:report_id>/csv/", views.table, name="table"),
    path("program/", views.program, name="program"),
    path("dashboard/", views.program_dashboard, name="dashboard"),
    path("equal-opportunity/", views.equal_opportunity, name="equal_opportunity"),
    path("equal-opportunity/csv/", views.equal_opportunity_csv, name="equal_opportunity_csv"),
    path(
        "equal-opportunity/availability/<int:track_id>/",
        views.availability,
        name="availability",
    ),
    path("affirmative-action/", views.affirmative_action, name="affirmative_action"),
    path(
        "affirmative-action/<int:year>/pdf/",
        views.affirmative_action_pdf,
        name="affirmative_action_pdf",
    ),
    path("rapids/", views.rapids_upload, name="rapids"),
    path("rapids/<int:apprentice_id>/", views.rapids_details, name="rapids_details"),
    path("apprentices/<int:apprentice_id>/progress/", views.progress, name="progress"),
    path("apprentices/<int:apprentice_id>/transcript/", views.transcript, name="transcript"),
]
