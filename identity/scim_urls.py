from django.urls import path, re_path

from identity import scim

urlpatterns = [
    path("", scim.endpoint, name="scim_root"),
    re_path(r"^(?P<path>[A-Za-z0-9._/:-]+)$", scim.endpoint, name="scim"),
]
