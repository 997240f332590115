"""Documents around completion: the certificate of completion PDF, the certification
certificate an apprentice earned (uploaded), and graduates' employment 6 and 12 months on."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from applicants.uploads import sniff
from apprenticeship.pdf import render_pdf
from classroom.selectors import apprentices_with_rti
from cohorts.models import Apprentice
from wages.models import CompletionCertificate, ExamAttempt, GraduateFollowUp
from wages.steps import ojl_hours_of

MAX_IMPORT_BYTES = 1024 * 1024
YES = {"yes", "y", "true", "1", "si", "sí"}
NO = {"no", "n", "false", "0"}


def certificate_render(*, certificate_id: int) -> bool:
    """Render the certificate PDF and store it; False when it was already made."""
    with transaction.atomic():
        certificate = (
            CompletionCertificate.objects.select_for_update(of=("self",))
            .select_related("apprentice__person", "apprentice__cohort__track__program")
            .get(pk=certificate_id)
        )
        if certificate.file:
            return False
        apprentice = certificate.apprentice
        (with_rti,) = apprentices_with_rti(Apprentice.objects.filter(pk=apprentice.pk), date.max)
        pdf = render_pdf(
            "wages/certificate_pdf.html",
            {
                "certificate": certificate,
                "apprentice": apprentice,
                "track": apprentice.cohort.track,
                "program": apprentice.cohort.track.program,
                "rti_hours": with_rti.rti.attended,
                "ojl_hours": ojl_hours_of([apprentice.pk]).get(apprentice.pk, 0),
            },
        )
        certificate.file.save(f"{certificate.number}.pdf", ContentFile(pdf), save=False)
        certificate.rendered_at = timezone.now()
        certificate.save(update_fields=["file", "rendered_at"])
    return True


@transaction.atomic
def exam_certificate_attach(*, attempt: ExamAttempt, upload: UploadedFile, by: User) -> None:
    """The certification certificate, with the same checks as applicant documents."""
    attempt = ExamAttempt.objects.select_for_update().get(pk=attempt.pk)
    if not attempt.passed:
        raise ValidationError(_("A certificate belongs to a passed attempt."))
    content_type, extension = sniff(upload)
    if attempt.certificate_file:
        attempt.certificate_file.delete(save=False)
    attempt.certificate_file.save(f"exam-{attempt.pk}.{extension}", upload, save=False)
    attempt.certificate_type = content_type
    attempt.save(update_fields=["certificate_file", "certificate_type"])


@transaction.atomic
def agency_certificate_record(
    *,
    apprentice: Apprentice,
    number: str,
    received_on: date,
    upload: UploadedFile | None,
    by: User,
) -> CompletionCertificate:
    """The registration agency's Certificate of Completion of Apprenticeship (29 CFR
    29.5(b)(15)) received: its number, the date, and a scan (checked as any document)."""
    certificate = (
        CompletionCertificate.objects.select_for_update().filter(apprentice=apprentice).first()
    )
    if certificate is None or apprentice.status != Apprentice.Status.COMPLETED:
        raise ValidationError(_("The agency's certificate follows a completion."))
    if not number.strip():
        raise ValidationError(_("Enter the number on the agency's certificate."))
    if received_on > timezone.localdate() or received_on < certificate.completed_on:
        raise ValidationError(_("The date received must be between the completion and today."))
    certificate.agency_number, certificate.agency_received_on = number.strip(), received_on
    fields = ["agency_number", "agency_received_on"]
    if upload is not None:
        content_type, extension = sniff(upload)
        if certificate.agency_scan:
            certificate.agency_scan.delete(save=False)
        certificate.agency_scan.save(f"agency-{certificate.pk}.{extension}", upload, save=False)
        certificate.agency_scan_type = content_type
        fields += ["agency_scan", "agency_scan_type"]
    certificate.save(update_fields=fields)
    return certificate


def follow_up_due(completed_on: date, months: int) -> date:
    return completed_on + relativedelta(months=months)


@transaction.atomic
def follow_up_record(
    *,
    apprentice: Apprentice,
    months: int,
    employed: bool,
    role: str,
    by: User,
    today: date | None = None,
) -> GraduateFollowUp:
    """Whether the graduate still works for the sponsor, and as what, at 6 or 12 months."""
    today = today or timezone.localdate()
    certificate = CompletionCertificate.objects.filter(apprentice=apprentice).first()
    if apprentice.status != Apprentice.Status.COMPLETED or certificate is None:
        raise ValidationError(_("Follow-ups are for apprentices who completed."))
    if months not in GraduateFollowUp.Months.values:
        raise ValidationError(_("Follow-ups are at 6 or 12 months."))
    due = follow_up_due(certificate.completed_on, months)
    if today < due:
        raise ValidationError(
            _("The %(n)d-month follow-up can be recorded from %(day)s.")
            % {"n": months, "day": date_format(due, "DATE_FORMAT")}
        )
    if employed and not role.strip():
        raise ValidationError(_("Say in what role the graduate works."))
    follow_up, _created = GraduateFollowUp.objects.update_or_create(
        apprentice=apprentice,
        months=months,
        defaults={
            "employed": employed,
            "role": role.strip() if employed else "",
            "recorded_on": today,
            "recorded_by": by,
        },
    )
    return follow_up


@dataclass
class ImportResult:
    saved: int
    errors: list[str]


def follow_ups_import(*, upload: UploadedFile, by: User) -> ImportResult:
    """A CSV with columns employee_id, months, employed (yes/no), role: every row checked,
    all saved or none (the errors say which rows and why)."""
    if upload.size > MAX_IMPORT_BYTES:
        raise ValidationError(_("The file is larger than 1 MB."))
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(_("Save the file as CSV (UTF-8).")) from exc
    reader = csv.DictReader(io.StringIO(text))
    columns = {c.strip().lower() for c in reader.fieldnames or []}
    missing = {"employee_id", "months", "employed"} - columns
    if missing:
        raise ValidationError(
            _("The file needs the columns: %(cols)s.") % {"cols": ", ".join(sorted(missing))}
        )
    rows = [{(k or "").strip().lower(): (v or "").strip() for k, v in r.items()} for r in reader]
    graduates = {
        a.employee_id: a
        for a in Apprentice.objects.filter(
            status=Apprentice.Status.COMPLETED,
            employee_id__in=[r["employee_id"] for r in rows if r["employee_id"]],
        ).select_related("person")
    }
    errors, ready = [], []
    for line, row in enumerate(rows, start=2):
        apprentice = graduates.get(row["employee_id"])
        employed = row["employed"].lower()
        if apprentice is None:
            errors.append(
                _("Row %(n)d: no graduate has employee id %(id)s.")
                % {"n": line, "id": row["employee_id"][:32]}
            )
        elif row["months"] not in ("6", "12"):
            errors.append(_("Row %(n)d: months is 6 or 12.") % {"n": line})
        elif employed not in YES | NO:
            errors.append(_("Row %(n)d: employed is yes or no.") % {"n": line})
        else:
            ready.append(
                (line, apprentice, int(row["months"]), employed in YES, row.get("role", ""))
            )
    if not rows:
        errors.append(_("The file has no rows."))
    if errors:
        return ImportResult(0, errors)
    with transaction.atomic():
        for line, apprentice, months, employed, role in ready:
            try:
                follow_up_record(
                    apprentice=apprentice, months=months, employed=employed, role=role, by=by
                )
            except ValidationError as exc:
                errors.append(_("Row %(n)d: %(why)s") % {"n": line, "why": " ".join(exc.messages)})
        if errors:
            transaction.set_rollback(True)
            return ImportResult(0, errors)
    return ImportResult(len(ready), [])
