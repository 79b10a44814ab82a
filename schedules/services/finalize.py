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

from config import emails
from config.errors import ApplicationError
from schedules.models import Availability, Calendar, Contact, Invitation, Meeting
from schedules.selectors.finalize import calendar_to_finalize
from schedules.services.agenda import agenda_add, agenda_busy, agenda_lock
from schedules.timeutils import zone

SHORTEST = dt.timedelta(minutes=5)
LONGEST = dt.timedelta(hours=24)

NOTHING_SELECTED = (
    "Availability not selected for a user: choose a meeting time for at least one invitee."
)
INVALID_CONTACT = "Invalid contact id: {id} is not one of your contacts."
NOT_INVITED = "Contact not invited to calendar: {name} (contact {id})."
DUPLICATE = "Contact appears more than once: {name} can have only one meeting."
LENGTH = "Invalid meeting time for contact: {name}'s meeting must last from 5 minutes to 24 hours."
PAST = "Invalid meeting time for contact: {name}'s meeting {span} would start in the past."
NOT_AVAILABLE = "Invalid meeting time for contact: {name} is not available {span}."
OWNER_NOT_AVAILABLE = (
    "Invalid meeting time for contact: {name} has not responded, so their meeting must lie "
    "within your own availability, and {span} does not."
)
OVERLAP = "Meeting times overlap: {first} {first_span} and {second} {second_span}."
AGENDA_CONFLICT = (
    "Unresolved availability conflict: {name}'s meeting {span} overlaps something already on "
    "your agenda."
)
RACE_CONFLICT = (
    "Unresolved availability conflict: something was added to your agenda at one of these "
    "times while you were finalizing. Reload and choose again."
)


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


def span(start: dt.datetime, end: dt.datetime, tz: zoneinfo.ZoneInfo) -> str:
    """ "2026-03-12 13:00-13:30 (America/Toronto)", in the calendar's zone."""
    start, end = start.astimezone(tz), end.astimezone(tz)
    until = f"{end:%H:%M}" if end.date() == start.date() else f"{end:%Y-%m-%d %H:%M}"
    return f"{start:%Y-%m-%d %H:%M}-{until} ({tz.key})"


def _covered(start: dt.datetime, end: dt.datetime, slots: Sequence[Availability]) -> bool:
    """Whether [start, end) lies inside the union of the slots (adjacent ones join)."""
    reached = start
    for slot in sorted(slots, key=lambda s: s.start):
        if slot.start > reached:
            break
        reached = max(reached, slot.end)
        if reached >= end:
            return True
    return False


def _time_problems(
    item: ProposedMeeting,
    name: str,
    available: Sequence[Availability],
    *,
    responded: bool,
    busy: Sequence[tuple[dt.datetime, dt.datetime]],
    now: dt.datetime,
    tz: zoneinfo.ZoneInfo,
) -> list[str]:
    """``available``: the invitee's slots if they responded, else the owner's."""
    when = span(item.start, item.end, tz)
    if not SHORTEST <= item.end - item.start <= LONGEST:
        return [LENGTH.format(name=name)]
    problems = []
    if item.start < now:
        problems.append(PAST.format(name=name, span=when))
    elif not _covered(item.start, item.end, available):
        message = NOT_AVAILABLE if responded else OWNER_NOT_AVAILABLE
        problems.append(message.format(name=name, span=when))
    if any(b0 < item.end and item.start < b1 for b0, b1 in busy):
        problems.append(AGENDA_CONFLICT.format(name=name, span=when))
    return problems


def _overlaps(placed: list[tuple[ProposedMeeting, str]], tz: zoneinfo.ZoneInfo) -> list[str]:
    """One message per meeting that starts before an earlier-starting one has ended."""
    problems = []
    latest: tuple[ProposedMeeting, str] | None = None
    for item, name in sorted(placed, key=lambda pair: pair[0].start):
        if latest is not None and item.start < latest[0].end:
            first, first_name = latest
            problems.append(
                OVERLAP.format(
                    first=first_name,
                    first_span=span(first.start, first.end, tz),
                    second=name,
                    second_span=span(item.start, item.end, tz),
                )
            )
        if latest is None or item.end > latest[0].end:
            latest = (item, name)
    return problems


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
    by_invitation: dict[int | None, list[Availability]] = {}
    for slot in slots:
        by_invitation.setdefault(slot.invitation_id, []).append(slot)

    problems: list[str] = []
    placed: list[tuple[ProposedMeeting, str]] = []
    seen: set[int] = set()
    for item in schedule:
        invitation = invitations.get(item.contact_id)
        if invitation is None:
            if item.contact_id in owner_contacts:
                name = owner_contacts[item.contact_id]
                problems.append(NOT_INVITED.format(name=name, id=item.contact_id))
            else:
                problems.append(INVALID_CONTACT.format(id=item.contact_id))
            continue
        name = invitation.contact.full_name
        if item.contact_id in seen:
            problems.append(DUPLICATE.format(name=name))
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
        raise ScheduleInvalid([NOTHING_SELECTED])
    agenda_lock(owner_id=calendar.owner_id)
    invitations = {
        i.contact_id: i for i in calendar.invitations.select_related("contact").order_by("id")
    }
    _check(calendar=calendar, schedule=schedule, invitations=invitations, now=now)

    ordered = sorted(schedule, key=lambda item: item.start)
    meetings = agenda_add(
        meetings=[_meeting(calendar, i, invitations[i.contact_id].contact) for i in ordered],
        message=RACE_CONFLICT,
    )
    calendar.finalized_at = now
    calendar.save(update_fields=["finalized_at"])

    for meeting in meetings:
        emails.send_round_meeting(meeting)
    seated = {m.contact_id for m in meetings}
    unscheduled = [i.contact for i in invitations.values() if i.contact_id not in seated]
    emails.send_round_finalized(calendar, meetings, unscheduled=unscheduled)
    return meetings
