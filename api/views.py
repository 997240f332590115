"""/api/v1/: the program, tracks, cohorts, apprentices, their status events, wage steps and
timesheets (read), hours from timekeeping and an apprentice's employee id and RAPIDS number
(write). Reads go through api.scoping, writes through the same services as the pages."""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal

import pghistory
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from api import scoping
from api.errors import problem
from api.models import IdempotentReply, Scope
from api.serializers import (
    ApplicationSerializer,
    ApprenticeEventSerializer,
    ApprenticeSerializer,
    ApprenticeWriteSerializer,
    AttendanceInSerializer,
    AttendanceSerializer,
    ClassSessionSerializer,
    CohortSerializer,
    ExamAttemptSerializer,
    GradeInSerializer,
    GradeSerializer,
    ProgramSerializer,
    RequisitionSerializer,
    TimeEntriesInSerializer,
    TimeEntriesOutSerializer,
    TimesheetSerializer,
    TrackSerializer,
    WageStepSerializer,
)
from audit.services import personal_data_record, personal_data_record_many
from classroom.models import Attendance, ClassSession, Grade, Module
from classroom.services import attendance_mark, grade_record
from clinic.imports import import_rows
from clinic.models import Timesheet
from clinic.selectors import approved_ojl_hours
from cohorts.models import Apprentice, ApprenticeEvent
from cohorts.services import apprentice_identifiers_set
from hiring.models import Requisition
from programs.models import Program
from wages.models import ExamAttempt, WageStep
from wages.steps import rates_on

POSITIVE = {"type": "integer", "minimum": 1}
UPDATED_SINCE = OpenApiParameter(
    "updated_since",
    OpenApiTypes.DATETIME,
    description="Only records created or changed at or after this moment (ISO 8601).",
)


class Filters(serializers.Serializer):
    updated_since = serializers.DateTimeField(required=False)
    apprentice = serializers.IntegerField(required=False, min_value=1)
    cohort = serializers.IntegerField(required=False, min_value=1)
    session = serializers.IntegerField(required=False, min_value=1)
    track = serializers.IntegerField(required=False, min_value=1)
    status = serializers.CharField(required=False, max_length=24)
    employee_id = serializers.CharField(required=False, max_length=32)
    week_from = serializers.DateField(required=False)
    week_to = serializers.DateField(required=False)


def etag_of(data) -> str:
    body = json.dumps(data, sort_keys=True, default=str).encode()
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


class Base(viewsets.GenericViewSet):
    scopes: dict[str, str] = {}
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the OpenAPI document is being made
            return self.get_serializer_class().Meta.model.objects.none()
        return self.scoped()

    @property
    def token(self):
        return self.request.auth

    # The list's filters: query parameter -> lookup; `updated_since` reads the change history
    # unless `since` names a timestamp lookup of the record's own.
    lookups: dict[str, str] = {}
    since = ""

    def filtered(self, found):
        if self.action != "list":
            return found
        given = Filters(data=self.request.query_params)
        given.is_valid(raise_exception=True)
        for name, value in given.validated_data.items():
            if name == "updated_since":
                found = (
                    found.filter(**{self.since: value})
                    if self.since
                    else scoping.changed_since(found, value)
                )
            elif name in self.lookups:
                found = found.filter(**{self.lookups[name]: value})
        return found


class Retrieve:
    """One record with its ETag; If-None-Match with the same ETag gets 304."""

    def retrieve(self, request, *args, **kwargs):
        data = self.get_serializer(self.get_object()).data
        tag = etag_of(data)
        if request.headers.get("If-None-Match") == tag:
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": tag})
        return Response(data, headers={"ETag": tag})


@extend_schema_view(list=extend_schema(summary="The program"))
class Programs(mixins.ListModelMixin, Base):
    scopes = {"GET": Scope.READ_PROGRAM}
    serializer_class = ProgramSerializer

    def scoped(self):
        return Program.objects.filter(tracks__in=scoping.tracks_for(self.token)).distinct()


@extend_schema_view(list=extend_schema(parameters=[UPDATED_SINCE]))
class Tracks(mixins.ListModelMixin, Retrieve, Base):
    scopes = {"GET": Scope.READ_PROGRAM}
    serializer_class = TrackSerializer

    def scoped(self):
        return self.filtered(scoping.tracks_for(self.token).prefetch_related("standards"))


