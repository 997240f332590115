"""What the API shows of each record. Never an SSN, a date of birth or an EEO answer."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from applicants.models import Application
from classroom.models import Attendance, ClassSession, Grade
from clinic.models import Timesheet
from cohorts.models import Apprentice, ApprenticeEvent, Cohort, employee_id_validator
from hiring.models import Requisition
from programs.models import Program, Standard, Track
from wages.models import ExamAttempt, WageStep


class ProgramSerializer(serializers.ModelSerializer):
    time_zone = serializers.SerializerMethodField()

    class Meta:
        model = Program
        fields = [
            "id",
            "name",
            "sponsor_name",
            "dol_program_number",
            "registration_agency",
            "registration_agency_name",
            "time_zone",
        ]

    def get_time_zone(self, program) -> str:
        from django.conf import settings

        return settings.TIME_ZONE


class StandardSerializer(serializers.ModelSerializer):
    class Meta:
        model = Standard
        fields = [
            "id",
            "version",
            "state",
            "approach",
            "term_weeks",
            "rti_weeks",
            "rti_hours",
            "ojl_hours",
            "ojl_hours_max",
        ]


class TrackSerializer(serializers.ModelSerializer):
    standards = StandardSerializer(many=True, read_only=True)

    class Meta:
        model = Track
        fields = [
            "id",
            "program",
            "name",
            "slug",
            "kind",
            "onet_code",
            "rapids_occupation_code",
            "certification_name",
            "is_active",
            "standards",
        ]


class CohortSerializer(serializers.ModelSerializer):
    class Meta:
        model = Cohort
        fields = ["id", "track", "start_date", "capacity", "classroom_location"]


class ApprenticeSerializer(serializers.ModelSerializer):
    first_name = serializers.CharField(source="person.first_name", read_only=True)
    last_name = serializers.CharField(source="person.last_name", read_only=True)
    track = serializers.IntegerField(source="cohort.track_id", read_only=True)
    department = serializers.CharField(
        source="department.name", read_only=True, allow_null=True, default=None
    )
    ojl_hours_approved = serializers.DecimalField(
        source="hours_approved", max_digits=8, decimal_places=2, read_only=True
    )
    hourly_rate = serializers.DecimalField(
        source="rate_today", max_digits=7, decimal_places=2, read_only=True, allow_null=True
    )

    class Meta:
        model = Apprentice
        fields = [
            "id",
            "first_name",
            "last_name",
            "employee_id",
            "rapids_id",
            "status",
            "cohort",
            "track",
            "department",
            "employment_start",
            "probation_end",
            "ojl_hours_approved",
            "hourly_rate",
        ]
        read_only_fields = [f for f in fields if f not in ("employee_id", "rapids_id")]


class ApprenticeWriteSerializer(serializers.Serializer):
    """The two fields an HR system or RAPIDS may set."""

    employee_id = serializers.CharField(
        max_length=32, required=False, validators=[employee_id_validator]
    )
    rapids_id = serializers.RegexField(r"^[A-Za-z0-9-]{1,32}$", required=False)


class ApprenticeEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = ApprenticeEvent
        fields = [
            "id",
            "apprentice",
            "from_status",
            "to_status",
            "effective_on",
            "at",
            "reason_code",
            "during_probation",
        ]


class WageStepSerializer(serializers.ModelSerializer):
    class Meta:
        model = WageStep
        fields = [
            "id",
            "apprentice",
            "key",
            "trigger",
            "ojl_hours",
            "triggered_on",
            "effective_on",
            "status",
            "hourly_rate",
            "previous_rate",
        ]


class TimesheetSerializer(serializers.ModelSerializer):
    class Meta:
        model = Timesheet
        fields = [
            "id",
            "apprentice",
            "week_start",
            "status",
            "total_hours",
            "imported",
            "submitted_at",
            "decided_at",
        ]


class TimeEntryInSerializer(serializers.Serializer):
    employee_id = serializers.CharField(max_length=32)
    date = serializers.DateField()
    hours = serializers.DecimalField(max_digits=6, decimal_places=2, coerce_to_string=False)
    work_process = serializers.CharField(max_length=200, required=False, allow_blank=True)
    pay_code = serializers.CharField(max_length=40, required=False, allow_blank=True)
    row_id = serializers.CharField(
        max_length=100,
        required=False,
        allow_blank=True,
        help_text="The timekeeping system's own id of the row: sent again, it counts once.",
    )


class TimeEntriesInSerializer(serializers.Serializer):
    entries = TimeEntryInSerializer(many=True, allow_empty=False, max_length=5000)


class TimeEntryOutcomeSerializer(serializers.Serializer):
    row = serializers.IntegerField()
    employee_id = serializers.CharField()
    status = serializers.ChoiceField(["new", "duplicate", "rejected", "not_counted"])
    reason = serializers.CharField()
    hours_counted = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    note = serializers.CharField()


class TimeEntriesOutSerializer(serializers.Serializer):
    written = serializers.IntegerField()
    rows = TimeEntryOutcomeSerializer(many=True)


class ClassSessionSerializer(serializers.ModelSerializer):
    start_time = serializers.SerializerMethodField()

    class Meta:
        model = ClassSession
        fields = ["id", "cohort", "kind", "status", "date", "start_time", "hours", "module"]

    @extend_schema_field(
        {
            "type": "string",
            "pattern": "^[0-2][0-9]:[0-5][0-9]$",
            "description": "HH:MM, local time in the program's time zone (not RFC 3339: no "
            "offset, as a class starts at 8:00 wherever the clocks are)",
        }
    )
    def get_start_time(self, session) -> str:
        return session.start_time.strftime("%H:%M")


class AttendanceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Attendance
        fields = ["id", "session", "apprentice", "status", "minutes_late", "hours_credited"]


class AttendanceInSerializer(serializers.Serializer):
    session = serializers.IntegerField(min_value=1)
    apprentice = serializers.IntegerField(min_value=1)
    status = serializers.ChoiceField(
        [s for s in Attendance.Status.values if s != Attendance.Status.CHECKED_IN]
    )
    minutes_late = serializers.IntegerField(min_value=0, max_value=600, default=0)
    reason = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class GradeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Grade
        fields = ["id", "apprentice", "module", "score", "graded_at"]


class GradeInSerializer(serializers.Serializer):
    apprentice = serializers.IntegerField(min_value=1)
    module = serializers.IntegerField(min_value=1)
    score = serializers.IntegerField(min_value=0, max_value=100)


class ExamAttemptSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExamAttempt
        fields = ["id", "apprentice", "exam", "scheduled_on", "score", "passed"]


class RequisitionSerializer(serializers.ModelSerializer):
    department = serializers.CharField(source="department.name", read_only=True)

    class Meta:
        model = Requisition
        fields = ["id", "department", "track", "cohort", "positions", "status", "opened_at"]


class ApplicationSerializer(serializers.ModelSerializer):
    """Where an application stands; never a name, an EEO answer, an SSN or a birth date."""

    class Meta:
        model = Application
        fields = [
            "id",
            "track",
            "intake_month",
            "step",
            "submitted_at",
            "step_changed_at",
            "is_current_employee",
            "outreach_source",
        ]
