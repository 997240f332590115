from django.urls import path

from api import admin_views

app_name = "api_tokens"

urlpatterns = [
    path("", admin_views.tokens, name="list"),
    path("<int:token_id>/revoke/", admin_views.token_revoke_view, name="revoke"),
]
