"""People who apply, and their applications moving through the pipeline (DESIGN.md)."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from encrypted_fields.fields import EncryptedCharField

from apprenticeship.history import track_changes
from apprenticeship.validators import US_STATES, phone_validator, zip_code_validator
from programs.models import Track

if TYPE_CHECKING:
    from accounts.models import User


class Person(models.Model):
    """One human across applications; later the same person becomes the apprentice."""

    first_name = models.CharField(_("first name"), max_length=80)
    last_name = models.CharField(_("last name"), max_length=80)
    email = models.EmailField(_("email"), db_index=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True, validators=[phone_validator])
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    # The home address RAPIDS registers the apprentice with (its layout keeps 55 characters).
    street_address = models.CharField(_("street address"), max_length=55, blank=True)
    city = models.CharField(_("city"), max_length=55, blank=True)
    state = models.CharField(_("state"), max_length=2, blank=True, choices=US_STATES)
    zip_code = models.CharField(
        _("ZIP code"), max_length=5, blank=True, validators=[zip_code_validator]
    )
    # Encrypted in the database (Fernet, key from SECRET_KEY and FIELD_ENCRYPTION_SALT); shown
    # masked, in full only in the audited RAPIDS export.
    ssn = EncryptedCharField(_("Social Security number"), max_length=11, null=True, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=[("en", "English"), ("es", "Español")],
        default="en",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        # The pipeline's search is a case-insensitive "contains" on these: trigram indexes.
        indexes = [
            GinIndex(OpClass(Upper(field), name="gin_trgm_ops"), name=f"person_{field}_trgm")
            for field in ("first_name", "last_name", "email")
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def full_name(self) -> str:
        return str(self)

    @property
    def ssn_masked(self) -> str:
        return f"•••-••-{self.ssn[-4:]}" if self.ssn else ""


def _private_token() -> str:
    return secrets.token_urlsafe(32)


class ApplicationQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> ApplicationQuerySet:
        """Program staff see every application. Hiring managers see candidates only through
        the hiring app's releases, never through this QuerySet."""
        if user.is_authenticated and user.is_program_staff:
            return self
        return self.none()


