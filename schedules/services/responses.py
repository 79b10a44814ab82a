"""An invitee answers a round: their own slots, inside the owner's, once."""

from __future__ import annotations

import datetime as dt
import itertools
import zoneinfo
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from config.errors import ApplicationError
from schedules.models import Availability, Invitation
from schedules.services.calendars import SlotSpec, span_text
from schedules.timeutils import zone

FIELD = "availability"


def merged(spans: list[tuple[dt.datetime, dt.datetime]]) -> list[list[dt.datetime]]:
    """Owner slots that touch or overlap, joined into continuous stretches."""
    out: list[list[dt.datetime]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return out


def _outside_reason(
    slot: SlotSpec, stretches: list[list[dt.datetime]], tz: zoneinfo.ZoneInfo
) -> str | None:
    """Why ``slot`` is not inside the owner's times, or None when it is."""
    best = None
    for start, end in stretches:
        if start <= slot.start and slot.end <= end:
            return None
        if slot.start < end and start < slot.end:
            best = (start, end)
            break
    mine = f"{span_text(slot.start, slot.end, tz)} ({tz.key})"
    if best is None:
        return f"{mine} is outside the owner's available times: it meets none of them."
    start, end = best
    owner = span_text(start, end, tz)
    if slot.start < start:
        return f"{mine} starts before the owner's available time {owner}; start at or after it."
    return f"{mine} ends after the owner's available time {owner}; end at or before it."


def check_invitee_slots(
    *,
    slots: Sequence[SlotSpec],
    owner_spans: list[tuple[dt.datetime, dt.datetime]],
    duration: int,
    tz: zoneinfo.ZoneInfo,
) -> None:
    """Each slot fits a meeting and lies inside the owner's times; none overlap."""
    minimum = dt.timedelta(minutes=duration)
    stretches = merged(owner_spans)
    for slot in slots:
        if slot.end - slot.start < minimum:
            raise ApplicationError(
                f"{span_text(slot.start, slot.end, tz)} ({tz.key}) is shorter than a meeting "
                f"({duration} minutes); choose at least {duration} minutes.",
                field=FIELD,
            )
        if reason := _outside_reason(slot, stretches, tz):
            raise ApplicationError(reason, field=FIELD)
    ordered = sorted(slots, key=lambda s: (s.start, s.end))
    for before, after in itertools.pairwise(ordered):
        if after.start < before.end:
            raise ApplicationError(
                f"Your times {span_text(before.start, before.end, tz)} and "
                f"{span_text(after.start, after.end, tz)} ({tz.key}) overlap; "
                "merge them into one or keep them apart.",
                field=FIELD,
            )


def response_check_open(*, invitation: Invitation, now: dt.datetime) -> None:
    """Refuse, with seed 004's messages, when this invitee can no longer answer."""
    if invitation.responded:
        raise ApplicationError("Already responded")
    if invitation.calendar.finalized:
        raise ApplicationError("This calendar has been finalized; it takes no more responses.")
    if invitation.calendar.deadline <= now:
        raise ApplicationError("Deadline has passed")


def response_submit(*, invitation_id: int, slots: Sequence[SlotSpec]) -> Invitation:
    """Store an invitee's availability and mark them as responded (once, before the deadline)."""
    now = timezone.now()
    with transaction.atomic():
        # The row lock makes a double submit answer "Already responded", not store twice.
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("calendar")
            .get(pk=invitation_id)
        )
        calendar = invitation.calendar
        response_check_open(invitation=invitation, now=now)
        owner_spans = list(
            calendar.slots.filter(invitation__isnull=True).values_list("start", "end")
        )
        check_invitee_slots(
            slots=slots,
            owner_spans=owner_spans,
            duration=calendar.meeting_duration,
            tz=zone(calendar.timezone),
        )
        Availability.objects.bulk_create(
            Availability(
                calendar=calendar,
                invitation=invitation,
                start=s.start,
                end=s.end,
                preference=s.preference,
            )
            for s in slots
        )
        invitation.responded_at = now
        invitation.save(update_fields=["responded_at"])
    return invitation
