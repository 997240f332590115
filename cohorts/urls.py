from django.urls import path

from cohorts import views

app_name = "cohorts"

urlpatterns = [
    path("", views.cohort_list, name="list"),
    path("plan/", views.cohort_plan_year, name="plan_year"),
    path("closures/new/", views.closure_create, name="closure_create"),
    path("<int:cohort_id>/edit/", views.cohort_edit, name="edit"),
]
