"""Reads of the agenda: busy time, an owner's entries, the private feed.

What *blocks* time is defined once, by ``MeetingQuerySet.blocking`` (an entry's
own time widened by its buffers); everything that needs busy time (free
slots, suggestions, the agenda service's re-check before a write) reads it
here, in one query.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import QuerySet

from accounts.tokens import hash_token
from schedules.core.intervals import Interval
from schedules.models import AgendaFeed, Meeting

FEED_HISTORY = dt.timedelta(days=365)


def agenda_busy(
    *, owner_id: int, start: dt.datetime, end: dt.datetime, exclude_ids: Iterable[int] = ()
) -> list[Interval]:
    """Blocked intervals (buffers included) meeting [start, end), sorted by start."""
    rows = (
        Meeting.objects.blocking(owner_id=owner_id, start=start, end=end)
        .exclude(pk__in=list(exclude_ids))
        .order_by("start")
        .values_list("start", "end", "buffer_before", "buffer_after")
    )
    return [(s - before, e + after) for s, e, before, after in rows]


def agenda_list(
    *,
    owner,
    now: dt.datetime,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    status: str | None = None,
    kind: str | None = None,
    when: str | None = None,
) -> QuerySet[Meeting]:
    """The owner's entries starting in [start, end), soonest first (``when="past"``: latest)."""
    entries = Meeting.objects.filter(owner=owner).select_related(
        "owner", "booking_page", "calendar"
    )
    if start is not None:
        entries = entries.filter(start__gte=start)
    if end is not None:
        entries = entries.filter(start__lt=end)
    if status:
        entries = entries.filter(status=status)
    if kind:
        entries = entries.filter(kind=kind)
    if when == "upcoming":
        return entries.filter(end__gt=now).order_by("start", "id")
    if when == "past":
        return entries.filter(end__lte=now).order_by("-start", "-id")
    return entries.order_by("start", "id")


def feed_for_owner(*, owner) -> AgendaFeed | None:
    return AgendaFeed.objects.filter(owner=owner).first()


def feed_by_token(*, token: str) -> AgendaFeed | None:
    """The feed behind a secret URL, with its owner; None when revoked or made up."""
    return AgendaFeed.objects.select_related("owner").filter(token_hash=hash_token(token)).first()


def feed_entries(*, owner, now: dt.datetime) -> QuerySet[Meeting]:
    """What the .ics feed shows: confirmed entries that ended less than a year ago."""
    return (
        Meeting.objects.filter(
            owner=owner, status=Meeting.Status.CONFIRMED, end__gte=now - FEED_HISTORY
        )
        .select_related("owner", "calendar", "booking_page")
        .order_by("start")
    )
