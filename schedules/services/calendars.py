"""1-on-1 rounds: create a calendar and edit it until it is finalized.

The API and the owner back office both go through these functions, so the same
rules hold everywhere: a deadline in the future, owner slots that are not past,
not overlapping and long enough for a meeting, invitees who are the owner's own
contacts, and an invitation email to every newly invited contact.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from config import messages
from config.errors import ApplicationError
from schedules.core.availability import Slot
from schedules.core.intervals import first_clash
from schedules.core.timetext import span_text
from schedules.models import Availability, Calendar, Contact, Invitation
from schedules.services.invitations import invitations_create
from schedules.timeutils import zone

# Per request: large enough for any real round, small enough that one request
# cannot make the server render thousands of emails or rows.
MAX_ITEMS = 500


def check_owner_slots(
    *,
    new: Sequence[Slot],
    kept: Sequence[Slot] = (),
    duration: int,
    tz: zoneinfo.ZoneInfo,
    now: dt.datetime,
    field: str = "availability",
) -> None:
    """At least one slot; new slots are not past; every slot fits a meeting; none overlap."""
    if not kept and not new:
        raise ApplicationError(messages.SLOT_LAST, field=field)
    for slot in new:
        if slot.end <= now:
            raise ApplicationError(messages.SLOT_PAST, field=field)
    minimum = dt.timedelta(minutes=duration)
    for slot in [*kept, *new]:
        if slot.end - slot.start < minimum:
            raise ApplicationError(
                messages.SLOT_TOO_SHORT.format(
                    minutes=duration, span=span_text(slot.start, slot.end, tz), zone=tz.key
                ),
                field=field,
            )
    refuse_overlaps([*kept, *new], message=messages.SLOTS_OVERLAP, tz=tz, field=field)


def refuse_overlaps(slots: Sequence[Slot], *, message: str, tz: zoneinfo.ZoneInfo, field: str):
    """One person's slots never overlap; ``message`` names the first two that do."""
    if clash := first_clash(slots, key=lambda s: (s.start, s.end)):
        before, after = clash
        first = span_text(before.start, before.end, tz)
        second = span_text(after.start, after.end, tz)
        raise ApplicationError(message.format(first=first, second=second, zone=tz.key), field=field)


def check_deadline(deadline: dt.datetime, *, now: dt.datetime) -> None:
    if deadline <= now:
        raise ApplicationError(messages.DEADLINE_PAST, field="deadline")


def owned_contacts(
    *, owner: User, ids: Iterable[int], foreign_message: str, field: str
) -> list[Contact]:
    """The owner's contacts with these ids, in the given order (duplicates dropped)."""
    wanted = list(dict.fromkeys(ids))
    found = {c.pk: c for c in Contact.objects.filter(pk__in=wanted)}
    if any(pk not in found for pk in wanted):
        raise ApplicationError(messages.CONTACT_MISSING, field=field)
    if any(found[pk].owner_id != owner.pk for pk in wanted):
        raise ApplicationError(foreign_message, field=field)
    return [found[pk] for pk in wanted]


def _slot_rows(calendar: Calendar, slots: Iterable[Slot]) -> list[Availability]:
    return [
        Availability(calendar=calendar, start=s.start, end=s.end, preference=s.preference)
        for s in slots
    ]


def calendar_create(
    *,
    owner: User,
    name: str,
    description: str,
    deadline: dt.datetime,
    tz_name: str,
    meeting_duration: int,
    invitee_ids: Sequence[int],
    slots: Sequence[Slot],
) -> Calendar:
    """Create a round with the owner's slots and invite each contact by email."""
    now = timezone.now()
    tz = zone(tz_name)
    check_deadline(deadline, now=now)
    contacts = owned_contacts(
        owner=owner,
        ids=invitee_ids,
        foreign_message=messages.INVITEE_FOREIGN_CREATE,
        field="invitees",
    )
    check_owner_slots(new=slots, duration=meeting_duration, tz=tz, now=now)
    with transaction.atomic():
        calendar = Calendar.objects.create(
            owner=owner,
            name=name,
            description=description,
            deadline=deadline,
            timezone=tz.key,
            meeting_duration=meeting_duration,
        )
        Availability.objects.bulk_create(_slot_rows(calendar, slots))
        invitations_create(calendar=calendar, contacts=contacts)
    return calendar


