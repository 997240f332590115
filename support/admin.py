from django.contrib import admin

from support.models import Barrier, Survey, SurveyQuestion


class SurveyQuestionInline(admin.TabularInline):
    model = SurveyQuestion
    extra = 1


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    """Program admins edit the feedback surveys' questions here (`/django-admin/`)."""

    list_display = ["title", "when", "program", "is_active"]
    list_filter = ["when", "is_active"]
    inlines = [SurveyQuestionInline]


@admin.register(Barrier)
class BarrierAdmin(admin.ModelAdmin):
    list_display = ["name", "program", "is_active"]
    list_filter = ["is_active"]
