"""Reads for 1-on-1 rounds, shaped as seed 004 shows them (plus additive fields).

Every function here runs a fixed number of queries whatever the number of
invitees or slots: related rows come through ``Prefetch`` objects.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import defaultdict

from django.db.models import Count, Prefetch, Q

from accounts.models import User
from config.errors import NotFound
from schedules.models import Availability, Calendar, Contact, Invitation, Meeting
from schedules.selectors.slots import SLOT_ROW, slot_dict, slot_row_dict
from schedules.timeutils import zone

CALENDAR_MISSING = "Calendar not found."


def iso(value: dt.datetime | None, tz: zoneinfo.ZoneInfo) -> str | None:
    return value.astimezone(tz).isoformat() if value is not None else None


def moment_text(value: dt.datetime, tz_name: str) -> str:
    """``Friday 15 March 2024 at 17:00 Europe/London (UTC+00:00)``: unambiguous anywhere."""
    local = value.astimezone(zone(tz_name))
    offset = local.strftime("%z")
    return f"{local:%A} {local.day} {local:%B %Y at %H:%M} {tz_name} (UTC{offset[:3]}:{offset[3:]})"


def contact_dict(contact: Contact) -> dict:
    """Seed 004 spells these keys ``first_Name`` / ``last_Name``."""
    return {
        "id": contact.pk,
        "first_Name": contact.first_name,
        "last_Name": contact.last_name,
        "email": contact.email,
    }


def calendar_dict(calendar: Calendar, invitee_ids: list[int]) -> dict:
    tz = zone(calendar.timezone)
    return {
        "id": calendar.pk,
        "name": calendar.name,
        "description": calendar.description,
        "deadline": iso(calendar.deadline, tz),
        "invitees": invitee_ids,
        "finalized": calendar.finalized,
        "timezone": calendar.timezone,
        "meeting_duration": calendar.meeting_duration,
    }


def _owner_slots() -> Prefetch:
    return Prefetch(
        "slots",
        queryset=Availability.objects.filter(invitation__isnull=True),
        to_attr="owner_slots",
    )


def calendar_details(*, owner: User, calendar_id: int) -> dict:
    """The owner's calendar with every slot and every invitee's answer, in 4 queries."""
    calendar = (
        Calendar.objects.filter(owner=owner, pk=calendar_id)
        .prefetch_related(
            _owner_slots(),
            Prefetch(
                "invitations",
                queryset=Invitation.objects.select_related("contact"),
                to_attr="invitation_list",
            ),
        )
        .first()
    )
    if calendar is None:
        raise NotFound(CALENDAR_MISSING)
    tz = zone(calendar.timezone)
    invitations = calendar.invitation_list
    # Invitee slots are most of the rows (10 per invitee is common): read them as
    # tuples, which is several times cheaper than building model instances.
    invitee_slots: dict[int, list[dict]] = defaultdict(list)
    rows = (
        Availability.objects.filter(calendar=calendar, invitation__isnull=False)
        .order_by("start", "pk")
        .values_list("invitation_id", *SLOT_ROW)
    )
    for invitation_id, *row in rows:
        invitee_slots[invitation_id].append(slot_row_dict(row, tz))
    return {
        "Calendar": calendar_dict(calendar, [i.contact_id for i in invitations]),
        "Owner_availability": {"slots": [slot_dict(s, tz) for s in calendar.owner_slots]},
        "Invitee_availability": [
            {
                "contact": contact_dict(i.contact),
                "status": i.responded,
                "slots": invitee_slots[i.pk],
                "responded_at": iso(i.responded_at, tz),
                "last_reminded_at": iso(i.last_reminded_at, tz),
            }
            for i in invitations
        ],
    }


def _person(first_name: str, last_name: str, pk: int) -> dict:
    return {"id": pk, "first_name": first_name, "last_name": last_name}


def respond_data(*, invitation: Invitation, now: dt.datetime) -> dict:
    """What an invitee's page needs: the round, the owner's times and their own answer."""
    calendar, contact = invitation.calendar, invitation.contact
    owner = calendar.owner
    tz = zone(calendar.timezone)
    slots = list(calendar.slots.filter(Q(invitation__isnull=True) | Q(invitation=invitation)))
    invitees = Invitation.objects.filter(calendar=calendar).select_related("contact")

    def shape(s):
        return slot_dict(s, tz, preference_key="preference")

    return {
        "calendar_id": calendar.pk,
        "name": calendar.name,
        "description": calendar.description,
        "deadline": iso(calendar.deadline, tz),
        "owner": _person(owner.first_name, owner.last_name, owner.pk),
        "invitees": [
            _person(i.contact.first_name, i.contact.last_name, i.contact_id) for i in invitees
        ],
        "owner_availability": [shape(s) for s in slots if s.invitation_id is None],
        "timezone": calendar.timezone,
        "meeting_duration": calendar.meeting_duration,
        "finalized": calendar.finalized,
        "deadline_passed": calendar.deadline <= now,
        "contact": _person(contact.first_name, contact.last_name, contact.pk),
        "responded": invitation.responded,
        "responded_at": iso(invitation.responded_at, tz),
        "availability": [shape(s) for s in slots if s.invitation_id is not None],
    }


def home(*, owner: User, now: dt.datetime) -> dict:
    """Finalized round meetings (upcoming first, soonest first) and open calendars."""
    meetings = list(
        Meeting.objects.filter(
            owner=owner, kind=Meeting.Kind.ROUND, status=Meeting.Status.CONFIRMED
        ).select_related("calendar")
    )
    upcoming = sorted((m for m in meetings if m.end > now), key=lambda m: (m.start, m.pk))
    past = sorted((m for m in meetings if m.end <= now), key=lambda m: (m.start, m.pk))
    calendars = (
        Calendar.objects.filter(owner=owner, finalized_at__isnull=True)
        .annotate(
            invitee_count=Count("invitations"),
            responded_count=Count("invitations", filter=Q(invitations__responded_at__isnull=False)),
        )
        .order_by("deadline", "pk")
    )
    return {
        "finalized_meetings": [_meeting_dict(m) for m in [*upcoming, *reversed(past)]],
        "unfinalized_meetings": [
            {
                "id": c.pk,
                "name": c.name,
                "description": c.description,
                "deadline": iso(c.deadline, zone(c.timezone)),
                "invitee_count": c.invitee_count,
                "responded_count": c.responded_count,
            }
            for c in calendars
        ],
    }


def _meeting_dict(meeting: Meeting) -> dict:
    calendar = meeting.calendar
    tz = zone(calendar.timezone)
    return {
        "id": meeting.pk,
        "name": calendar.name,
        "description": calendar.description,
        "start_time": iso(meeting.start, tz),
        "end_time": iso(meeting.end, tz),
        "calendar_id": calendar.pk,
        "contact_id": meeting.contact_id,
        "attendee_name": meeting.attendee_name,
    }
