"""Staff admin (/admin/): every row of every owner. Owners use schedules.office."""

from django.contrib import admin

from schedules import models


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
    exclude = ("manage_token_hash",)


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