@dataclass
class CalendarChanges:
    """What a PUT on calendar details asks for; ``None`` leaves a field alone."""

    name: str | None = None
    description: str | None = None
    deadline: dt.datetime | None = None
    tz_name: str | None = None
    meeting_duration: int | None = None
    add_invitee_ids: Sequence[int] = ()
    remove_invitee_ids: Sequence[int] = ()
    add_slots: Sequence[Slot] = ()
    remove_slot_ids: Sequence[int] = ()


def calendar_update(*, calendar_id: int, owner: User, changes: CalendarChanges) -> Calendar:
    """Edit a round that is not finalized. Removals of things not on it are ignored.

    Invitees are removed before they are added, so removing and re-adding a
    contact in one request sends them a fresh invitation.
    """
    now = timezone.now()
    with transaction.atomic():
        # The row lock orders this edit with a concurrent finalize or edit.
        calendar = Calendar.objects.select_for_update().get(pk=calendar_id, owner=owner)
        calendar.owner = owner  # for the invitation emails, without locking the user row
        if calendar.finalized:
            raise ApplicationError(messages.CALENDAR_FINALIZED_EDIT)
        _apply_fields(calendar, changes, now=now)
        _apply_slots(calendar, changes, now=now)
        _apply_invitees(calendar, owner, changes)
    return calendar


def _apply_fields(calendar: Calendar, changes: CalendarChanges, *, now: dt.datetime) -> None:
    fields = []
    for field in ("name", "description", "meeting_duration"):
        value = getattr(changes, field)
        if value is not None:
            setattr(calendar, field, value)
            fields.append(field)
    if changes.tz_name is not None:
        calendar.timezone = zone(changes.tz_name).key
        fields.append("timezone")
    if changes.deadline is not None:
        check_deadline(changes.deadline, now=now)
        if changes.deadline != calendar.deadline:
            deadline_reminders_rearm(calendar=calendar)
        calendar.deadline = changes.deadline
        fields.append("deadline")
    if fields:
        calendar.save(update_fields=fields)


def deadline_reminders_rearm(*, calendar: Calendar) -> None:
    """A moved deadline earns non-responders a new automatic reminder."""
    calendar.invitations.filter(responded_at__isnull=True).update(deadline_reminder_sent_at=None)


def _apply_slots(calendar: Calendar, changes: CalendarChanges, *, now: dt.datetime) -> None:
    owner_slots = calendar.slots.filter(invitation__isnull=True)
    if changes.remove_slot_ids:
        owner_slots.filter(pk__in=list(changes.remove_slot_ids)).delete()
    if not (changes.add_slots or changes.remove_slot_ids or changes.meeting_duration):
        return
    kept = [Slot(s.start, s.end, s.preference) for s in owner_slots]
    check_owner_slots(
        new=changes.add_slots,
        kept=kept,
        duration=calendar.meeting_duration,
        tz=zone(calendar.timezone),
        now=now,
        field="add_availabilities" if kept or changes.add_slots else "remove_availabilities",
    )
    Availability.objects.bulk_create(_slot_rows(calendar, changes.add_slots))


def _apply_invitees(calendar: Calendar, owner: User, changes: CalendarChanges) -> None:
    if changes.remove_invitee_ids:
        calendar.invitations.filter(contact_id__in=list(changes.remove_invitee_ids)).delete()
    if not changes.add_invitee_ids:
        return
    contacts = owned_contacts(
        owner=owner,
        ids=changes.add_invitee_ids,
        foreign_message=messages.INVITEE_FOREIGN_UPDATE,
        field="add_invitees",
    )
    invited = set(
        Invitation.objects.filter(
            calendar=calendar, contact_id__in=[c.pk for c in contacts]
        ).values_list("contact_id", flat=True)
    )
    if invited:
        raise ApplicationError(messages.INVITEE_ALREADY, field="add_invitees")
    invitations_create(calendar=calendar, contacts=contacts, field="add_invitees")
