"""The owner back office: a second admin site where each owner sees only their rows.

Staff keep the full ``/admin/``. Here any active, confirmed owner signs in
(through the normal login page) and manages their own contacts, rounds,
booking pages and agenda. Every ModelAdmin registered here inherits
``OwnerScopedAdmin``: querysets, foreign-key choices and object permissions
are all filtered by ``request.user``, so another owner's row is simply absent.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.views import redirect_to_login
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from accounts.models import User
from config.errors import ApplicationError
from schedules.models import BookingPage, DateOverride, Meeting, WorkingHours
from schedules.services.booking_pages import booking_page_url
from schedules.services.bookings import booking_cancel
from schedules.services.working_hours import DAY_NAMES, find_overlap


class OwnerSite(admin.AdminSite):
    site_header = "Rendezvous back office"
    site_title = "Rendezvous"
    index_title = "Your scheduling"
    site_url = "/"

    def has_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_authenticated

    def login(self, request, extra_context=None):
        return redirect_to_login(request.GET.get("next", reverse("office:index")))


office = OwnerSite(name="office")


class OwnerScopedAdmin(admin.ModelAdmin):
    """Rows belong to ``owner_field`` (a path to the owning user)."""

    owner_field = "owner"

    def get_queryset(self, request):
        return super().get_queryset(request).filter(**{self.owner_field: request.user})

    def has_module_permission(self, request) -> bool:
        return request.user.is_active

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_active

    def has_add_permission(self, request) -> bool:
        return request.user.is_active

    def has_change_permission(self, request, obj=None) -> bool:
        return request.user.is_active

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_active

    def get_exclude(self, request, obj=None):
        return [*(super().get_exclude(request, obj) or []), "owner"]

    def save_model(self, request, obj, form, change):
        if not change and self.owner_field == "owner":
            obj.owner = request.user
        super().save_model(request, obj, form, change)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.related_model
        if related is not User and hasattr(related, "owner"):
            kwargs["queryset"] = related._default_manager.filter(owner=request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class OwnerScopedInline(admin.TabularInline):
    extra = 0

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_active

    def has_add_permission(self, request, obj=None) -> bool:
        return request.user.is_active

    def has_change_permission(self, request, obj=None) -> bool:
        return request.user.is_active

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_active

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.related_model
        if related is not User and hasattr(related, "owner"):
            kwargs["queryset"] = related._default_manager.filter(owner=request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(User, site=office)
class ProfileAdmin(OwnerScopedAdmin):
    """Owners edit their own name and time zone; nothing else about accounts."""

    owner_field = "pk"
    fields = ("username", "email", "first_name", "last_name", "timezone")
    readonly_fields = ("username", "email")
    verbose_name = "profile"

    def get_queryset(self, request):
        return User.objects.filter(pk=request.user.pk)

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


# --- booking -----------------------------------------------------------------------


class RangeForm(forms.ModelForm):
    """Refuses a range overlapping another of the owner's on the same day, as the API does."""

    owner = None  # set per request by RangeAdmin.get_form
    day_field = "weekday"

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if (start is None) != (end is None):
            raise forms.ValidationError("Give both times, or neither for a day off.")
        if start is not None and end <= start:
            raise forms.ValidationError("The end must be after the start (not across midnight).")
        day = cleaned.get(self.day_field)
        if day is None:
            return cleaned
        label = DAY_NAMES[day] if self.day_field == "weekday" else str(day)
        others = list(
            self._meta.model.objects.filter(owner=self.owner, **{self.day_field: day})
            .exclude(pk=self.instance.pk)
            .values_list("start_time", "end_time")
        )
        if others and start is None:
            raise forms.ValidationError(f"{label} already has hours; delete them first.")
        if start is not None and any(s is None for s, _ in others):
            raise forms.ValidationError(f"{label} is a day off; delete that first.")
        if start is not None and (message := find_overlap(label, [*others, (start, end)])):
            raise forms.ValidationError(message)
        return cleaned


class WorkingHoursForm(RangeForm):
    class Meta:
        model = WorkingHours
        fields = ["weekday", "start_time", "end_time"]