@track_changes(exclude=["token", "approver_email"])
class Application(models.Model):
    class Step(models.TextChoices):
        INTEREST = "interest", _("Interested")
        SESSION_ATTENDED = "session_attended", _("Info session attended")
        APPLIED = "applied", _("Applied")
        TESTING = "testing", _("Testing")
        SCREENING = "screening", _("Background and drug screen")
        READY_FOR_HIRE = "ready_for_hire", _("Ready for hire")
        INTERVIEWING = "interviewing", _("Interviewing")
        OFFERED = "offered", _("Offered")
        ACCEPTED = "accepted", _("Accepted")
        ONBOARDING = "onboarding", _("Onboarding")
        ENROLLED = "enrolled", _("Enrolled")
        # exits
        WITHDRAWN = "withdrawn", _("Withdrawn")
        NOT_ELIGIBLE = "not_eligible", _("Not eligible")
        FAILED_SCREEN = "failed_screen", _("Did not clear screening")
        NO_SHOW = "no_show", _("No-show")
        DECLINED = "declined", _("Declined offer")

    class Education(models.TextChoices):
        HIGH_SCHOOL = "high_school", _("High-school diploma")
        GED = "ged", _("GED or equivalent")
        NONE = "none", _("Neither yet")

    class EducationLevel(models.TextChoices):
        """The highest level completed, by the RAPIDS upload layout's codes (its categories
        for Apprentice Education Level: 5 is "did not self-identify")."""

        BELOW_HIGH_SCHOOL = "1", _("Less than a high-school diploma")
        HIGH_SCHOOL = "3", _("High-school diploma or GED")
        SOME_COLLEGE = "6", _("Some college or an associate degree")
        BACHELOR = "7", _("Bachelor's degree")
        MASTER = "8", _("Master's degree")
        DOCTORATE = "9", _("Doctorate or professional degree")
        NOT_DISCLOSED = "5", _("I prefer not to say")

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="applications")
    track = models.ForeignKey(Track, on_delete=models.PROTECT, related_name="applications")
    intake_month = models.DateField(_("intake month"), help_text=_("First day of the month."))
    step = models.CharField(_("step"), max_length=20, choices=Step.choices, default=Step.INTEREST)
    step_changed_at = models.DateTimeField(auto_now_add=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The private link of the applicant: resume the form, see the status, withdraw.
    token = models.CharField(max_length=48, unique=True, default=_private_token, editable=False)
    education = models.CharField(
        _("education"), max_length=16, choices=Education.choices, blank=True
    )
    education_level = models.CharField(
        _("highest level of education completed"),
        max_length=1,
        choices=EducationLevel.choices,
        blank=True,
    )
    healthcare_months = models.PositiveSmallIntegerField(
        _("months of healthcare work experience"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(600)],
    )
    is_current_employee = models.BooleanField(_("I already work here"), default=False)
    approver_email = models.EmailField(_("your manager's email"), blank=True)
    available_for_start = models.BooleanField(_("available for the monthly start"), default=False)
    heard_about = models.CharField(_("how did you hear about us?"), max_length=120, blank=True)
    outreach_source = models.ForeignKey(
        "applicants.OutreachSource",
        verbose_name=_("how did you hear about us?"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    eligibility = models.JSONField(default=list, blank=True)
    eligibility_override_reason = models.TextField(blank=True)
    eligibility_overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["intake_month", "track", "step"]),
            # The pipeline board lists the most recently moved first.
            models.Index(fields=["-step_changed_at", "-id"], name="application_board_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.track} · {self.intake_month:%B %Y}"

    @property
    def is_draft(self) -> bool:
        return self.submitted_at is None and self.step == self.Step.INTEREST


class StatusEvent(models.Model):
    """Every move of an application: from, to, when, who, why."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    from_step = models.CharField(max_length=20, choices=Application.Step.choices, blank=True)
    to_step = models.CharField(max_length=20, choices=Application.Step.choices)
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.from_step or '-'} → {self.to_step}"


class Experience(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="experience"
    )
    employer = models.CharField(_("employer"), max_length=160)
    role = models.CharField(_("role"), max_length=120)
    months = models.PositiveSmallIntegerField(
        _("months"), validators=[MinValueValidator(1), MaxValueValidator(600)]
    )

    def __str__(self) -> str:
        return f"{self.role} at {self.employer} ({self.months} months)"


@track_changes()
class EligibilityRules(models.Model):
    """The program's thresholds: each rule is a gate except WorkKeys, which is a preference."""

    program = models.OneToOneField(
        "programs.Program", on_delete=models.CASCADE, related_name="eligibility_rules"
    )
    minimum_age = models.PositiveSmallIntegerField(_("minimum age"), default=18)
    minimum_healthcare_months = models.PositiveSmallIntegerField(
        _("minimum months of healthcare experience"), default=24
    )
    minimum_typing_wpm = models.PositiveSmallIntegerField(
        _("minimum typing speed (words per minute)"), default=30
    )
    minimum_entrance_exam = models.PositiveSmallIntegerField(
        _("minimum entrance exam score"), default=70, validators=[MaxValueValidator(100)]
    )
    preferred_workkeys_level = models.PositiveSmallIntegerField(
        _("preferred WorkKeys level (each area)"),
        default=3,
        validators=[MinValueValidator(3), MaxValueValidator(7)],
    )

    def __str__(self) -> str:
        return f"Eligibility rules of {self.program}"


@track_changes()
class TestResult(models.Model):
    class Kind(models.TextChoices):
        ENTRANCE_EXAM = "entrance_exam", _("Entrance exam score")
        TYPING_WPM = "typing_wpm", _("Typing (words per minute)")
        APPLIED_MATH = "workkeys_applied_math", _("WorkKeys Applied Math")
        GRAPHIC_LITERACY = "workkeys_graphic_literacy", _("WorkKeys Graphic Literacy")
        WORKPLACE_DOCUMENTS = "workkeys_workplace_documents", _("WorkKeys Workplace Documents")

    WORKKEYS = (Kind.APPLIED_MATH, Kind.GRAPHIC_LITERACY, Kind.WORKPLACE_DOCUMENTS)

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="tests")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    value = models.PositiveSmallIntegerField(validators=[MaxValueValidator(200)])
    tested_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "kind"], name="one_result_per_test")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"


