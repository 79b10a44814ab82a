"""One agenda per owner: the only code that writes meetings.

Every writer (finalizing a round, booking, rescheduling, cancelling, a visit)
calls ``agenda_lock`` first and then ``agenda_add`` / ``agenda_move`` /
``agenda_cancel`` inside the same transaction. The lock serializes writers of
one owner (a row lock on PostgreSQL; SQLite's BEGIN IMMEDIATE already allows
one writer), so the overlap re-check, including booking-page buffers, sees
every committed entry; the exclusion constraint on PostgreSQL is the last line
of defence.

The rule itself: no two confirmed entries of one owner share *blocked* time
(their own time widened by their buffers; see ``MeetingQuerySet.blocking``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F

from config import messages
from config.errors import Conflict
from schedules.core.intervals import first_overlap, merge
from schedules.models import Meeting
from schedules.selectors.agenda import agenda_busy


def agenda_touch(*, owner_id: int) -> None:
    """Mark the owner's free time as changed (``User.agenda_version``), in this transaction.

    Every writer of something free slots depend on calls it: the agenda's writes below,
    working hours and date exceptions, booking pages, other calendars' busy times.
    """
    get_user_model().objects.filter(pk=owner_id).update(agenda_version=F("agenda_version") + 1)


def agenda_lock(*, owner_id: int) -> None:
    """Block other writers of this owner's agenda until the transaction ends."""
    list(get_user_model().objects.select_for_update().filter(pk=owner_id).values_list("pk"))


def _refuse_clashes(meetings: Sequence[Meeting], *, message: str, exclude_ids=()) -> None:
    """One read of the agenda for the whole batch, then a binary search per meeting."""
    (owner_id,) = {meeting.owner_id for meeting in meetings}
    busy = merge(
        agenda_busy(
            owner_id=owner_id,
            start=min(meeting.blocked_start for meeting in meetings),
            end=max(meeting.blocked_end for meeting in meetings),
            exclude_ids=exclude_ids,
        ),
        join_touching=False,
    )
    for meeting in meetings:
        if first_overlap(busy, meeting.blocked_start, meeting.blocked_end):
            raise Conflict(message)


def agenda_add(*, meetings: Sequence[Meeting], message: str = messages.BUSY) -> list[Meeting]:
    """Insert confirmed meetings of one owner, refusing any overlap with ``Conflict``.

    Call inside ``transaction.atomic`` after ``agenda_lock``. Overlaps among the
    new meetings themselves are the caller's to refuse with a better message.
    """
    if meetings:
        _refuse_clashes(meetings, message=message)
    try:
        with transaction.atomic():
            created = Meeting.objects.bulk_create(meetings)
    except IntegrityError as exc:
        raise Conflict(message) from exc
    for owner_id in {meeting.owner_id for meeting in meetings}:
        agenda_touch(owner_id=owner_id)
    return created


def agenda_move(
    *, meeting: Meeting, start: dt.datetime, end: dt.datetime, message: str = messages.BUSY
) -> Meeting:
    """Move a confirmed meeting to a new time, raising SEQUENCE for its invites."""
    before = meeting.start, meeting.end
    meeting.start, meeting.end = start, end
    try:
        _refuse_clashes([meeting], message=message, exclude_ids=[meeting.pk])
    except Conflict:
        meeting.start, meeting.end = before
        raise
    meeting.sequence += 1
    try:
        with transaction.atomic():
            meeting.save(update_fields=["start", "end", "sequence"])
    except IntegrityError as exc:
        raise Conflict(message) from exc
    agenda_touch(owner_id=meeting.owner_id)
    return meeting


def agenda_cancel(*, meeting: Meeting, reason: str, now: dt.datetime) -> Meeting:
    """Take a meeting off the agenda: its time is free at once, SEQUENCE rises (for CANCEL)."""
    meeting.status = Meeting.Status.CANCELLED
    meeting.cancelled_at = now
    meeting.cancel_reason = reason
    meeting.sequence += 1
    meeting.save(update_fields=["status", "cancelled_at", "cancel_reason", "sequence"])
    agenda_touch(owner_id=meeting.owner_id)
    return meeting
