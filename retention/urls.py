from django.urls import path

from retention import views

app_name = "retention"

urlpatterns = [
    path("", views.run_list, name="runs"),
    path("holds/", views.hold_add, name="hold_add"),
    path("holds/<int:hold_id>/lift/", views.hold_lift, name="hold_lift"),
]
