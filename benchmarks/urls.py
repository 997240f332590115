"""The project's URLs plus the floor every page is compared with: a view that renders the
base layout for the signed-in user and does nothing else (Django, sessions, middleware,
the navigation), which no page can beat."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import include, path


@login_required
def floor(request):
    return render(request, "base.html", {})


urlpatterns = [
    path("_bench/floor/", floor),
    path("", include("apprenticeship.urls")),
]