@track_changes(exclude=["details"])
class Screening(models.Model):
    """Background check and drug screen. Details are for program staff only."""

    class Kind(models.TextChoices):
        BACKGROUND = "background", _("Background check")
        DRUG = "drug", _("Drug screen")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        CLEARED = "cleared", _("Cleared")
        NOT_CLEARED = "not_cleared", _("Not cleared")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="screenings"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    status = models.CharField(max_length=12, choices=Status.choices)
    on = models.DateField(_("date"))
    details = models.TextField(_("details (staff only)"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "kind"], name="one_screening_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.get_status_display()}"


class InfoSession(models.Model):
    class Kind(models.TextChoices):
        WORKFORCE = "workforce", _("Workforce Development office")
        COMMUNITY = "community", _("Community event")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.WORKFORCE)
    title = models.CharField(_("title"), max_length=160, default="Apprenticeship info session")
    location_name = models.CharField(_("place"), max_length=160)
    address = models.CharField(_("address"), max_length=250)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveSmallIntegerField(
        _("seats"), default=30, validators=[MinValueValidator(1)]
    )

    class Meta:
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return f"{self.title} · {self.starts_at:%b %d, %Y}"

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            from django.core.exceptions import ValidationError

            raise ValidationError({"ends_at": _("A session ends after it starts.")})


# Steps that take an application out of the pipeline.
EXIT_STEPS = frozenset(
    {
        Application.Step.WITHDRAWN,
        Application.Step.NOT_ELIGIBLE,
        Application.Step.FAILED_SCREEN,
        Application.Step.NO_SHOW,
        Application.Step.DECLINED,
    }
)


class SessionBooking(models.Model):
    class Status(models.TextChoices):
        BOOKED = "booked", _("Booked")
        CANCELLED = "cancelled", _("Cancelled")
        ATTENDED = "attended", _("Attended")
        NO_SHOW = "no_show", _("Did not come")

    session = models.ForeignKey(InfoSession, on_delete=models.CASCADE, related_name="bookings")
    name = models.CharField(_("name"), max_length=160)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=32, blank=True, validators=[phone_validator])
    language = models.CharField(max_length=8, default="en")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.BOOKED)
    token = models.CharField(max_length=48, unique=True, default=_private_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "email"],
                condition=~models.Q(status="cancelled"),
                name="one_live_booking_per_email",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} · {self.session}"


