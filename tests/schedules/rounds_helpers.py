"""Shared set-up for the 1-on-1 round tests: a clock, a calendar, a payload."""

from __future__ import annotations

import datetime as dt
import re

from django.core import mail
from model_bakery import baker

from accounts.tokens import new_token
from schedules.models import Availability, Calendar, Contact, Invitation

# Tests run with the clock frozen here (a Monday) unless they say otherwise.
NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
DEADLINE = NOW + dt.timedelta(days=7)


def contact(owner, first="Jane", last="Doe", email=None) -> Contact:
    return baker.make(
        Contact,
        owner=owner,
        first_name=first,
        last_name=last,
        email=email or f"{first.lower()}.{last.lower()}@example.com",
    )


def slot_payload(date="2026-03-10", start="13:00:00", end="15:00:00", preference=3) -> dict:
    return {"date": date, "start_time": start, "end_time": end, "preference_level": preference}


def create_payload(**overrides) -> dict:
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


def make_calendar(owner, *, invitees=(), slots=None, tz="UTC", **extra) -> Calendar:
    """A calendar built directly (no emails); returns it with ``raw_tokens`` by contact id."""
    fields = {"name": "Round", "deadline": DEADLINE, "timezone": tz} | extra
    calendar = baker.make(Calendar, owner=owner, **fields)
    for start, hours, preference in slots or [(NOW + dt.timedelta(days=8, hours=4), 2, 3)]:
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


def link_in(message) -> str:
    """The respond link in an email (text part), as a path."""
    match = re.search(r"https?://[^/\s]+(/calendars/\d+/respond/[\w-]+/)", message.body)
    assert match, message.body
    return match.group(1)


def outbox_to(address: str) -> list:
    return [m for m in mail.outbox if address in m.to]
