"""One home for what the tests build: owners, contacts, rounds, booking pages, agenda
entries, request bodies, and readers for the emails that come out.

Times are written against ``NOW``, the one moment the ``clock`` fixture (tests/conftest.py)
freezes; a test that needs another moment moves that clock.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
import zoneinfo
from email import message_from_bytes

from django.core import mail
from model_bakery import baker

from accounts.tokens import new_token
from schedules.models import (
    Availability,
    BookingPage,
    Calendar,
    Contact,
    Invitation,
    Meeting,
    WorkingHours,
)

# --- moments ------------------------------------------------------------------------------

# Monday 2 March 2026, 09:00 UTC: where the ``clock`` fixture freezes time.
NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
# A round's deadline unless a test says otherwise: a week later.
DEADLINE = NOW + dt.timedelta(days=7)
# Three hours after NOW: 07:00 that Monday in New York (UTC-5 until 8 March), two hours
# before a booking page's 09:00-17:00 day there starts; for the booking tests about notice.
NEW_YORK_7AM = NOW + dt.timedelta(hours=3)
# A round's one owner slot unless a test says otherwise, as (start, hours, preference):
# Tuesday 10 March, 13:00-15:00 UTC, preference 3.
OWNER_SLOT = (NOW + dt.timedelta(days=8, hours=4), 2, 3)

PASSWORD = "correct horse battery staple"


def wall(text: str, tz: str = "UTC") -> dt.datetime:
    """'2026-03-12 13:00' in ``tz``, as an aware datetime."""
    naive = dt.datetime.strptime(text, "%Y-%m-%d %H:%M")  # noqa: DTZ007 localized here
    return naive.replace(tzinfo=zoneinfo.ZoneInfo(tz))


# --- people -------------------------------------------------------------------------------


def make_owner(username: str, **extra):
    """An active owner, ``username@example.org``, whose password is ``PASSWORD``."""
    user = baker.make(
        "accounts.User",
        username=username,
        email=f"{username}@example.org",
        first_name=username.capitalize(),
        last_name="Example",
        is_active=True,
        **extra,
    )
    user.set_password(PASSWORD)
    user.save()
    return user


def contact(owner, first: str = "Jane", last: str = "Doe", email: str | None = None) -> Contact:
    """One of ``owner``'s contacts, ``first.last@example.org`` unless ``email`` is given."""
    return baker.make(
        Contact,
        owner=owner,
        first_name=first,
        last_name=last,
        email=email or f"{first.lower()}.{last.lower()}@example.org",
    )


# --- 1-on-1 rounds ------------------------------------------------------------------------


def make_calendar(
    owner,
    *,
    invitees=(),
    slots=(OWNER_SLOT,),
    tz: str = "UTC",
    duration: int = 30,
    **extra,
) -> Calendar:
    """A round written directly (no emails), named "Round", due at ``DEADLINE``.

    ``slots`` are the owner's times as (start, hours, preference); pass ``slots=()`` for
    none, e.g. to add them on the calendar's wall clock with ``owner_slot``. Each of
    ``invitees`` gets an unanswered invitation whose raw link token is kept in
    ``calendar.raw_tokens`` by contact id; ``invite`` adds one with answers instead.
    Any other field (``name``, ``deadline``, ``finalized_at``...) goes in ``extra``.
    """
    fields = {"name": "Round", "deadline": DEADLINE} | extra
    calendar = baker.make(Calendar, owner=owner, timezone=tz, meeting_duration=duration, **fields)
    for start, hours, preference in slots:
        Availability.objects.create(
            calendar=calendar,
            start=start,
            end=start + dt.timedelta(hours=hours),
            preference=preference,
        )
    calendar.raw_tokens = {}
    for person in invitees:
        raw, token_hash = new_token()
        Invitation.objects.create(calendar=calendar, contact=person, token_hash=token_hash)
        calendar.raw_tokens[person.pk] = raw
    return calendar


def owner_slot(calendar: Calendar, start: str, end: str, preference: int = 3) -> Availability:
    """An owner time from ``start`` to ``end`` on the calendar's wall clock."""
    return baker.make(
        Availability,
        calendar=calendar,
        invitation=None,
        start=wall(start, calendar.timezone),
        end=wall(end, calendar.timezone),
        preference=preference,
    )


