"""Personal records: documents, voluntary self-identification, screening and the SSN."""

from __future__ import annotations

import os
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from applicants.models import (
    Application,
    Document,
    Person,
    Screening,
    SelfIdentification,
)
from applicants.services.core import (
    EXITS,
    Step,
    application_move,
)
from applicants.uploads import sniff
from apprenticeship.updates import model_update
from audit.services import personal_data_record


@transaction.atomic
def person_ssn_set(*, person: Person, ssn: str, by: User) -> None:
    """Record the SSN (for RAPIDS registration). Stored encrypted; the change is audited."""
    person.ssn = ssn
    person.save(update_fields=["ssn"])
    personal_data_record(
        actor=by, obj=person, fields=["ssn"], action="change", purpose="SSN recorded"
    )


@transaction.atomic
def screening_record(
    *, application: Application, kind: str, status: str, on: date, details: str, by: User
) -> Screening:
    if application.step != Step.SCREENING:
        raise ValidationError(_("Screening is recorded once testing is passed."))
    screening, _created = Screening.objects.update_or_create(
        application=application,
        kind=kind,
        defaults={"status": status, "on": on, "details": details, "recorded_by": by},
    )
    personal_data_record(
        actor=by,
        obj=screening,
        fields=["status", "details"],
        action="change",
        purpose="screening result",
    )
    statuses = dict(application.screenings.values_list("kind", "status"))
    if status == Screening.Status.NOT_CLEARED:
        application_move(
            application=application,
            to_step=Step.FAILED_SCREEN,
            by=by,
            reason=f"{Screening.Kind(kind).label} not cleared on {on:%b %d, %Y}.",
        )
    elif all(statuses.get(k) == Screening.Status.CLEARED for k in Screening.Kind.values):
        application_move(application=application, to_step=Step.READY_FOR_HIRE, by=by)
    return screening


SELF_IDENTIFICATION_FIELDS = ("sex", "ethnicity", "races", "disability", "veteran")


@transaction.atomic
def self_identification_save(*, application: Application, data: dict) -> SelfIdentification:
    """Voluntary answers, stored apart from the application; they never change it."""
    answers, _created = SelfIdentification.objects.get_or_create(application=application)
    if "disability" in data:
        answers.disability_answered_at = timezone.now()
    model_update(instance=answers, data=data, fields=SELF_IDENTIFICATION_FIELDS)
    personal_data_record(
        actor=None,
        obj=answers,
        fields=list(data),
        action="change",
        purpose="applicant's voluntary self-identification",
    )
    return answers


@transaction.atomic
def document_upload(*, application: Application, kind: str, upload) -> Document:
    """Keep an applicant's document if its content is a PDF, JPG or PNG of at most 5 MB."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not application.is_draft and application.step in EXITS:
        raise ValidationError(_("This application is closed."))
    if application.documents.count() >= settings.DOCUMENTS_PER_APPLICATION:
        raise ValidationError(
            ngettext(
                "An application holds at most %(count)d document.",
                "An application holds at most %(count)d documents.",
                settings.DOCUMENTS_PER_APPLICATION,
            )
            % {"count": settings.DOCUMENTS_PER_APPLICATION}
        )
    content_type, extension = sniff(upload)
    original = os.path.basename(upload.name)[:200]
    upload.name = f"document.{extension}"
    document = Document(
        application=application,
        kind=kind,
        file=upload,
        original_name=original,
        content_type=content_type,
        size=upload.size,
    )
    document.full_clean()
    document.save()
    return document
