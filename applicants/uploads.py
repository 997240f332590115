"""Applicant documents: checked by their content, size-limited, stored outside the web root
and served only to program staff, always as a download."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import slugify
from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024
# The first bytes of each accepted format; the extension and the browser's type are ignored.
SIGNATURES = {
    b"%PDF-": ("application/pdf", "pdf"),
    b"\xff\xd8\xff": ("image/jpeg", "jpg"),
    b"\x89PNG\r\n\x1a\n": ("image/png", "png"),
}


EXTENSIONS = {content_type: extension for content_type, extension in SIGNATURES.values()}


def download_name(stem: str, content_type: str) -> str:
    """A safe file name whose extension comes from the detected type, never from the name the
    uploader gave (``evil.html`` must not reach a staff member's disk as HTML)."""
    return f"{slugify(stem) or 'document'}.{EXTENSIONS.get(content_type, 'bin')}"


def private_storage() -> Storage:
    """No base URL: nothing under it can be reached except through the staff download view.
    A private bucket instead when the web tier runs on several hosts (settings.STORAGES)."""
    if "private" in settings.STORAGES:
        return storages["private"]
    return FileSystemStorage(
        location=os.path.join(str(settings.MEDIA_ROOT), "documents"), base_url=None
    )


def sniff(upload: UploadedFile) -> tuple[str, str]:
    """(content type, extension) of an accepted upload, or ValidationError."""
    if upload.size > MAX_BYTES:
        raise ValidationError(_("The file is larger than 5 MB."))
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for signature, kind in SIGNATURES.items():
        if head.startswith(signature):
            return kind
    raise ValidationError(_("Upload a PDF, JPG or PNG file."))
