"""An invitee answers a round: their own slots, inside the owner's, once."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from config import messages
from config.errors import ApplicationError
from schedules.core.availability import Slot, stretches
from schedules.core.intervals import Interval, covering, first_overlap
from schedules.core.timetext import span_text
from schedules.models import Availability, Invitation
from schedules.services.calendars import refuse_overlaps
from schedules.timeutils import zone

FIELD = "availability"


def _outside_reason(slot: Slot, owner: list[Interval], tz: zoneinfo.ZoneInfo) -> str | None:
    """Why ``slot`` is not inside the owner's stretches of time, or None when it is."""
    if covering(owner, slot.start, slot.end):
        return None
    mine = {"span": span_text(slot.start, slot.end, tz), "zone": tz.key}
    met = first_overlap(owner, slot.start, slot.end)
    if met is None:
        return messages.ANSWER_OUTSIDE.format(**mine)
    theirs = span_text(*met, tz)
    if slot.start < met[0]:
        return messages.ANSWER_STARTS_EARLY.format(owner=theirs, **mine)
    return messages.ANSWER_ENDS_LATE.format(owner=theirs, **mine)


def check_invitee_slots(
    *, slots: Sequence[Slot], owner_slots: Sequence[Slot], duration: int, tz: zoneinfo.ZoneInfo
) -> None:
    """Each slot fits a meeting and lies inside the owner's available time; none overlap."""
    minimum = dt.timedelta(minutes=duration)
    owner = stretches(owner_slots)
    for slot in slots:
        if slot.end - slot.start < minimum:
            raise ApplicationError(
                messages.ANSWER_TOO_SHORT.format(
                    span=span_text(slot.start, slot.end, tz), zone=tz.key, minutes=duration
                ),
                field=FIELD,
            )
        if reason := _outside_reason(slot, owner, tz):
            raise ApplicationError(reason, field=FIELD)
    refuse_overlaps(slots, message=messages.ANSWER_OVERLAP, tz=tz, field=FIELD)


def response_check_open(*, invitation: Invitation, now: dt.datetime) -> None:
    """Refuse, with seed 004's messages, when this invitee can no longer answer."""
    if invitation.responded:
        raise ApplicationError(messages.RESPOND_ALREADY)
    if invitation.calendar.finalized:
        raise ApplicationError(messages.RESPOND_FINALIZED)
    if invitation.calendar.deadline <= now:
        raise ApplicationError(messages.RESPOND_DEADLINE)


def response_submit(*, invitation_id: int, slots: Sequence[Slot]) -> Invitation:
    """Store an invitee's availability and mark them as responded (once, before the deadline)."""
    now = timezone.now()
    with transaction.atomic():
        # The row lock makes a double submit get the seed's refusal, not store twice.
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("calendar")
            .get(pk=invitation_id)
        )
        calendar = invitation.calendar
        response_check_open(invitation=invitation, now=now)
        owner_slots = [
            Slot(start, end, preference)
            for start, end, preference in calendar.slots.filter(
                invitation__isnull=True
            ).values_list("start", "end", "preference")
        ]
        check_invitee_slots(
            slots=slots,
            owner_slots=owner_slots,
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
