"""The program's roles (DESIGN.md) as Django groups, and the model permissions each holds.

Groups are kept in step with this table after every `migrate` (see accounts.apps).
"""

from django.db import models


class Role(models.TextChoices):
    APPLICANT = "applicant", "Applicant"
    PROGRAM_STAFF = "program_staff", "Program staff"
    PROGRAM_ADMIN = "program_admin", "Program admin"
    HIRING_MANAGER = "hiring_manager", "Hiring manager"
    DEPARTMENT_APPROVER = "department_approver", "Department approver"
    INSTRUCTOR = "instructor", "Instructor"
    PRECEPTOR = "preceptor", "Preceptor"
    APPRENTICE = "apprentice", "Apprentice"
    COACH = "coach", "Coach"


STAFF_ROLES = frozenset({Role.PROGRAM_STAFF, Role.PROGRAM_ADMIN})

# Who may open a kind of page, for `role_required(*...)`; object scope is still each model's
# `visible_to(user)`.
STAFF = (Role.PROGRAM_STAFF, Role.PROGRAM_ADMIN)
TEACHING = (*STAFF, Role.INSTRUCTOR)
HIRING = (*STAFF, Role.HIRING_MANAGER)
PRECEPTING = (*STAFF, Role.PRECEPTOR)

_VIEW_ORGANISATION = ["programs.view_program", "programs.view_track", "programs.view_department"]

# Model permissions per role. Object-level scope (which department, which cohort) is applied
# by each model's `visible_to(user)` QuerySet method, never by these permissions alone.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.APPLICANT: [],
    Role.PROGRAM_STAFF: [*_VIEW_ORGANISATION, "accounts.view_user"],
    Role.PROGRAM_ADMIN: [
        *_VIEW_ORGANISATION,
        "programs.change_program",
        "programs.add_track",
        "programs.change_track",
        "programs.add_department",
        "programs.change_department",
        "accounts.view_user",
        "accounts.add_user",
        "accounts.change_user",
    ],
    Role.HIRING_MANAGER: ["programs.view_department"],
    Role.DEPARTMENT_APPROVER: ["programs.view_department"],
    Role.INSTRUCTOR: [],
    Role.PRECEPTOR: ["programs.view_department"],
    Role.APPRENTICE: [],
    Role.COACH: [],
}
