"""Office registrations for booking pages: working hours, date exceptions, pages, the agenda."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.template.response import TemplateResponse
from django.utils.html import format_html

from config import messages as texts
from config.errors import ApplicationError
from schedules.models import BookingPage, DateOverride, Delivery, Meeting, WorkingHours
from schedules.office.mixins import OwnerAdmin, OwnerTimezoneMixin, refusal
from schedules.office.site import office
from schedules.services.booking_pages import (
    booking_page_check_delete,
    booking_page_check_slug,
    booking_page_delete,
    booking_page_save,
    booking_page_url,
)
from schedules.services.bookings import booking_cancel
from schedules.services.working_hours import day_range_delete, day_range_save, day_ranges_check


class RangeForm(forms.ModelForm):
    """One weekly range or date exception, checked with its day's others by the service."""

    owner = None  # set per request by OwnerScopedMixin.get_form
    day_field = "weekday"

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if (start is None) != (end is None):
            raise forms.ValidationError(texts.OFFICE_BOTH_TIMES)
        day = cleaned.get(self.day_field)
        if day is not None:
            try:
                day_ranges_check(
                    owner=self.owner,
                    ranges=[(start, end)],
                    exclude_id=self.instance.pk,
                    **{self.day_field: day},
                )
            except ApplicationError as exc:
                raise refusal(exc) from exc
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


class RangeAdmin(OwnerAdmin):
    def save_model(self, request, obj, form, change):
        obj.owner = request.user
        day_range_save(row=obj)

    def delete_model(self, request, obj):
        day_range_delete(row=obj)

    def delete_queryset(self, request, queryset):
        for row in queryset:
            day_range_delete(row=row)


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


class BookingPageForm(forms.ModelForm):
    owner = None

    class Meta:
        model = BookingPage
        fields = BookingPage.OWNER_FIELDS

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"]
        try:
            booking_page_check_slug(slug=slug, exclude_id=self.instance.pk)
        except ApplicationError as exc:
            raise refusal(exc) from exc
        return slug

    def validate_unique(self):
        """The slug's uniqueness is the service's rule (checked above), not the form's."""


@admin.register(BookingPage, site=office)
class BookingPageOfficeAdmin(OwnerAdmin):
    form = BookingPageForm
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
        if obj is not None:
            try:
                booking_page_check_delete(page=obj)
            except ApplicationError:
                return False  # people's manage links go through the page: deactivate it
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        obj.owner = request.user
        booking_page_save(page=obj)

    def delete_model(self, request, obj):
        booking_page_delete(page=obj)


@admin.register(Meeting, site=office)
class AgendaOfficeAdmin(OwnerTimezoneMixin, OwnerAdmin):
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

    def has_add_permission(self, request, *args) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

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


@admin.register(Delivery, site=office)
class DeliveryOfficeAdmin(OwnerTimezoneMixin, OwnerAdmin):
    """The emails sent on the owner's behalf, and any that could not be delivered."""

    list_display = ("created_at", "kind", "recipient", "subject", "status", "last_error")
    list_filter = ("status", "kind")
    search_fields = ("recipient", "subject")
    fields = ("created_at", "kind", "recipient", "subject", "status", "attempts", "last_error")
    readonly_fields = fields

    def has_add_permission(self, request, *args) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
