from django.urls import path

from programs import views

app_name = "programs"

urlpatterns = [
    path("", views.program_overview, name="overview"),
    path("<int:program_id>/edit/", views.program_edit, name="program_edit"),
    path("tracks/", views.track_list, name="track_list"),
    path("tracks/new/", views.track_create, name="track_create"),
    path("tracks/<int:track_id>/edit/", views.track_edit, name="track_edit"),
    path("departments/", views.department_list, name="department_list"),
    path("departments/new/", views.department_create, name="department_create"),
    path("departments/<int:department_id>/", views.department_detail, name="department_detail"),
    path("departments/<int:department_id>/edit/", views.department_edit, name="department_edit"),
]