@extend_schema_view(
    list=extend_schema(parameters=[UPDATED_SINCE, OpenApiParameter("track", POSITIVE)])
)
class Cohorts(mixins.ListModelMixin, Retrieve, Base):
    scopes = {"GET": Scope.READ_PROGRAM}
    serializer_class = CohortSerializer

    lookups = {"track": "track_id"}

    def scoped(self):
        return self.filtered(scoping.cohorts_for(self.token))


@extend_schema_view(
    list=extend_schema(
        parameters=[
            UPDATED_SINCE,
            OpenApiParameter("status", OpenApiTypes.STR, enum=Apprentice.Status.values),
            OpenApiParameter("cohort", POSITIVE),
            OpenApiParameter("employee_id", OpenApiTypes.STR),
        ]
    ),
    partial_update=extend_schema(request=ApprenticeWriteSerializer),
)
class Apprentices(mixins.ListModelMixin, Retrieve, Base):
    """Apprentices with their status, cohort, department, dates, approved on-the-job hours and
    the rate paid today. Names are personal data: each read is in the audit log."""

    scopes = {"GET": Scope.READ_APPRENTICES, "PATCH": Scope.WRITE_APPRENTICES}
    serializer_class = ApprenticeSerializer
    http_method_names = ["get", "patch", "head", "options"]

    lookups = {"status": "status", "cohort": "cohort_id", "employee_id": "employee_id"}

    def scoped(self):
        return self.filtered(
            scoping.apprentices_for(self.token).select_related("person", "cohort", "department")
        )

    def _decorate(self, apprentices: list[Apprentice]) -> None:
        """The rate paid today and the approved hours, for the page at once (no per-row
        query); the names read are logged."""
        ids = [a.pk for a in apprentices]
        rates, hours = rates_on(ids, timezone.localdate()), approved_ojl_hours(ids)
        for apprentice in apprentices:
            apprentice.rate_today = rates.get(apprentice.pk, apprentice.starting_hourly_rate)
            apprentice.hours_approved = hours.get(apprentice.pk, (Decimal(0),))[0]
        personal_data_record_many(
            actor=self.request.user,
            objs=[a.person for a in apprentices],
            fields=["name"],
            purpose=f"API: {self.token.name}",
        )

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        self._decorate(page)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def get_object(self):
        apprentice = super().get_object()
        self._decorate([apprentice])
        return apprentice

    def partial_update(self, request, *args, **kwargs):
        """Set the employee id (to match timekeeping) or the RAPIDS number; If-Match with the
        record's ETag refuses a change to a record changed since (412)."""
        apprentice = self.get_object()
        current = etag_of(self.get_serializer(apprentice).data)
        if (match := request.headers.get("If-Match")) and match != current:
            return problem(412, "The apprentice changed since that ETag: read it again.")
        given = ApprenticeWriteSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        values = given.validated_data
        if "rapids_id" in values and not apprentice.rapids_id:
            return problem(
                422,
                "A RAPIDS number is recorded with the registration; this corrects one only.",
                errors={"rapids_id": ["The apprentice is not registered yet."]},
            )
        with pghistory.context(api_token=self.token.name):
            apprentice_identifiers_set(
                apprentice=apprentice,
                employee_id=values.get("employee_id", apprentice.employee_id),
                rapids_id=values.get("rapids_id"),
            )
        personal_data_record(
            actor=request.user,
            obj=apprentice,
            fields=sorted(given.validated_data),
            action="change",
            purpose=f"API: {self.token.name}",
        )
        return self.retrieve(request, *args, **kwargs)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("apprentice", POSITIVE),
            OpenApiParameter(
                "updated_since", OpenApiTypes.DATETIME, description="Events entered since."
            ),
        ]
    )
)
class ApprenticeEvents(mixins.ListModelMixin, Base):
    """Status changes (registration, probation, suspension, cancellation, completion...)."""

    scopes = {"GET": Scope.READ_APPRENTICES}
    serializer_class = ApprenticeEventSerializer

    lookups = {"apprentice": "apprentice_id"}
    since = "at__gte"

    def scoped(self):
        return self.filtered(
            ApprenticeEvent.objects.filter(apprentice__in=scoping.apprentices_for(self.token))
        )


@extend_schema_view(
    list=extend_schema(parameters=[UPDATED_SINCE, OpenApiParameter("apprentice", POSITIVE)])
)
class WageSteps(mixins.ListModelMixin, Base):
    scopes = {"GET": Scope.READ_APPRENTICES}
    serializer_class = WageStepSerializer

    lookups = {"apprentice": "apprentice_id"}

    def scoped(self):
        return self.filtered(
            WageStep.objects.filter(apprentice__in=scoping.apprentices_for(self.token))
        )