class DateOverrideForm(RangeForm):
    day_field = "date"

    class Meta:
        model = DateOverride
        fields = ["date", "start_time", "end_time"]
        help_texts = {"start_time": "Leave both times empty for a day off."}


class RangeAdmin(OwnerScopedAdmin):
    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.owner = request.user
        return form


@admin.register(WorkingHours, site=office)
class WorkingHoursOfficeAdmin(RangeAdmin):
    form = WorkingHoursForm
    list_display = ("weekday", "start_time", "end_time")
    list_filter = ("weekday",)


@admin.register(DateOverride, site=office)
class DateOverrideOfficeAdmin(RangeAdmin):
    form = DateOverrideForm
    list_display = ("date", "start_time", "end_time", "is_day_off")
    date_hierarchy = "date"

    @admin.display(boolean=True, description="day off")
    def is_day_off(self, obj) -> bool:
        return obj.is_day_off


@admin.register(BookingPage, site=office)
class BookingPageOfficeAdmin(OwnerScopedAdmin):
    list_display = ("title", "public_link", "duration", "is_active")
    list_filter = ("is_active",)
    search_fields = ("title", "slug")
    prepopulated_fields = {"slug": ("title",)}

    @admin.display(description="public link")
    def public_link(self, obj) -> str:
        url = booking_page_url(obj)
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', url, url)

    def get_changeform_initial_data(self, request):
        return {"timezone": request.user.timezone, **super().get_changeform_initial_data(request)}

    def get_actions(self, request, action_location=admin.ActionLocation.CHANGE_LIST):
        # Deleting goes one page at a time, where upcoming bookings can stop it.
        actions = super().get_actions(request, action_location=action_location)
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request, obj=None) -> bool:
        if (
            obj is not None
            and obj.meetings.filter(
                status=Meeting.Status.CONFIRMED, end__gt=timezone.now()
            ).exists()
        ):
            return False  # people's manage links go through the page: deactivate it instead
        return super().has_delete_permission(request, obj)


@admin.register(Meeting, site=office)
class AgendaOfficeAdmin(OwnerScopedAdmin):
    """The agenda, read-only: entries are made by bookings, rounds and visits; bookings
    are cancelled here through the same service as the API, so the attendee is emailed."""

    list_display = ("start", "end", "kind", "title", "attendee_name", "attendee_email", "status")
    list_filter = ("kind", "status")
    search_fields = ("attendee_name", "attendee_email")
    date_hierarchy = "start"
    list_select_related = ("owner", "booking_page", "calendar")
    fields = Meeting.OWNER_FIELDS
    readonly_fields = fields
    actions = ["cancel_bookings"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def changelist_view(self, request, extra_context=None):
        with timezone.override(request.user.timezone):
            response = super().changelist_view(request, extra_context)
            return response.render() if hasattr(response, "render") else response

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        with timezone.override(request.user.timezone):
            response = super().changeform_view(request, object_id, form_url, extra_context)
            return response.render() if hasattr(response, "render") else response

    @admin.action(description="Cancel selected bookings (attendees are emailed)")
    def cancel_bookings(self, request, queryset):
        if "apply" not in request.POST:
            context = {
                **self.admin_site.each_context(request),
                "title": "Cancel bookings",
                "opts": self.model._meta,
                "meetings": queryset.select_related("booking_page"),
                "action_checkbox_name": ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "schedules/booking/office_cancel.html", context)
        reason = request.POST.get("reason", "").strip()[:2000]
        cancelled = 0
        for meeting in queryset.select_related("owner", "booking_page", "calendar"):
            try:
                booking_cancel(meeting=meeting, reason=reason, by_owner=True)
                cancelled += 1
            except ApplicationError as exc:
                self.message_user(request, f"{meeting}: {exc.message}", messages.WARNING)
        if cancelled:
            message = f"Cancelled {cancelled} booking(s); the attendees were emailed."
            self.message_user(request, message, messages.SUCCESS)
        return None


# --- rounds -------------------------------------------------------------------
# Contacts, 1-on-1 calendars and invitations: registered in schedules/office_rounds.py.
from schedules import office_rounds  # noqa: E402, F401
