from django.contrib import admin
from django.urls import include, path

from apprenticeship import converters
from dashboard import views as dashboard_views
from programs import views as programs_views

converters.register()

urlpatterns = [
    path("", include("dashboard.urls")),
    path("accounts/", include("accounts.urls")),
    path("program/", include("programs.urls")),
    path("apply/", include("applicants.urls")),
    path("cohorts/", include("cohorts.urls")),
    path("hiring/", include("hiring.urls")),
    path("classroom/", include("classroom.urls")),
    path("clinic/", include("clinic.urls")),
    path("support/", include("support.urls")),
    path("wages/", include("wages.urls")),
    path("reminders/", include("reminders.urls")),
    path("reports/", include("reports.urls")),
    path("audit/", include("audit.urls")),
    path("retention/", include("retention.urls")),
    path("api/v1/", include("api.urls")),
    path("api-tokens/", include("api.admin_urls")),
    path("sso/", include("identity.urls")),
    path("scim/v2/", include("identity.scim_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
    path("equal-opportunity/", programs_views.eeo_notices, name="eeo_notices"),
    path("healthz", dashboard_views.healthz, name="healthz"),
]

handler404 = "dashboard.views.page_not_found"
handler500 = "dashboard.views.server_error"
