from django.contrib.auth import views as auth_views
from django.urls import include, path

from devsso import views

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="devsso/login.html"), name="login"),
    path("control/", views.control_view),
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
    path("", views.home),
]
