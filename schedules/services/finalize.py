"""Finalize a 1-on-1 round: validate the chosen schedule, put it on the agenda, email it.

The owner may send a suggested schedule or a hand-edited one, and may seat only
some invitees. A hand-edited meeting may start at any minute and last anywhere
from 5 minutes to 24 hours (the grid and ``meeting_duration`` shape the
suggestions, not the owner's own choices), as long as it lies inside the
invitee's availability, or inside the owner's when the invitee never answered.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from config import emails, messages
from config.errors import ApplicationError
from schedules.core.availability import Slot, stretches
from schedules.core.intervals import clashes, covering, first_overlap, merge
from schedules.core.timetext import span_text
from schedules.models import Availability, Calendar, Contact, Invitation, Meeting
from schedules.selectors.agenda import agenda_busy
from schedules.selectors.finalize import calendar_to_finalize
from schedules.services.agenda import agenda_add, agenda_lock
from schedules.timeutils import zone

SHORTEST = dt.timedelta(minutes=5)
LONGEST = dt.timedelta(hours=24)


@dataclass(frozen=True, slots=True)
class ProposedMeeting:
    """One line of ``finalized_schedule``: aware datetimes, end after start."""

    contact_id: int
    start: dt.datetime
    end: dt.datetime


class ScheduleInvalid(ApplicationError):
    """The schedule breaks one or more rules; ``problems`` lists every one."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(problems[0], field="finalized_schedule")
        self.problems = problems


def _time_problems(
    item: ProposedMeeting,
    name: str,
    available: Sequence[Slot],
    *,
    responded: bool,
    busy: Sequence[tuple[dt.datetime, dt.datetime]],
    now: dt.datetime,
    tz: zoneinfo.ZoneInfo,
) -> list[str]:
    """``available``: the invitee's slots if they responded, else the owner's."""
    when = span_text(item.start, item.end, tz, zone=True)
    if not SHORTEST <= item.end - item.start <= LONGEST:
        return [messages.MEETING_LENGTH.format(name=name)]
    problems = []
    if item.start < now:
        problems.append(messages.MEETING_PAST.format(name=name, span=when))
    elif not covering(stretches(available), item.start, item.end):
        message = messages.NOT_AVAILABLE if responded else messages.OWNER_NOT_AVAILABLE
        problems.append(message.format(name=name, span=when))
    if first_overlap(busy, item.start, item.end):
        problems.append(messages.AGENDA_CONFLICT.format(name=name, span=when))
    return problems


def _overlaps(placed: list[tuple[ProposedMeeting, str]], tz: zoneinfo.ZoneInfo) -> list[str]:
    """One message per meeting that starts before an earlier-starting one has ended."""
    return [
        messages.MEETINGS_OVERLAP.format(
            first=first_name,
            first_span=span_text(first.start, first.end, tz, zone=True),
            second=name,
            second_span=span_text(item.start, item.end, tz, zone=True),
        )
        for (first, first_name), (item, name) in clashes(
            placed, key=lambda pair: (pair[0].start, pair[0].end)
        )
    ]


def schedule_problems(
    *,
    calendar: Calendar,
    schedule: Sequence[ProposedMeeting],
    invitations: dict[int, Invitation],
    owner_contacts: dict[int, str],
    slots: Sequence[Availability],
    busy: Sequence[tuple[dt.datetime, dt.datetime]],
    now: dt.datetime,
) -> list[str]:
    """Every rule the schedule breaks, as messages a person can act on."""
    tz = zone(calendar.timezone)
    busy = merge(busy, join_touching=False)
    by_invitation: dict[int | None, list[Slot]] = {}
    for slot in slots:
        by_invitation.setdefault(slot.invitation_id, []).append(
            Slot(slot.start, slot.end, slot.preference)
        )

    problems: list[str] = []
    placed: list[tuple[ProposedMeeting, str]] = []
    seen: set[int] = set()
    for item in schedule:
        invitation = invitations.get(item.contact_id)
        if invitation is None:
            if item.contact_id in owner_contacts:
                name = owner_contacts[item.contact_id]
                problems.append(messages.NOT_INVITED.format(name=name, id=item.contact_id))
            else:
                problems.append(messages.INVALID_CONTACT_ID.format(id=item.contact_id))
            continue
        name = invitation.contact.full_name
        if item.contact_id in seen:
            problems.append(messages.DUPLICATE_MEETING.format(name=name))
            continue
        seen.add(item.contact_id)
        available = by_invitation.get(invitation.pk if invitation.responded else None, [])
        problems += _time_problems(
            item, name, available, responded=invitation.responded, busy=busy, now=now, tz=tz
        )
        placed.append((item, name))
    return problems + _overlaps(placed, tz)


def _check(
    *, calendar: Calendar, schedule: Sequence[ProposedMeeting], invitations: dict, now
) -> None:
    """Load what the rules need (three queries) and refuse the schedule if any fails."""
    strangers = {item.contact_id for item in schedule} - set(invitations)
    owner_contacts = {
        contact.pk: contact.full_name
        for contact in Contact.objects.filter(owner_id=calendar.owner_id, pk__in=strangers)
    }
    busy = agenda_busy(
        owner_id=calendar.owner_id,
        start=min(item.start for item in schedule),
        end=max(item.end for item in schedule),
    )
    problems = schedule_problems(
        calendar=calendar,
        schedule=schedule,
        invitations=invitations,
        owner_contacts=owner_contacts,
        slots=list(Availability.objects.filter(calendar=calendar)),
        busy=busy,
        now=now,
    )
    if problems:
        raise ScheduleInvalid(problems)


def _meeting(calendar: Calendar, item: ProposedMeeting, contact: Contact) -> Meeting:
    return Meeting(
        owner=calendar.owner,
        kind=Meeting.Kind.ROUND,
        start=item.start,
        end=item.end,
        calendar=calendar,
        contact=contact,
        attendee_name=contact.full_name,
        attendee_email=contact.email,
        attendee_timezone=calendar.timezone,
    )


@transaction.atomic
def calendar_finalize(
    *, calendar_id: int, by, schedule: Sequence[ProposedMeeting], now: dt.datetime | None = None
) -> list[Meeting]:
    """Turn ``schedule`` into confirmed meetings on the owner's agenda, once.

    The calendar row is locked and re-checked inside the transaction, so two
    concurrent finalizations produce one set of meetings (the second one finds
    the calendar finalized: 404). Emails leave after commit.
    """
    now = now or timezone.now()
    calendar = calendar_to_finalize(calendar_id=calendar_id, user=by, lock=True)
    if not schedule:
        raise ScheduleInvalid([messages.NOTHING_SELECTED])
    agenda_lock(owner_id=calendar.owner_id)
    invitations = {
        i.contact_id: i for i in calendar.invitations.select_related("contact").order_by("id")
    }
    _check(calendar=calendar, schedule=schedule, invitations=invitations, now=now)

    ordered = sorted(schedule, key=lambda item: item.start)
    meetings = agenda_add(
        meetings=[_meeting(calendar, i, invitations[i.contact_id].contact) for i in ordered],
        message=messages.RACE_CONFLICT,
    )
    calendar.finalized_at = now
    calendar.save(update_fields=["finalized_at"])

    for meeting in meetings:
        emails.send_round_meeting(meeting)
    seated = {m.contact_id for m in meetings}
    unscheduled = [i.contact for i in invitations.values() if i.contact_id not in seated]
    emails.send_round_finalized(calendar, meetings, unscheduled=unscheduled)
    return meetings