class DepartmentApproval(models.Model):
    """A current employee's manager approves or declines their application by private link."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="department_approval"
    )
    approver_email = models.EmailField()
    token = models.CharField(max_length=48, unique=True, default=_private_token, editable=False)
    approved = models.BooleanField(null=True)
    comment = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    def __str__(self) -> str:
        return f"Approval of {self.application_id} by {self.approver_email}"


class SelfIdentification(models.Model):
    """Voluntary EEO answers (29 CFR 30), kept apart from the application and never shown to
    hiring managers; used only in aggregate reports."""

    class Sex(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")
        DECLINE = "decline", _("I do not wish to answer")

    class Ethnicity(models.TextChoices):
        HISPANIC = "hispanic", _("Hispanic or Latino")
        NOT_HISPANIC = "not_hispanic", _("Not Hispanic or Latino")
        DECLINE = "decline", _("I do not wish to answer")

    class Disability(models.TextChoices):
        YES = "yes", _("Yes, I have a disability (or previously had one)")
        NO = "no", _("No, I do not have a disability")
        DECLINE = "decline", _("I do not wish to answer")

    class Veteran(models.TextChoices):
        YES = "yes", _("Yes, I served on active duty and was not dishonorably discharged")
        NO = "no", _("No, I am not a veteran")
        DECLINE = "decline", _("I do not wish to answer")

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="self_identification"
    )
    sex = models.CharField(max_length=8, choices=Sex.choices, blank=True)
    ethnicity = models.CharField(max_length=14, choices=Ethnicity.choices, blank=True)
    races = models.JSONField(default=list, blank=True)
    disability = models.CharField(max_length=8, choices=Disability.choices, blank=True)
    disability_answered_at = models.DateTimeField(null=True, blank=True)
    veteran = models.CharField(max_length=8, choices=Veteran.choices, blank=True)
    answered_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Self-identification of application {self.application_id}"


class OutreachSource(models.Model):
    """29 CFR 30.8: the record of outreach and recruitment: where and to whom the program went
    looking for applicants (events, information sessions, partner organisations, job boards),
    and, through the applications that name it, whom each brought."""

    class Kind(models.TextChoices):
        COMMUNITY_EVENT = "community_event", _("Community event or job fair")
        INFO_SESSION = "info_session", _("Information session")
        PARTNER = "partner", _("Partner organisation")
        SCHOOL = "school", _("School or pre-apprenticeship program")
        JOB_BOARD = "job_board", _("Job board or advertisement")
        REFERRAL = "referral", _("Employee referral")
        OTHER = "other", _("Other")

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="outreach_sources"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name = models.CharField(
        _("name"),
        max_length=150,
        help_text=_("As applicants will see it, e.g. North County job fair, Urban League"),
    )
    held_on = models.DateField(_("date"), null=True, blank=True, help_text=_("For an event."))
    audience = models.CharField(
        _("audience reached"),
        max_length=200,
        blank=True,
        help_text=_("Whom it reaches, e.g. women in healthcare, veterans, adults in 63136"),
    )
    contact = models.CharField(_("partner contact"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    is_active = models.BooleanField(
        _("offered on the application"),
        default=True,
        help_text=_("Applicants can choose it under 'How did you hear about us?'"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-held_on", "name"]

    def __str__(self) -> str:
        return self.name


class DisabilityStage(models.TextChoices):
    """When someone is invited to self-identify a disability (29 CFR 30.11)."""

    PRE_OFFER = "pre_offer", _("Before an offer (when applying)")
    POST_OFFER = "post_offer", _("After accepting an offer, before starting")
    APPRENTICE = "apprentice", _("One-time invitation to a current apprentice")
    YEARLY = "yearly", _("Yearly reminder to update")


class DisabilityInvitation(models.Model):
    """An invitation to self-identify a disability (29 CFR 30.11(a)-(c)): to whom, at which
    stage, when it went and when it was answered."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="disability_invitations"
    )
    application = models.ForeignKey(
        Application, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    stage = models.CharField(max_length=10, choices=DisabilityStage.choices)
    sent_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        indexes = [models.Index(fields=["person", "stage", "sent_at"])]

    def __str__(self) -> str:
        return f"Disability invitation {self.stage} of person {self.person_id}"


class DisabilityAnswer(models.Model):
    """One answer to the invitation, kept as a history (29 CFR 30.11): never overwritten, kept
    apart from the application and personnel records, read only for the program admins'
    aggregate reports (the 7% utilization analysis of 29 CFR 30.7)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="disability_answers")
    application = models.ForeignKey(
        Application, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    stage = models.CharField(max_length=10, choices=DisabilityStage.choices)
    answer = models.CharField(max_length=8, choices=SelfIdentification.Disability.choices)
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-answered_at", "-pk"]
        indexes = [models.Index(fields=["person", "answered_at"])]

    def __str__(self) -> str:
        return f"Disability answer {self.stage} of person {self.person_id}"


def _document_path(instance: Document, filename: str) -> str:
    # A random name: the applicant's own file name never reaches the disk or a URL.
    return f"{instance.application_id}/{secrets.token_hex(16)}.{filename.rsplit('.', 1)[-1]}"


def _private_storage():
    from applicants.uploads import private_storage

    return private_storage()


class Document(models.Model):
    class Kind(models.TextChoices):
        RESUME = "resume", _("Resume")
        DIPLOMA = "diploma", _("Diploma or GED")
        OTHER = "other", _("Other")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind of document"), max_length=10, choices=Kind.choices)
    file = models.FileField(upload_to=_document_path, storage=_private_storage)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.original_name}"


class TrackPresentation(models.Model):
    """The program presentation staff upload for a track's public page."""

    track = models.OneToOneField(Track, on_delete=models.CASCADE, related_name="presentation")
    file = models.FileField(upload_to="presentations/", storage=_private_storage)
    uploaded_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Presentation of {self.track}"
