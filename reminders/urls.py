from django.urls import path

from reminders import views

app_name = "reminders"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("bell/", views.bell, name="bell"),
    path("read/", views.read, name="read"),
    path("<int:reminder_id>/open/", views.follow, name="follow"),
    path("preferences/", views.preferences, name="preferences"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("activity/", views.activity, name="activity"),
    path("failed/<int:email_id>/resend/", views.resend, name="resend"),
    path("settings/", views.rule_settings, name="settings"),
]
