from django.urls import path

from retention import views

app_name = "retention"

urlpatterns = [path("", views.run_list, name="runs")]
