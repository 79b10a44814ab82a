"""Rows for the finalize tests: a round with owner slots, invitations and answers.

The rounds API is built on another branch, so these tests make rows directly.
"""

from __future__ import annotations

import datetime as dt
import secrets
import zoneinfo

from model_bakery import baker

from schedules.models import Availability, Calendar, Contact, Invitation, Meeting

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def wall(text: str, tz: str = "UTC") -> dt.datetime:
    """'2026-03-12 13:00' in ``tz``, as an aware datetime."""
    naive = dt.datetime.strptime(text, "%Y-%m-%d %H:%M")  # noqa: DTZ007 localized here
    return naive.replace(tzinfo=zoneinfo.ZoneInfo(tz))


def make_calendar(owner, *, tz: str = "UTC", duration: int = 30, **extra) -> Calendar:
    return baker.make(
        Calendar,
        owner=owner,
        name=extra.pop("name", "Interviews"),
        description=extra.pop("description", "After the P2 submission"),
        deadline=extra.pop("deadline", NOW + dt.timedelta(days=5)),
        timezone=tz,
        meeting_duration=duration,
        **extra,
    )


def owner_slot(calendar: Calendar, start: str, end: str, preference: int = 3) -> Availability:
    return baker.make(
        Availability,
        calendar=calendar,
        invitation=None,
        start=wall(start, calendar.timezone),
        end=wall(end, calendar.timezone),
        preference=preference,
    )


def make_contact(owner, first: str, last: str = "Smith") -> Contact:
    return baker.make(
        Contact,
        owner=owner,
        first_name=first,
        last_name=last,
        email=f"{first.lower()}.{last.lower()}@example.org",
    )


def invite(
    calendar: Calendar,
    contact: Contact,
    *slots: tuple[str, str, int],
    responded: bool = True,
) -> Invitation:
    """Invite ``contact``; with ``responded`` their ``slots`` (start, end, preference)."""
    invitation = baker.make(
        Invitation,
        calendar=calendar,
        contact=contact,
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


def busy(owner, start: dt.datetime, end: dt.datetime, **extra) -> Meeting:
    """Something already on the owner's agenda (a booking unless ``kind`` says otherwise)."""
    return baker.make(
        Meeting,
        owner=owner,
        kind=extra.pop("kind", Meeting.Kind.BOOKING),
        start=start,
        end=end,
        attendee_name="Someone Else",
        attendee_email="someone@example.org",
        **extra,
    )
