from csp.decorators import csp_update
from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from api import views

router = SimpleRouter(trailing_slash=True)
router.register("programs", views.Programs, basename="program")
router.register("tracks", views.Tracks, basename="track")
router.register("cohorts", views.Cohorts, basename="cohort")
router.register("apprentices", views.Apprentices, basename="apprentice")
router.register("apprentice-events", views.ApprenticeEvents, basename="apprentice-event")
router.register("wage-steps", views.WageSteps, basename="wage-step")
router.register("timesheets", views.Timesheets, basename="timesheet")
router.register("class-sessions", views.ClassSessions, basename="class-session")
router.register("attendance", views.Attendances, basename="attendance")
router.register("grades", views.Grades, basename="grade")
router.register("exam-attempts", views.ExamAttempts, basename="exam-attempt")
router.register("requisitions", views.Requisitions, basename="requisition")
router.register("applications", views.Applications, basename="application")

app_name = "api"

urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="schema"),
    # Swagger UI sets inline styles (never inline script): allowed on this page only.
    path(
        "docs/",
        csp_update({"style-src": ["'unsafe-inline'"]})(
            SpectacularSwaggerSplitView.as_view(url_name="api:schema")
        ),
        name="docs",
    ),
    path("time-entries/", views.TimeEntries.as_view(), name="time_entries"),
    path("", include(router.urls)),
]
