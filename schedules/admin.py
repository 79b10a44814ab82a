"""Staff admin (/admin/): every row of every owner. Owners use schedules.office.

Meetings are read-only here: the agenda service is the only writer of the
agenda, and staff cancel a booking through the same service as its owner (so
the attendee is told), never by editing the row.
"""

from django.contrib import admin, messages

from config.errors import ApplicationError
from schedules import models
from schedules.services.bookings import booking_cancel
from schedules.services.deliveries import deliveries_retry


@admin.register(models.Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ("first_name", "last_name", "email", "owner")
    search_fields = ("first_name", "last_name", "email", "owner__username")
    list_select_related = ("owner",)


class InvitationInline(admin.TabularInline):
    model = models.Invitation
    extra = 0
    fields = ("contact", "responded_at", "last_reminded_at")
    readonly_fields = fields


@admin.register(models.Calendar)
class CalendarAdmin(admin.ModelAdmin):
    list_display = ("name", "owner", "deadline", "finalized_at")
    list_filter = ("finalized_at",)
    search_fields = ("name", "owner__username")
    list_select_related = ("owner",)
    inlines = [InvitationInline]


@admin.register(models.BookingPage)
class BookingPageAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "owner", "duration", "is_active")
    search_fields = ("title", "slug", "owner__username")
    list_select_related = ("owner",)


@admin.register(models.Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("start", "end", "owner", "kind", "attendee_name", "status")
    list_filter = ("kind", "status")
    search_fields = ("attendee_name", "attendee_email", "owner__username")
    date_hierarchy = "start"
    list_select_related = ("owner",)
    fields = ("owner", *models.Meeting.OWNER_FIELDS, "uid")
    readonly_fields = fields
    actions = ["cancel_bookings"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description="Cancel selected bookings (attendees and owners are emailed)")
    def cancel_bookings(self, request, queryset):
        for meeting in queryset.select_related("owner", "booking_page", "calendar"):
            try:
                booking_cancel(meeting=meeting, reason="", by_owner=True)
            except ApplicationError as exc:
                self.message_user(request, f"{meeting}: {exc.message}", messages.WARNING)


admin.site.register(models.WorkingHours)
admin.site.register(models.DateOverride)


# --- rounds -------------------------------------------------------------------


@admin.register(models.Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Who answered which round, and when they were last reminded (tokens stay hidden)."""

    list_display = (
        "contact",
        "calendar",
        "responded_at",
        "last_reminded_at",
        "deadline_reminder_sent_at",
    )
    list_filter = (("responded_at", admin.EmptyFieldListFilter),)
    search_fields = ("contact__email", "contact__last_name", "calendar__name")
    list_select_related = ("contact", "calendar")
    fields = (
        "calendar",
        "contact",
        "responded_at",
        "last_reminded_at",
        "deadline_reminder_sent_at",
        "created_at",
    )
    readonly_fields = ("calendar", "contact", "created_at")


@admin.register(models.Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    """Every email (and text message) on its way out; failures stay here to be seen."""

    list_display = ("created_at", "channel", "kind", "recipient", "owner", "status", "attempts")
    list_filter = ("status", "channel", "kind")
    search_fields = ("recipient", "subject", "owner__username")
    list_select_related = ("owner",)
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in models.Delivery._meta.fields if f.name != "payload"]
    exclude = ("payload",)  # links in it carry secret tokens
    actions = ["send_again"]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.action(description="Send again (failed or stuck messages)")
    def send_again(self, request, queryset):
        count = deliveries_retry(ids=list(queryset.values_list("pk", flat=True)))
        self.message_user(request, f"Queued {count} message(s) again.", messages.SUCCESS)
