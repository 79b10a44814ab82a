"""Shared set-up for the booking tests: a working week, a page, a booking."""

from __future__ import annotations

import datetime as dt
import email

from model_bakery import baker

from schedules.models import BookingPage, Meeting, WorkingHours

# Monday 2 March 2026, 07:00 in New York: the frozen "now" of most booking tests.
NOW = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC)


def set_week(owner, *, tz: str = "America/New_York", start=dt.time(9), end=dt.time(17), days=5):
    """Working hours ``start``-``end`` Monday to Friday (or the first ``days`` days)."""
    owner.timezone = tz
    owner.save(update_fields=["timezone"])
    WorkingHours.objects.filter(owner=owner).delete()
    for weekday in range(days):
        WorkingHours.objects.create(owner=owner, weekday=weekday, start_time=start, end_time=end)


def make_page(owner, slug: str = "intro", **fields) -> BookingPage:
    fields.setdefault("timezone", owner.timezone)
    fields.setdefault("minimum_notice", 60)
    return baker.make(BookingPage, owner=owner, slug=slug, title="Intro call", **fields)


def book(api, page, date: str, time: str, **extra):
    body = {"client_name": "Jane Doe", "email": "jane@example.org", "date": date, "time": time}
    return api.post(f"/book/{page.slug}/schedule", body | extra, format="json")


def block(owner, start: dt.datetime, minutes: int = 30, **extra) -> Meeting:
    """An entry on the owner's agenda, written directly (the tests' 'someone else')."""
    extra.setdefault("kind", Meeting.Kind.BOOKING)
    extra.setdefault("attendee_name", "Sam")
    extra.setdefault("attendee_email", "sam@example.org")
    if extra["kind"] == Meeting.Kind.ROUND:
        extra.setdefault("calendar", baker.make("schedules.Calendar", owner=owner))
    return baker.make(
        Meeting,
        owner=owner,
        start=start,
        end=start + dt.timedelta(minutes=minutes),
        **extra,
    )


def ics_of(message) -> str:
    """The text/calendar part of a sent email, checking its iMIP method parameter."""
    parsed = email.message_from_bytes(message.message().as_bytes())
    for part in parsed.walk():
        if part.get_content_type() == "text/calendar":
            assert part.get_param("method") in {"REQUEST", "CANCEL"}
            return part.get_payload(decode=True).decode()
    raise AssertionError("no text/calendar part")


def html_of(message) -> str:
    return message.alternatives[0][0]
