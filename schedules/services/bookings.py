"""Book, cancel and reschedule through a booking page, with seed 001's rules and messages.

Every change takes the owner's agenda lock first, then re-checks the time
against exactly what the slots endpoint offers (working hours, grid, notice,
horizon, buffers, the rest of the agenda) before writing through
``schedules.services.agenda``. Two people racing for one time therefore get
one booking and one refusal (seed 001's message), never a double booking.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.tokens import new_token
from config import emails, messages
from config.errors import ApplicationError, Conflict
from schedules.models import BookingPage, Meeting
from schedules.selectors.booking import page_rules, slot_is_offered
from schedules.services.agenda import agenda_add, agenda_cancel, agenda_lock, agenda_move


def manage_url(meeting: Meeting, token: str) -> str:
    return settings.SITE_URL + reverse("booking_manage", args=[meeting.booking_page.slug, token])


def _lock_for_change(meeting: Meeting, *, cancelled_message: str) -> dt.datetime:
    """Lock the owner's agenda, reload the booking, refuse it when cancelled or started.

    Returns "now" for the rest of the change.
    """
    agenda_lock(owner_id=meeting.owner_id)
    meeting.refresh_from_db()
    if meeting.status == Meeting.Status.CANCELLED:
        raise ApplicationError(cancelled_message)
    now = timezone.now()
    if meeting.start <= now:
        raise ApplicationError(messages.ALREADY_STARTED)
    return now


def booking_create(
    *,
    page: BookingPage,
    name: str,
    email: str,
    phone: str = "",
    start: dt.datetime,
    attendee_timezone: str,
) -> tuple[Meeting, str]:
    """Book ``start`` on the page; returns the meeting and its raw manage token."""
    start = start.astimezone(dt.UTC)  # aware datetimes of an ambiguous hour compare badly
    rules = page_rules(page)
    token, token_hash = new_token()
    meeting = Meeting(
        owner=page.owner,
        kind=Meeting.Kind.BOOKING,
        booking_page=page,
        start=start,
        end=start + rules.duration,
        buffer_before=rules.buffer_before,
        buffer_after=rules.buffer_after,
        attendee_name=name,
        attendee_email=email,
        attendee_phone=phone,
        attendee_timezone=attendee_timezone,
        manage_token_hash=token_hash,
    )
    with transaction.atomic():
        agenda_lock(owner_id=page.owner_id)
        if not slot_is_offered(page=page, start=start, now=timezone.now()):
            raise ApplicationError(messages.NOT_AVAILABLE_SLOT)
        try:
            agenda_add(meetings=[meeting], message=messages.NOT_AVAILABLE_SLOT)
        except Conflict as exc:  # seed 001 answers 400 for a taken time
            raise ApplicationError(exc.message) from exc
        emails.send_booking_confirmed(meeting, manage_url=manage_url(meeting, token))
    return meeting, token


def booking_reschedule(
    *, meeting: Meeting, token: str, start: dt.datetime, attendee_timezone: str | None = None
) -> Meeting:
    """Move a booking to another offered time; its length and buffers stay as booked."""
    start = start.astimezone(dt.UTC)
    with transaction.atomic():
        now = _lock_for_change(meeting, cancelled_message=messages.CANNOT_RESCHEDULE)
        page = meeting.booking_page
        if not (
            page.is_active and slot_is_offered(page=page, start=start, now=now, meeting=meeting)
        ):
            raise ApplicationError(messages.NEW_NOT_AVAILABLE)
        try:
            agenda_move(
                meeting=meeting,
                start=start,
                end=start + (meeting.end - meeting.start),
                message=messages.NEW_NOT_AVAILABLE,
            )
        except Conflict as exc:
            raise ApplicationError(exc.message) from exc
        if attendee_timezone and attendee_timezone != meeting.attendee_timezone:
            meeting.attendee_timezone = attendee_timezone
            meeting.save(update_fields=["attendee_timezone"])
        emails.send_booking_rescheduled(meeting, manage_url=manage_url(meeting, token))
    return meeting


def booking_cancel(*, meeting: Meeting, reason: str = "", by_owner: bool = False) -> Meeting:
    """Cancel a booking (by its attendee, or by the owner with a reason for the attendee).

    Cancelling frees the time at once and raises SEQUENCE, so the METHOD:CANCEL
    invite removes the event from both calendars.
    """
    if meeting.kind != Meeting.Kind.BOOKING:
        raise ApplicationError(messages.ONLY_BOOKINGS)
    with transaction.atomic():
        now = _lock_for_change(meeting, cancelled_message=messages.ALREADY_CANCELED)
        agenda_cancel(meeting=meeting, reason=reason, now=now)
        emails.send_booking_cancelled(meeting, by_owner=by_owner)
    return meeting