@extend_schema_view(
    list=extend_schema(
        parameters=[
            UPDATED_SINCE,
            OpenApiParameter("apprentice", POSITIVE),
            OpenApiParameter("status", OpenApiTypes.STR, enum=Timesheet.Status.values),
            OpenApiParameter("week_from", OpenApiTypes.DATE),
            OpenApiParameter("week_to", OpenApiTypes.DATE),
        ]
    )
)
class Timesheets(mixins.ListModelMixin, Retrieve, Base):
    """Weeks of on-the-job hours with their total and state (approved hours count)."""

    scopes = {"GET": Scope.READ_HOURS}
    serializer_class = TimesheetSerializer

    lookups = {
        "apprentice": "apprentice_id",
        "status": "status",
        "week_from": "week_start__gte",
        "week_to": "week_start__lte",
    }

    def scoped(self):
        return self.filtered(
            Timesheet.objects.filter(apprentice__in=scoping.apprentices_for(self.token))
        )


@extend_schema_view(
    list=extend_schema(
        parameters=[
            UPDATED_SINCE,
            OpenApiParameter("cohort", POSITIVE),
            OpenApiParameter("week_from", OpenApiTypes.DATE, description="Sessions on or after."),
            OpenApiParameter("week_to", OpenApiTypes.DATE, description="Sessions on or before."),
        ]
    )
)
class ClassSessions(mixins.ListModelMixin, Base):
    scopes = {"GET": Scope.READ_CLASSROOM}
    serializer_class = ClassSessionSerializer
    lookups = {"cohort": "cohort_id", "week_from": "date__gte", "week_to": "date__lte"}

    def scoped(self):
        return self.filtered(
            ClassSession.objects.filter(cohort__in=scoping.cohorts_for(self.token))
        )


def _write_classroom(request, given_class, action):
    """A write of the classroom provider through the instructor's own service; the apprentice
    (and session or module) are fetched through the token's scope: outside it, 404."""
    given = given_class(data=request.data)
    given.is_valid(raise_exception=True)
    values = given.validated_data
    apprentice = get_object_or_404(scoping.apprentices_for(request.auth), pk=values["apprentice"])
    with transaction.atomic(), pghistory.context(api_token=request.auth.name):
        return action(values, apprentice)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            UPDATED_SINCE,
            OpenApiParameter("apprentice", POSITIVE),
            OpenApiParameter("session", POSITIVE),
        ]
    ),
    create=extend_schema(request=AttendanceInSerializer, responses={201: AttendanceSerializer}),
)
class Attendances(mixins.ListModelMixin, Base):
    """Attendance as the instructor marks it (the same rules: not before the class, a reason
    for a change after the day, lateness credited by the program's rule)."""

    scopes = {"GET": Scope.READ_CLASSROOM, "POST": Scope.WRITE_CLASSROOM}
    serializer_class = AttendanceSerializer
    lookups = {"apprentice": "apprentice_id", "session": "session_id"}

    def scoped(self):
        return self.filtered(
            Attendance.objects.filter(apprentice__in=scoping.apprentices_for(self.token))
        )

    def create(self, request):
        def mark(values, apprentice):
            session = get_object_or_404(
                ClassSession.objects.filter(cohort__in=scoping.cohorts_for(request.auth)),
                pk=values["session"],
            )
            return attendance_mark(
                session=session,
                apprentice=apprentice,
                status=values["status"],
                minutes_late=values["minutes_late"],
                reason=values["reason"],
                by=request.user,
            )

        attendance = _write_classroom(request, AttendanceInSerializer, mark)
        return Response(AttendanceSerializer(attendance).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(parameters=[UPDATED_SINCE, OpenApiParameter("apprentice", POSITIVE)]),
    create=extend_schema(request=GradeInSerializer, responses={201: GradeSerializer}),
)
class Grades(mixins.ListModelMixin, Base):
    scopes = {"GET": Scope.READ_CLASSROOM, "POST": Scope.WRITE_CLASSROOM}
    serializer_class = GradeSerializer
    lookups = {"apprentice": "apprentice_id"}

    def scoped(self):
        return self.filtered(
            Grade.objects.filter(apprentice__in=scoping.apprentices_for(self.token))
        )

    def create(self, request):
        def record(values, apprentice):
            module = get_object_or_404(
                Module.objects.filter(track__in=scoping.tracks_for(request.auth)),
                pk=values["module"],
            )
            return grade_record(
                apprentice=apprentice, module=module, score=values["score"], by=request.user
            )

        grade = _write_classroom(request, GradeInSerializer, record)
        return Response(GradeSerializer(grade).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(parameters=[UPDATED_SINCE, OpenApiParameter("apprentice", POSITIVE)])
)
class ExamAttempts(mixins.ListModelMixin, Base):
    scopes = {"GET": Scope.READ_APPRENTICES}
    serializer_class = ExamAttemptSerializer
    lookups = {"apprentice": "apprentice_id"}

    def scoped(self):
        return self.filtered(
            ExamAttempt.objects.filter(apprentice__in=scoping.apprentices_for(self.token))
        )


