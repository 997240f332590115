from django.urls import path

from programs import views

app_name = "programs"

urlpatterns = [
    path("", views.program_overview, name="overview"),
    path("<int:program_id>/edit/", views.program_edit, name="program_edit"),
    path("tracks/", views.track_list, name="track_list"),
    path("tracks/new/", views.track_create, name="track_create"),
    path("tracks/<int:track_id>/edit/", views.track_edit, name="track_edit"),
    path("tracks/<int:track_id>/standards/", views.standard_list, name="standard_list"),
    path("tracks/<int:track_id>/standards/draft/", views.standard_draft, name="standard_draft"),
    path("standards/<int:standard_id>/", views.standard_detail, name="standard_detail"),
    path("standards/<int:standard_id>/edit/", views.standard_edit, name="standard_edit"),
    path("standards/<int:standard_id>/<slug:step>/", views.standard_step, name="standard_step"),
    path("standards/<int:standard_id>/criteria/new/", views.criterion_add, name="criterion_add"),
    path(
        "standards/<int:standard_id>/criteria/<int:criterion_id>/remove/",
        views.criterion_remove,
        name="criterion_remove",
    ),
    path(
        "standards/<int:standard_id>/credentials/new/",
        views.credential_add,
        name="credential_add",
    ),
    path(
        "standards/<int:standard_id>/credentials/<int:credential_id>/remove/",
        views.credential_remove,
        name="credential_remove",
    ),
    path("modifications/", views.modifications, name="modifications"),
    path("departments/", views.department_list, name="department_list"),
    path("departments/new/", views.department_create, name="department_create"),
    path("departments/<int:department_id>/", views.department_detail, name="department_detail"),
    path("departments/<int:department_id>/edit/", views.department_edit, name="department_edit"),
]