def invite(
    calendar: Calendar,
    person: Contact,
    *slots: tuple[str, str, int],
    responded: bool = True,
) -> Invitation:
    """Invite ``person``; with ``responded`` (at NOW) their ``slots`` (start, end, preference)."""
    invitation = baker.make(
        Invitation,
        calendar=calendar,
        contact=person,
        token_hash=secrets.token_hex(32),
        responded_at=NOW if responded else None,
    )
    for start, end, preference in slots:
        baker.make(
            Availability,
            calendar=calendar,
            invitation=invitation,
            start=wall(start, calendar.timezone),
            end=wall(end, calendar.timezone),
            preference=preference,
        )
    return invitation


def slot_payload(date="2026-03-10", start="13:00:00", end="15:00:00", preference=3) -> dict:
    """One owner slot as POST /schedules/calendars/create/ takes it."""
    return {"date": date, "start_time": start, "end_time": end, "preference_level": preference}


def create_payload(**overrides) -> dict:
    """A valid body for POST /schedules/calendars/create/, with ``overrides``."""
    payload = {
        "name": "CSC309 Phase 2",
        "description": "Interview session after P2 submission",
        "deadline": "2026-03-09T17:00:00",
        "invitees": [],
        "availability": [
            slot_payload(),
            slot_payload(date="2026-03-11", start="10:00:00", end="12:00:00", preference=1),
        ],
    }
    payload.update(overrides)
    return payload


# --- booking pages and the agenda ---------------------------------------------------------


def set_week(owner, *, tz: str = "America/New_York", start=dt.time(9), end=dt.time(17), days=5):
    """Working hours ``start``-``end`` Monday to Friday (or the first ``days`` days)."""
    owner.timezone = tz
    owner.save(update_fields=["timezone"])
    WorkingHours.objects.filter(owner=owner).delete()
    for weekday in range(days):
        WorkingHours.objects.create(owner=owner, weekday=weekday, start_time=start, end_time=end)


def make_page(owner, slug: str = "intro", **fields) -> BookingPage:
    """A booking page "Intro call" in the owner's zone, with an hour's minimum notice."""
    fields.setdefault("timezone", owner.timezone)
    fields.setdefault("minimum_notice", 60)
    return baker.make(BookingPage, owner=owner, slug=slug, title="Intro call", **fields)


def book(api, page, date: str, time: str, **extra):
    """POST /book/<slug>/schedule as Jane Doe; returns the response."""
    body = {"client_name": "Jane Doe", "email": "jane@example.org", "date": date, "time": time}
    return api.post(f"/book/{page.slug}/schedule", body | extra, format="json")


def block(owner, start: dt.datetime, minutes: int = 30, **extra) -> Meeting:
    """An entry on the owner's agenda, written directly: someone else's booking (Sam's)
    unless ``kind`` says otherwise (a round meeting gets a calendar of its own)."""
    extra.setdefault("kind", Meeting.Kind.BOOKING)
    extra.setdefault("attendee_name", "Sam")
    extra.setdefault("attendee_email", "sam@example.org")
    if extra["kind"] == Meeting.Kind.ROUND:
        extra.setdefault("calendar", baker.make(Calendar, owner=owner))
    return baker.make(
        Meeting,
        owner=owner,
        start=start,
        end=start + dt.timedelta(minutes=minutes),
        **extra,
    )


# --- emails -------------------------------------------------------------------------------


def outbox_to(address: str) -> list:
    """The sent emails addressed to ``address``, oldest first."""
    return [m for m in mail.outbox if address in m.to]


def link_in(message) -> str:
    """The respond link in an email (text part), as a path."""
    match = re.search(r"https?://[^/\s]+(/calendars/\d+/respond/[\w-]+/)", message.body)
    assert match, message.body
    return match.group(1)


def html_of(message) -> str:
    """The HTML alternative of a sent email."""
    return message.alternatives[0][0]


def ics_of(message) -> str:
    """The text/calendar part of a sent email, checking its iMIP method parameter."""
    parsed = message_from_bytes(message.message().as_bytes())
    for part in parsed.walk():
        if part.get_content_type() == "text/calendar":
            assert part.get_param("method") in {"REQUEST", "CANCEL"}
            return part.get_payload(decode=True).decode()
    raise AssertionError("no text/calendar part")


def failed_delivery(owner, **fields):
    """An email that finally failed, with the payload the worker would send again."""
    from config import emails
    from schedules.models import Delivery

    payload = emails.render("booking_invitation", {"page": None, "owner": owner, "url": "u"})
    fields = {
        "kind": "booking_invitation",
        "owner": owner,
        "recipient": "x@example.org",
        "subject": "Book a time",
        "payload": payload | {"reply_to": []},
        "status": Delivery.Status.FAILED,
        "attempts": 5,
        "last_error": "SMTPServerDisconnected: Connection unexpectedly closed",
    } | fields
    return Delivery.objects.create(**fields)
