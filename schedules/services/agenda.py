"""One agenda per owner: the only way meetings get onto it.

Every writer (finalizing a round, booking, rescheduling, a visit) calls
``agenda_lock`` first and then ``agenda_add`` / ``agenda_move`` inside the same
transaction. The lock serializes writers of one owner (a row lock on
PostgreSQL; SQLite's BEGIN IMMEDIATE already allows one writer), so the
overlap re-check, including booking-page buffers, sees every committed entry;
the exclusion constraint on PostgreSQL is the last line of defence.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Sequence

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet

from config.errors import Conflict
from schedules.models import Meeting

BUSY_MESSAGE = "The person is busy at that time. Please select a new time"

# No buffer is longer than this (booking pages allow 240 minutes). It lets the
# overlap queries first narrow by plain ``start``/``end`` comparisons, which use
# the (owner, status, start) index, before the exact test on blocked time, which
# SQLite can only evaluate row by row in Python.
LONGEST_BUFFER = dt.timedelta(days=1)


def agenda_lock(*, owner_id: int) -> None:
    """Block other writers of this owner's agenda until the transaction ends."""
    list(get_user_model().objects.select_for_update().filter(pk=owner_id).values_list("pk"))


def agenda_entries(*, owner_id: int, start: dt.datetime, end: dt.datetime) -> QuerySet[Meeting]:
    """Confirmed entries whose blocked time (with buffers) meets [start, end)."""
    return (
        _nearby(owner_id=owner_id, start=start, end=end)
        .alias(
            blocked_from=F("start") - F("buffer_before"),
            blocked_to=F("end") + F("buffer_after"),
        )
        .filter(blocked_from__lt=end, blocked_to__gt=start)
    )


def _nearby(*, owner_id: int, start: dt.datetime, end: dt.datetime) -> QuerySet[Meeting]:
    return Meeting.objects.filter(
        owner_id=owner_id,
        status=Meeting.Status.CONFIRMED,
        start__lt=end + LONGEST_BUFFER,
        end__gt=start - LONGEST_BUFFER,
    )


def agenda_busy(
    *, owner_id: int, start: dt.datetime, end: dt.datetime, exclude_ids: Iterable[int] = ()
) -> list[tuple[dt.datetime, dt.datetime]]:
    """Blocked intervals overlapping [start, end), sorted, in one query."""
    rows = (
        _nearby(owner_id=owner_id, start=start, end=end)
        .exclude(pk__in=list(exclude_ids))
        .order_by("start")
        .values_list("start", "end", "buffer_before", "buffer_after")
    )
    blocked = [(s - before, e + after) for s, e, before, after in rows]
    return [(s, e) for s, e in blocked if s < end and e > start]


def _merge(
    intervals: list[tuple[dt.datetime, dt.datetime]],
) -> list[tuple[dt.datetime, dt.datetime]]:
    """Sorted, disjoint union of intervals (touching ones stay apart: ranges are half-open)."""
    merged: list[tuple[dt.datetime, dt.datetime]] = []
    for start, end in sorted(intervals):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def agenda_is_free(
    *,
    owner_id: int,
    start: dt.datetime,
    end: dt.datetime,
    buffer_before: dt.timedelta = dt.timedelta(0),
    buffer_after: dt.timedelta = dt.timedelta(0),
    exclude_ids: Iterable[int] = (),
) -> bool:
    return not (
        agenda_entries(owner_id=owner_id, start=start - buffer_before, end=end + buffer_after)
        .exclude(pk__in=list(exclude_ids))
        .exists()
    )


def agenda_add(*, meetings: Sequence[Meeting], message: str = BUSY_MESSAGE) -> list[Meeting]:
    """Insert confirmed meetings of one owner, refusing any overlap with ``Conflict``.

    Call inside ``transaction.atomic`` after ``agenda_lock``. Overlaps among the
    new meetings themselves are the caller's to refuse with a better message.
    """
    if meetings:
        (owner_id,) = {meeting.owner_id for meeting in meetings}
        # One query for the whole span, then a binary search per meeting: a
        # finalize seating many invitees costs the same as one booking.
        busy = _merge(
            agenda_busy(
                owner_id=owner_id,
                start=min(meeting.blocked_start for meeting in meetings),
                end=max(meeting.blocked_end for meeting in meetings),
            )
        )
        starts = [start for start, _ in busy]
        for meeting in meetings:
            i = bisect.bisect_left(starts, meeting.blocked_end)
            if i and busy[i - 1][1] > meeting.blocked_start:
                raise Conflict(message)
    try:
        with transaction.atomic():
            return Meeting.objects.bulk_create(meetings)
    except IntegrityError as exc:
        raise Conflict(message) from exc


def agenda_move(
    *, meeting: Meeting, start: dt.datetime, end: dt.datetime, message: str = BUSY_MESSAGE
) -> Meeting:
    """Move a confirmed meeting to a new time, raising SEQUENCE for its invites."""
    if not agenda_is_free(
        owner_id=meeting.owner_id,
        start=start,
        end=end,
        buffer_before=meeting.buffer_before,
        buffer_after=meeting.buffer_after,
        exclude_ids=[meeting.pk],
    ):
        raise Conflict(message)
    meeting.start, meeting.end = start, end
    meeting.sequence += 1
    try:
        with transaction.atomic():
            meeting.save(update_fields=["start", "end", "sequence"])
    except IntegrityError as exc:
        raise Conflict(message) from exc
    return meeting
