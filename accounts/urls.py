from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password/change/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("two-step/", views.two_factor_view, name="two_factor"),
    path("two-step/verify/", views.otp_verify_view, name="otp_verify"),
    path("two-step/backup-codes/", views.backup_codes_view, name="two_factor_backup_codes"),
    path("two-step/off/", views.two_factor_off_view, name="two_factor_off"),
    path("sessions/end-others/", views.sessions_end_others, name="sessions_end_others"),
    path("users/", views.user_list_view, name="user_list"),
    path("users/invite/", views.user_invite_view, name="user_invite"),
    path("users/<int:user_id>/", views.user_edit_view, name="user_edit"),
    path("users/<int:user_id>/reinvite/", views.user_reinvite_view, name="user_reinvite"),
    path(
        "users/<int:user_id>/two-step/reset/",
        views.user_two_factor_reset_view,
        name="user_two_factor_reset",
    ),
]
