from django.contrib import admin

from programs.models import Department, Program, Track


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["name", "sponsor_name", "dol_program_number"]


@admin.register(Track)
class TrackAdmin(admin.ModelAdmin):
    list_display = ["name", "program", "onet_code", "rapids_occupation_code", "is_active"]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "program", "location", "is_active"]
    filter_horizontal = ["hiring_managers", "preceptors", "approvers"]
