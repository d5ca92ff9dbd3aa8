"""Notifications in the admin: to look into ("was she told? did the mail go?"), never to write."""

from django.contrib import admin

from notifications.models import Notification, Reminder


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Notification)
class NotificationAdmin(ReadOnly):
    list_display = ["title", "recipient", "kind", "created_at", "read_at", "mail", "mail_attempts"]
    list_filter = ["kind", "mail"]
    search_fields = ["title", "recipient__username", "recipient__email"]
    list_select_related = ["recipient"]
    date_hierarchy = "created_at"


@admin.register(Reminder)
class ReminderAdmin(ReadOnly):
    list_display = ["kind", "object_id", "threshold", "sent_at"]
    list_filter = ["kind", "threshold"]
