from django.contrib import admin

from notifications.models import OutboundEmail


@admin.register(OutboundEmail)
class OutboundEmailAdmin(admin.ModelAdmin):
    list_display = ["key", "to", "subject", "created_at", "sent_at", "attempts"]
    search_fields = ["key", "to", "subject"]
    readonly_fields = [f.name for f in OutboundEmail._meta.fields]
