from django.urls import path

from identity import views

app_name = "identity"

urlpatterns = [
    path("start/", views.sso_start, name="sso_start"),
    path("callback/", views.sso_callback, name="sso_callback"),
    path("groups/", views.group_roles, name="group_roles"),
    path("groups/<int:mapping_id>/remove/", views.group_role_remove, name="group_role_remove"),
]
