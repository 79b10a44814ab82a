"""Reads for finalizing a 1-on-1 round: the confirm page's data and suggestions.

The data for ``GET /schedules/calendars/<id>/confirm/`` takes a fixed number of
queries whatever the number of invitees: the calendar, its invitations with
their contacts, every slot of the calendar, and the owner's agenda.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from config.errors import Forbidden, NotFound
from schedules.models import Availability, Calendar, Invitation
from schedules.scheduling import solver
from schedules.selectors.slots import slot_dict
from schedules.services.agenda import agenda_busy
from schedules.timeutils import zone

CALENDAR_NOT_FOUND = "Calendar not found."
CALENDAR_FORBIDDEN = "You do not have permission to finalize this calendar."
CALENDAR_FINALIZED = "This calendar has already been finalized."

NOBODY_INVITED = "Nobody is invited to this calendar yet, so there is nothing to suggest."
WAITING = (
    "No suggestions until everyone has responded: {pending} of {total} invitees have not. "
    "Remind them, or ask with ?include_partial=true for suggestions that seat those who have."
)
NOBODY_ANSWERED = "Nobody has responded yet, so there is nothing to suggest."
NO_OWNER_SLOTS = "You have not offered any times in this calendar, so there is nothing to suggest."
NOTHING_FITS = (
    "No meeting of {minutes} minutes fits inside both your availability and an invitee's "
    "without clashing with your agenda."
)


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
        raise NotFound(CALENDAR_NOT_FOUND)
    if calendar.owner_id != user.pk:
        raise Forbidden(CALENDAR_FORBIDDEN)
    if calendar.finalized:
        raise NotFound(CALENDAR_FINALIZED)
    return calendar


def _person(contact) -> dict:
    return {"id": contact.pk, "first_name": contact.first_name, "last_name": contact.last_name}


def _unseated(contacts: dict, schedule: solver.Schedule) -> list[int]:
    seated = {p.invitee for p in schedule.placements}
    return [contact_id for contact_id in contacts if contact_id not in seated]


def _solver_slot(slot: Availability) -> solver.Slot:
    return solver.Slot(start=slot.start, end=slot.end, preference=slot.preference)


def calendar_suggestions(
    *,
    calendar: Calendar,
    invitations: list[Invitation],
    owner_slots: list[Availability],
    invitee_slots: dict[int, list[Availability]],
    include_partial: bool,
    now: dt.datetime,
) -> tuple[solver.Suggestions | None, str]:
    """Solve for the invitees who responded; (None, why) when the seed says not to."""
    responded = [i for i in invitations if i.responded]
    if not invitations:
        return None, NOBODY_INVITED
    if len(responded) < len(invitations) and not include_partial:
        pending = len(invitations) - len(responded)
        return None, WAITING.format(pending=pending, total=len(invitations))
    if not responded:
        return None, NOBODY_ANSWERED
    if not owner_slots:
        return None, NO_OWNER_SLOTS
    first = min(s.start for s in owner_slots)
    last = max(s.end for s in owner_slots)
    busy = agenda_busy(owner_id=calendar.owner_id, start=first, end=last)
    if first < now:
        busy.append((first, now))  # nothing is suggested in the past
    result = solver.suggest_schedules(
        duration=dt.timedelta(minutes=calendar.meeting_duration),
        owner_slots=[_solver_slot(s) for s in owner_slots],
        invitee_slots={
            i.contact_id: [_solver_slot(s) for s in invitee_slots.get(i.pk, [])] for i in responded
        },
        busy=busy,
    )
    if not result.schedules:
        return result, NOTHING_FITS.format(minutes=calendar.meeting_duration)
    return result, result.message


def calendar_confirmation(*, calendar: Calendar, include_partial: bool, now: dt.datetime) -> dict:
    """Everything the confirm page shows, in the seed's shape plus additive fields."""
    tz = zone(calendar.timezone)
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

    result, message = calendar_suggestions(
        calendar=calendar,
        invitations=invitations,
        owner_slots=owner_slots,
        invitee_slots=invitee_slots,
        include_partial=include_partial,
        now=now,
    )
    contacts = {i.contact_id: i.contact for i in invitations}
    schedules = result.schedules if result else ()
    return {
        "id": calendar.pk,
        "name": calendar.name,
        "description": calendar.description,
        "deadline": calendar.deadline.astimezone(tz).isoformat(),
        "timezone": calendar.timezone,
        "meeting_duration": calendar.meeting_duration,
        "invitees": [_person(i.contact) for i in invitations],
        "pending_invitees": [_person(i.contact) for i in invitations if not i.responded],
        "suggested_schedules": [
            [
                _person(contacts[p.invitee])
                | {
                    "start_time": p.start.astimezone(tz).isoformat(),
                    "end_time": p.end.astimezone(tz).isoformat(),
                }
                for p in schedule.placements
            ]
            for schedule in schedules
        ],
        "suggestion_scores": [
            {
                "seated": schedule.seated,
                "score": schedule.weight,
                "unseated": _unseated(contacts, schedule),
            }
            for schedule in schedules
        ],
        "optimal": result.optimal if result else True,
        "message": message,
        "owner_availability": [slot_dict(s, tz, preference_key="preference") for s in owner_slots],
        "invitee_availability": [
            {
                "contact": _person(i.contact),
                "responded": i.responded,
                "availability": [
                    slot_dict(s, tz, preference_key="preference") for s in invitee_slots[i.pk]
                ],
            }
            for i in invitations
        ],
    }
