"""iCalendar (RFC 5545) for invites and feeds, built with the icalendar library.

One UID per meeting for its whole life; SEQUENCE rises on every change, so a
mail client updates (or, with METHOD:CANCEL, removes) the event it already has.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.utils import timezone

from schedules.models import Meeting

PRODID = "-//Rendezvous//Scheduling//EN"


def _uid(meeting: Meeting) -> str:
    return f"{meeting.uid}@{urlsplit(settings.SITE_URL).hostname or 'rendezvous'}"


def _event(meeting: Meeting, *, stamp) -> icalendar.Event:
    owner = meeting.owner
    event = icalendar.Event()
    event.add("uid", _uid(meeting))
    event.add("dtstamp", stamp)
    event.add("dtstart", meeting.start)
    event.add("dtend", meeting.end)
    event.add("sequence", meeting.sequence)
    event.add("summary", f"{meeting.title}: {owner.display_name} and {meeting.attendee_name}")
    cancelled = meeting.status == Meeting.Status.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    organizer = icalendar.vCalAddress(f"mailto:{owner.email}")
    organizer.params["cn"] = icalendar.vText(owner.display_name)
    event.add("organizer", organizer)
    attendee = icalendar.vCalAddress(f"mailto:{meeting.attendee_email}")
    attendee.params["cn"] = icalendar.vText(meeting.attendee_name)
    attendee.params["role"] = icalendar.vText("REQ-PARTICIPANT")
    event.add("attendee", attendee)
    return event


def calendar_ics(meetings: Iterable[Meeting], *, method: str | None = None, name: str = "") -> str:
    """Serialize meetings; ``method`` is REQUEST or CANCEL for an emailed invite."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    if method:
        cal.add("method", method)
    if name:
        cal.add("x-wr-calname", name)
    stamp = timezone.now()
    for meeting in meetings:
        cal.add_component(_event(meeting, stamp=stamp))
    return cal.to_ical().decode()


def invite_ics(meeting: Meeting) -> tuple[str, str]:
    """(method, ics) for the email about this meeting's current state."""
    method = "CANCEL" if meeting.status == Meeting.Status.CANCELLED else "REQUEST"
    return method, calendar_ics([meeting], method=method)
