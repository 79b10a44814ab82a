"""Reads for booking pages: public pages, their free slots, the owner's hours and pages.

``page_slots`` is the one place that decides which times a page offers; the
slots endpoint shows them and the booking services accept only them. It runs
a fixed number of queries (working hours, date overrides, busy time) however
many entries the agenda holds.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import QuerySet

from accounts.tokens import hash_token
from config import messages
from config.errors import NotFound
from schedules.core.intervals import Interval
from schedules.core.slots import SECOND, SlotRules, first_instant, open_slots, working_windows
from schedules.models import BookingPage, DateOverride, Meeting, WorkingHours
from schedules.selectors.agenda import agenda_busy
from schedules.timeutils import zone

DAY = dt.timedelta(days=1)


def public_page(*, slug: str) -> BookingPage:
    """The active page behind a public link, with its owner, or NotFound."""
    page = (
        BookingPage.objects.select_related("owner")
        .filter(slug=slug, is_active=True, owner__is_active=True)
        .first()
    )
    if page is None:
        raise NotFound(messages.PAGE_NOT_FOUND)
    return page


def booking_pages_for_owner(*, owner) -> QuerySet[BookingPage]:
    return BookingPage.objects.filter(owner=owner).select_related("owner")


def page_has_upcoming_bookings(*, page: BookingPage, now: dt.datetime) -> bool:
    return page.meetings.filter(status=Meeting.Status.CONFIRMED, end__gt=now).exists()


@dataclass(frozen=True)
class WorkingWeek:
    timezone: str
    hours: list[WorkingHours]
    overrides: list[DateOverride]


def working_week(*, owner) -> WorkingWeek:
    """The owner's weekly hours and date exceptions, in their zone."""
    return WorkingWeek(
        timezone=owner.timezone,
        hours=list(WorkingHours.objects.filter(owner=owner)),
        overrides=list(DateOverride.objects.filter(owner=owner)),
    )


def page_rules(page: BookingPage, *, meeting: Meeting | None = None) -> SlotRules:
    """The page's slot shape; a booking being moved keeps its own length and buffers."""
    interval = dt.timedelta(minutes=page.slot_interval or page.duration)
    if meeting is not None:
        return SlotRules(
            duration=meeting.end - meeting.start,
            interval=interval,
            buffer_before=meeting.buffer_before,
            buffer_after=meeting.buffer_after,
        )
    return SlotRules(
        duration=dt.timedelta(minutes=page.duration),
        interval=interval,
        buffer_before=dt.timedelta(minutes=page.buffer_before),
        buffer_after=dt.timedelta(minutes=page.buffer_after),
    )


def local_days(start: dt.date, end: dt.date, tz_name: str) -> tuple[dt.datetime, dt.datetime]:
    """The instants covered by the local dates ``start`` … ``end`` (inclusive) in a zone."""
    tz = zone(tz_name)
    return (
        first_instant(dt.datetime.combine(start, dt.time()), tz),
        first_instant(dt.datetime.combine(end + DAY, dt.time()), tz),
    )


def horizon_end(page: BookingPage, *, now: dt.datetime) -> dt.datetime:
    """Bookable dates run from today to today + horizon_days, in the owner's zone."""
    tz = zone(page.owner.timezone)
    last = now.astimezone(tz).date() + page.horizon_days * DAY
    return first_instant(dt.datetime.combine(last + DAY, dt.time()), tz)


def _week(owner_id: int, first: dt.date, last: dt.date):
    weekly: dict[int, list] = defaultdict(list)
    for weekday, start_time, end_time in WorkingHours.objects.filter(owner_id=owner_id).values_list(
        "weekday", "start_time", "end_time"
    ):
        weekly[weekday].append((start_time, end_time))
    overrides: dict[dt.date, list] = defaultdict(list)
    for day, start_time, end_time in DateOverride.objects.filter(
        owner_id=owner_id, date__range=(first, last)
    ).values_list("date", "start_time", "end_time"):
        overrides[day].extend([(start_time, end_time)] if start_time else [])
    return weekly, overrides


def page_slots(
    *,
    page: BookingPage,
    start: dt.datetime,
    end: dt.datetime,
    now: dt.datetime,
    meeting: Meeting | None = None,
) -> list[Interval]:
    """Free slots of ``page`` starting in [start, end); ``meeting`` is one being moved."""
    tz = zone(page.owner.timezone)
    rules = page_rules(page, meeting=meeting)
    not_before = max(start, now + dt.timedelta(minutes=page.minimum_notice))
    not_after = min(end, horizon_end(page, now=now))
    if not_before >= not_after:
        return []
    # Whole owner-local days (one extra each side), so the grid of a day is the
    # same whether one slot or a month is asked for.
    first = not_before.astimezone(tz).date() - DAY
    last = (not_after - SECOND).astimezone(tz).date() + DAY
    weekly, overrides = _week(page.owner_id, first, last)
    windows = working_windows(weekly=weekly, overrides=overrides, tz=tz, first=first, last=last)
    if not windows:
        return []
    busy = agenda_busy(
        owner_id=page.owner_id,
        start=windows[0][0] - rules.buffer_before,
        end=windows[-1][1] + rules.buffer_after,
        exclude_ids=[meeting.pk] if meeting is not None else (),
    )
    return open_slots(
        windows=windows, busy=busy, rules=rules, not_before=not_before, not_after=not_after
    )


def slot_is_offered(
    *, page: BookingPage, start: dt.datetime, now: dt.datetime, meeting: Meeting | None = None
) -> bool:
    """Whether ``start`` is a time the slots endpoint would offer right now."""
    slots = page_slots(page=page, start=start, end=start + SECOND, now=now, meeting=meeting)
    return bool(slots) and slots[0][0] == start


def booking_by_token(*, slug: str, token: str, appointment_id: int | None = None) -> Meeting:
    """A booking of this page whose manage token matches, or NotFound (never which part failed)."""
    bookings = Meeting.objects.select_related("owner", "booking_page").filter(
        kind=Meeting.Kind.BOOKING, booking_page__slug=slug, manage_token_hash=hash_token(token)
    )
    if appointment_id is not None:
        bookings = bookings.filter(pk=appointment_id)
    meeting = bookings.first()
    if meeting is None:
        raise NotFound(messages.APPOINTMENT_NOT_FOUND)
    return meeting
