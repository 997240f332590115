from django.urls import path

from api import admin_views

app_name = "api_tokens"

urlpatterns = [
    path("", admin_views.tokens, name="list"),
    path("<int:token_id>/revoke/", admin_views.token_revoke_view, name="revoke"),
    path("webhooks/", admin_views.webhooks, name="webhooks"),
    path("webhooks/demo-receiver/", admin_views.demo_receiver, name="demo_receiver"),
    path(
        "webhooks/<int:endpoint_id>/",
        admin_views.webhook_deliveries,
        name="webhook_deliveries",
    ),
    path(
        "webhooks/<int:endpoint_id>/disable/",
        admin_views.webhook_disable,
        name="webhook_disable",
    ),
    path(
        "webhooks/<int:endpoint_id>/deliveries/<int:delivery_id>/resend/",
        admin_views.webhook_resend,
        name="webhook_resend",
    ),
]
