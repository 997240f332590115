from django.urls import path

from clinic import views

app_name = "clinic"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("me/", views.my_hours, name="my_hours"),
    path("me/weeks/<str:monday>/", views.my_week, name="my_week"),
    path("timesheets/<int:timesheet_id>/", views.timesheet_review, name="timesheet"),
    path("apprentices/<int:apprentice_id>/", views.apprentice_detail, name="apprentice"),
    path("apprentices/<int:apprentice_id>/signoff/", views.signoff, name="signoff"),
    path("apprentices/<int:apprentice_id>/adjust/", views.adjust, name="adjust"),
    path("apprentices/<int:apprentice_id>/extend/", views.extend, name="extend"),
    path("apprentices/<int:apprentice_id>/schedule/", views.schedule_add, name="schedule_add"),
    path(
        "apprentices/<int:apprentice_id>/schedule/<int:period_id>/remove/",
        views.schedule_remove,
        name="schedule_remove",
    ),
    path("cohorts/<int:cohort_id>/", views.cohort_roster, name="cohort"),
    path("cohorts/<int:cohort_id>/placements/", views.placements, name="placements"),
    path("tracks/<int:track_id>/work-processes/", views.work_processes, name="work_processes"),
    path(
        "work-processes/<int:work_process_id>/",
        views.work_process_edit,
        name="work_process_edit",
    ),
    path("evaluations/", views.evaluations, name="evaluations"),
    path("evaluations/<int:evaluation_id>/", views.evaluation, name="evaluation"),
    path(
        "evaluations/<int:evaluation_id>/acknowledge/",
        views.evaluation_acknowledge,
        name="evaluation_acknowledge",
    ),
    path("import/", views.payroll_import, name="import"),
    path("import/<int:batch_id>/", views.import_preview, name="import_preview"),
    path("import/mappings/new/", views.mapping_edit, name="mapping_create"),
    path("import/mappings/<int:mapping_id>/", views.mapping_edit, name="mapping_edit"),
]
