import json

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from devsso import control
from devsso.users import PASSWORD, USERS


def home(request):
    return render(request, "devsso/home.html", {"users": USERS, "password": PASSWORD})


@csrf_exempt
@require_POST
def control_view(request):
    """Loopback only (the server listens on 127.0.0.1): the tests' lever."""
    try:
        values = json.loads(request.body)
    except ValueError:
        return HttpResponse(status=400)
    return JsonResponse(control.write(values))