@extend_schema_view(
    list=extend_schema(
        parameters=[
            UPDATED_SINCE,
            OpenApiParameter("status", OpenApiTypes.STR, enum=Requisition.Status.values),
            OpenApiParameter("track", POSITIVE),
        ]
    )
)
class Requisitions(mixins.ListModelMixin, Retrieve, Base):
    scopes = {"GET": Scope.READ_HIRING}
    serializer_class = RequisitionSerializer
    lookups = {"status": "status", "track": "track_id"}

    def scoped(self):
        return self.filtered(scoping.requisitions_for(self.token).select_related("department"))


@extend_schema_view(
    list=extend_schema(
        parameters=[
            UPDATED_SINCE,
            OpenApiParameter("status", OpenApiTypes.STR, description="The pipeline step."),
            OpenApiParameter("track", POSITIVE),
        ]
    )
)
class Applications(mixins.ListModelMixin, Retrieve, Base):
    """Where each application stands in the pipeline; never a name, an EEO answer, an SSN or
    a birth date."""

    scopes = {"GET": Scope.READ_HIRING}
    serializer_class = ApplicationSerializer
    lookups = {"status": "step", "track": "track_id"}

    def scoped(self):
        return self.filtered(scoping.applications_for(self.token))


IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    description="Sent again with the same body, the first reply is returned and nothing is "
    "written twice; with another body, 422.",
)


class TimeEntries(APIView):
    """Hours from a timekeeping system, checked as a payroll file through the token's mapping
    (rounding, the day's and week's caps, the enrolment window, pay codes, class time, row
    keys): each row comes back new, duplicate, not counted or rejected with its reason. All
    the new rows are written or none."""

    scopes = {"POST": Scope.WRITE_HOURS}

    @extend_schema(
        request=TimeEntriesInSerializer,
        responses={200: TimeEntriesOutSerializer},
        parameters=[IDEMPOTENCY_KEY],
    )
    def post(self, request):
        token = request.auth
        key = request.headers.get("Idempotency-Key", "")[:200]
        digest = hashlib.sha256(request.body).hexdigest()
        if key:
            earlier = IdempotentReply.objects.filter(token=token, key=key).first()
            if earlier is not None:
                if earlier.request_hash != digest:
                    return problem(422, "This Idempotency-Key came with another body.")
                return Response(earlier.body, status=earlier.status)
        given = TimeEntriesInSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        mapping = token.mapping
        if mapping is None:
            return problem(403, "This token has no timekeeping rules to send hours with.")
        entries = given.validated_data["entries"]
        allowed = set(
            scoping.apprentices_for(token)
            .filter(employee_id__in={e["employee_id"] for e in entries})
            .values_list("employee_id", flat=True)
        )
        inside = [(n, e) for n, e in enumerate(entries, start=1) if e["employee_id"] in allowed]
        outcomes = {
            n: {
                "row": n,
                "employee_id": e["employee_id"],
                "status": "rejected",
                "reason": "Unknown employee id for this token.",
                "hours_counted": None,
                "note": "",
            }
            for n, e in enumerate(entries, start=1)
            if e["employee_id"] not in allowed
        }
        with transaction.atomic(), pghistory.context(api_token=token.name):
            written, rows = import_rows(
                mapping=mapping, entries=[e for _n, e in inside], by=request.user
            )
            for (n, _entry), row in zip(inside, rows, strict=True):
                outcomes[n] = {
                    "row": n,
                    "employee_id": row.employee_id,
                    "status": row.status,
                    "reason": str(row.reason),
                    "hours_counted": str(row.hours) if row.hours is not None else None,
                    "note": str(row.note),
                }
            body = {"written": written, "rows": [outcomes[n] for n in sorted(outcomes)]}
            if key:
                IdempotentReply.objects.create(
                    token=token, key=key, request_hash=digest, status=200, body=body
                )
        return Response(body)
