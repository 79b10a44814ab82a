"""Reads for finalizing a 1-on-1 round: the confirm page's data and its suggestions.

The data for ``GET /schedules/calendars/<id>/confirm/`` takes a fixed number of
queries whatever the number of invitees: the calendar, its invitations with
their contacts, every slot of the calendar, and the owner's agenda. The solver
(NumPy and SciPy) is imported on first use, so a web process that never
suggests a schedule never loads them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from config import messages
from config.errors import Forbidden, NotFound
from schedules.core.availability import Slot
from schedules.models import Availability, Calendar, Invitation
from schedules.selectors.agenda import agenda_busy

if TYPE_CHECKING:
    from schedules.core.solver import Suggestions


def calendar_to_finalize(*, calendar_id: int, user, lock: bool = False) -> Calendar:
    """The caller's unfinalized calendar, or the seed's 404 / 403 / 404.

    Seed 004 answers 403 for another owner's calendar (not 404), and 404 once it
    is finalized. ``lock`` takes a row lock for the rest of the transaction.
    """
    calendars = Calendar.objects.select_related("owner")
    if lock:
        calendars = calendars.select_for_update(of=("self",))
    calendar = calendars.filter(pk=calendar_id).first()
    if calendar is None:
        raise NotFound(messages.CALENDAR_NOT_FOUND)
    if calendar.owner_id != user.pk:
        raise Forbidden(messages.CALENDAR_FORBIDDEN)
    if calendar.finalized:
        raise NotFound(messages.CALENDAR_FINALIZED)
    return calendar


@dataclass
class Confirmation:
    """Everything the confirm page shows; ``schedules.api.finalize`` serializes it."""

    calendar: Calendar
    invitations: list[Invitation]  # each with ``slots_list``, contacts joined
    owner_slots: list[Availability]
    suggestions: Suggestions | None
    message: str
    contacts: dict = field(default_factory=dict)  # contact id -> Contact

    @property
    def schedules(self):
        return self.suggestions.schedules if self.suggestions else ()

    @property
    def optimal(self) -> bool:
        return self.suggestions.optimal if self.suggestions else True


def _slot(slot: Availability) -> Slot:
    return Slot(start=slot.start, end=slot.end, preference=slot.preference)


def calendar_suggestions(
    *,
    calendar: Calendar,
    invitations: list[Invitation],
    owner_slots: list[Availability],
    include_partial: bool,
    now: dt.datetime,
) -> tuple[Suggestions | None, str]:
    """Solve for the invitees who responded; (None, why) when the seed says not to."""
    responded = [i for i in invitations if i.responded]
    if not invitations:
        return None, messages.NOBODY_INVITED
    if len(responded) < len(invitations) and not include_partial:
        pending = len(invitations) - len(responded)
        return None, messages.WAITING.format(pending=pending, total=len(invitations))
    if not responded:
        return None, messages.NOBODY_ANSWERED
    if not owner_slots:
        return None, messages.NO_OWNER_SLOTS
    from schedules.core import solver  # NumPy and SciPy, only when suggesting

    first = min(s.start for s in owner_slots)
    last = max(s.end for s in owner_slots)
    busy = agenda_busy(owner_id=calendar.owner_id, start=first, end=last)
    if first < now:
        busy.append((first, now))  # nothing is suggested in the past
    result = solver.suggest_schedules(
        duration=dt.timedelta(minutes=calendar.meeting_duration),
        owner_slots=[_slot(s) for s in owner_slots],
        invitee_slots={i.contact_id: [_slot(s) for s in i.slots_list] for i in responded},
        busy=busy,
    )
    if not result.schedules:
        return result, messages.NOTHING_FITS.format(minutes=calendar.meeting_duration)
    return result, result.message


def calendar_confirmation(
    *, calendar: Calendar, include_partial: bool, now: dt.datetime
) -> Confirmation:
    """The round, everyone's availability and up to five suggested schedules."""
    invitations = list(
        calendar.invitations.select_related("contact").order_by(
            "contact__first_name", "contact__last_name", "contact_id"
        )
    )
    owner_slots: list[Availability] = []
    invitee_slots: dict[int, list[Availability]] = defaultdict(list)
    for slot in Availability.objects.filter(calendar=calendar).order_by("start", "id"):
        if slot.invitation_id is None:
            owner_slots.append(slot)
        else:
            invitee_slots[slot.invitation_id].append(slot)
    for invitation in invitations:
        invitation.slots_list = invitee_slots[invitation.pk]
    suggestions, message = calendar_suggestions(
        calendar=calendar,
        invitations=invitations,
        owner_slots=owner_slots,
        include_partial=include_partial,
        now=now,
    )
    return Confirmation(
        calendar=calendar,
        invitations=invitations,
        owner_slots=owner_slots,
        suggestions=suggestions,
        message=message,
        contacts={i.contact_id: i.contact for i in invitations},
    )
