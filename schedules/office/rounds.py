"""Office registrations for 1-on-1 rounds: contacts, calendars and invitations.

The forms call the services' checks (the same functions as the API), contacts
are saved by the contacts service, invitations are created by the invitations
service so every new invitee gets their email, reminders go through the same
service as the API, and a finalized calendar is read-only.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, Q
from django.forms.models import BaseInlineFormSet
from django.utils import timezone as django_timezone

from config import messages as texts
from config.errors import ApplicationError
from schedules.core.availability import Slot
from schedules.core.timetext import span_text
from schedules.models import Availability, Calendar, Contact, Invitation
from schedules.office.mixins import (
    OwnerAdmin,
    OwnerInline,
    OwnerTimezoneMixin,
    refusal,
)
from schedules.office.site import office
from schedules.services import calendars as calendar_services
from schedules.services import contacts as contact_services
from schedules.services import invitations as invitation_services
from schedules.services.outreach import outreach_allow
from schedules.timeutils import zone


class ContactOfficeForm(forms.ModelForm):
    owner = None  # set per request by OwnerScopedMixin.get_form

    class Meta:
        model = Contact
        fields = ["first_name", "last_name", "email"]

    def clean_email(self) -> str:
        email = self.cleaned_data["email"]
        try:
            contact_services.contact_check_email(
                owner_id=self.owner.pk, email=email, exclude_id=self.instance.pk
            )
        except ApplicationError as exc:
            raise refusal(exc) from exc
        return email


@admin.register(Contact, site=office)
class ContactOffice(OwnerAdmin):
    form = ContactOfficeForm
    list_display = ("first_name", "last_name", "email")
    search_fields = ("first_name", "last_name", "email")

    def save_model(self, request, obj, form, change):
        if change:
            changes = {name: form.cleaned_data[name] for name in form.changed_data}
            contact_services.contact_update(contact=obj, changes=changes)
        else:
            created = contact_services.contact_create(owner=request.user, **form.cleaned_data)
            obj.pk, obj.owner = created.pk, created.owner


class OwnerSlotForm(forms.ModelForm):
    class Meta:
        model = Availability
        fields = ["start", "end", "preference"]

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            # On the field, so the model's own check constraint is not reported twice.
            self.add_error("end", texts.END_AFTER_START)
        return data


class OwnerSlotFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept, new = [], []
        for form in self.forms:
            data = form.cleaned_data
            if not data or data.get("DELETE"):
                continue
            slot = Slot(data["start"], data["end"], data["preference"])
            changed = form.instance.pk is None or form.has_changed()
            (new if changed else kept).append(slot)
        calendar = self.instance  # carries the calendar form's new duration and zone
        try:
            calendar_services.check_owner_slots(
                new=new,
                kept=kept,
                duration=calendar.meeting_duration,
                tz=zone(calendar.timezone),
                now=django_timezone.now(),
            )
        except ApplicationError as exc:
            raise refusal(exc) from exc


class ReadOnlyWhenFinalized:
    def _editable(self, request, obj) -> bool:
        return request.user.is_active and not (obj is not None and obj.finalized)

    def has_add_permission(self, request, obj=None) -> bool:
        return self._editable(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._editable(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self._editable(request, obj)


class OwnerSlotInline(ReadOnlyWhenFinalized, OwnerInline):
    model = Availability
    fk_name = "calendar"
    form = OwnerSlotForm
    formset = OwnerSlotFormSet
    verbose_name = "your available slot"
    verbose_name_plural = "your available slots (3 = most preferred)"

    def get_queryset(self, request):
        return super().get_queryset(request).filter(invitation__isnull=True)


class InvitationForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["contact"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The secret link belongs to this contact; invite someone else on a new row.
            self.fields["contact"].disabled = True


class InvitationFormSet(BaseInlineFormSet):
    """New invitees must fit the owner's daily email quota (the service's own check)."""

    owner = None

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        new = [f for f in self.forms if f.instance.pk is None and f.has_changed()]
        new = [f for f in new if not f.cleaned_data.get("DELETE")]
        try:
            outreach_allow(owner_id=self.owner.pk, count=len(new))
        except ApplicationError as exc:
            raise refusal(exc) from exc


class InvitationInline(ReadOnlyWhenFinalized, OwnerInline):
    model = Invitation
    form = InvitationForm
    formset = InvitationFormSet

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        return type(formset.__name__, (formset,), {"owner": request.user})

    fields = ("contact", "answer", "last_reminded_at", "times")
    readonly_fields = ("answer", "last_reminded_at", "times")
    verbose_name_plural = "invitees (each new one gets an invitation email on save)"

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("contact", "calendar")
        return queryset.prefetch_related("slots")

    @admin.display(description="Responded")
    def answer(self, obj) -> str:
        if obj.pk is None:
            return ""
        if obj.responded_at is None:
            return "Not yet"
        return f"Yes, {django_timezone.localtime(obj.responded_at):%Y-%m-%d %H:%M}"

    @admin.display(description="Their times")
    def times(self, obj) -> str:
        if obj.pk is None:
            return ""
        tz = zone(obj.calendar.timezone)
        spans = [f"{span_text(s.start, s.end, tz)} (pref {s.preference})" for s in obj.slots.all()]
        return "; ".join(spans) or "-"


class CalendarOfficeForm(forms.ModelForm):
    class Meta:
        model = Calendar
        fields = ["name", "description", "deadline", "timezone", "meeting_duration"]

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if self.instance.pk is None or "deadline" in self.changed_data:
            try:
                calendar_services.check_deadline(deadline, now=django_timezone.now())
            except ApplicationError as exc:
                raise refusal(exc) from exc
        return deadline


@admin.register(Calendar, site=office)
class CalendarOffice(OwnerTimezoneMixin, ReadOnlyWhenFinalized, OwnerAdmin):
    form = CalendarOfficeForm
    inlines = [OwnerSlotInline, InvitationInline]
    list_display = ("name", "deadline", "responses", "finalized_at")
    list_filter = (("finalized_at", admin.EmptyFieldListFilter),)
    search_fields = ("name", "description")
    readonly_fields = ("finalized_at",)
    actions = ["remind_non_responders"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                invited=Count("invitations"),
                answered=Count("invitations", filter=Q(invitations__responded_at__isnull=False)),
            )
        )

    def get_changeform_initial_data(self, request):
        return {"timezone": request.user.timezone, **super().get_changeform_initial_data(request)}

    @admin.display(description="Responses")
    def responses(self, obj) -> str:
        return f"{obj.answered} of {obj.invited} responded"

    def save_model(self, request, obj, form, change):
        if change and "deadline" in form.changed_data:
            calendar_services.deadline_reminders_rearm(calendar=obj)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Invitation:
            return super().save_formset(request, form, formset, change)
        formset.save(commit=False)
        for invitation in formset.deleted_objects:
            invitation.delete()
        invitation_services.invitations_create(
            calendar=form.instance, contacts=[i.contact for i in formset.new_objects]
        )

    @admin.action(description="Send a reminder to invitees who have not responded")
    def remind_non_responders(self, request, queryset):
        pending = Invitation.objects.filter(calendar__in=queryset, responded_at__isnull=True)
        _remind(self, request, pending.select_related("calendar", "contact"))


def _remind(model_admin, request, invitations) -> None:
    """Remind each invitation through the API's service; report sends and refusals."""
    sent, refused = 0, []
    for invitation in invitations:
        try:
            invitation_services.invitation_remind(invitation_id=invitation.pk)
            sent += 1
        except ApplicationError as exc:
            refused.append(f"{invitation.calendar}: {exc.message}")
    if sent:
        model_admin.message_user(request, f"Sent {sent} reminder{'s' * (sent != 1)}.")
    for reason in refused:
        model_admin.message_user(request, reason, level=messages.WARNING)
    if not sent and not refused:
        model_admin.message_user(request, "Everyone selected has already responded.")


@admin.register(Invitation, site=office)
class InvitationOffice(OwnerTimezoneMixin, OwnerAdmin):
    """Who has answered which round, at a glance; reminders from the list."""

    owner_field = "calendar__owner"
    list_display = ("contact", "calendar", "responded_at", "last_reminded_at")
    # RelatedOnly: the filter's choices come from the owner's rows, not every calendar.
    list_filter = (
        ("responded_at", admin.EmptyFieldListFilter),
        ("calendar", admin.RelatedOnlyFieldListFilter),
    )
    list_select_related = ("contact", "calendar")
    search_fields = ("contact__first_name", "contact__last_name", "contact__email")
    fields = ("calendar", "contact", "responded_at", "last_reminded_at")
    readonly_fields = fields
    actions = ["send_reminder"]

    def has_add_permission(self, request) -> bool:
        return False  # invite from the calendar, so the invitation email goes out

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # remove invitees on their calendar's page, which guards finalized ones

    @admin.action(description="Send a reminder (a fresh link) to the selected invitees")
    def send_reminder(self, request, queryset):
        _remind(self, request, queryset.select_related("calendar", "contact"))
