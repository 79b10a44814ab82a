"""Reads for 1-on-1 rounds: contacts, calendars, invitations, the invitee's view, home.

Every function runs a fixed number of queries whatever the number of invitees
or slots: related rows come through ``Prefetch`` objects, and the invitee
slots of calendar details (most of its rows) are read as tuples.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from accounts.models import User
from accounts.tokens import hash_token, token_matches
from config import messages
from config.errors import Forbidden, NotFound, Unauthorized
from schedules.models import Availability, Calendar, Contact, Invitation, Meeting

# Longer than any token we hand out; refuse before hashing arbitrary input.
MAX_TOKEN_LENGTH = 128
# How calendar details reads a slot: (id, start, end, preference).
SLOT_ROW = ("pk", "start", "end", "preference")


# --- contacts --------------------------------------------------------------------------


def contacts_for_owner(*, owner: User, search: str = "") -> QuerySet[Contact]:
    """The owner's contacts by name; ``search`` matches names and emails (any word)."""
    contacts = Contact.objects.filter(owner=owner)
    for word in search.split()[:5]:
        contacts = contacts.filter(
            Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(email__icontains=word)
        )
    return contacts


def contact_owned(*, owner: User, contact_id: int) -> Contact:
    """The owner's contact, or NotFound (someone else's is simply not there)."""
    contact = Contact.objects.filter(owner=owner, pk=contact_id).first()
    if contact is None:
        raise NotFound(messages.NOT_FOUND)
    return contact


def contact_for_owner(*, owner: User, contact_id: int) -> Contact:
    """The owner's contact; 403 for someone else's (as seed 004 says), 404 for none."""
    contact = Contact.objects.filter(pk=contact_id).first()
    if contact is None:
        raise NotFound(messages.NOT_FOUND)
    if contact.owner_id != owner.pk:
        raise Forbidden(messages.CONTACT_INVALID)
    return contact


# --- calendars -------------------------------------------------------------------------


def calendar_for_owner(*, owner: User, calendar_id: int) -> Calendar:
    calendar = Calendar.objects.filter(owner=owner, pk=calendar_id).first()
    if calendar is None:
        raise NotFound(messages.CALENDAR_NOT_FOUND)
    return calendar


def _owner_slots() -> Prefetch:
    return Prefetch(
        "slots",
        queryset=Availability.objects.filter(invitation__isnull=True),
        to_attr="owner_slots",
    )


def calendar_details(*, owner: User, calendar_id: int) -> Calendar:
    """The owner's calendar with ``owner_slots``, ``invitation_list`` (contacts joined) and
    each invitation's ``slot_rows`` (tuples of ``SLOT_ROW``), in 4 queries."""
    calendar = (
        Calendar.objects.filter(owner=owner, pk=calendar_id)
        .prefetch_related(
            _owner_slots(),
            Prefetch(
                "invitations",
                queryset=Invitation.objects.select_related("contact"),
                to_attr="invitation_list",
            ),
        )
        .first()
    )
    if calendar is None:
        raise NotFound(messages.CALENDAR_NOT_FOUND)
    rows: dict[int, list[tuple]] = defaultdict(list)
    for invitation_id, *row in (
        Availability.objects.filter(calendar=calendar, invitation__isnull=False)
        .order_by("start", "pk")
        .values_list("invitation_id", *SLOT_ROW)
    ):
        rows[invitation_id].append(tuple(row))
    for invitation in calendar.invitation_list:
        invitation.slot_rows = rows[invitation.pk]
    return calendar


# --- invitations -------------------------------------------------------------------------


def invitation_for_token(*, calendar_id: int, token: str) -> Invitation:
    """The invitation behind a link: 404 without the calendar, 401 for a bad token."""
    calendar = Calendar.objects.select_related("owner").filter(pk=calendar_id).first()
    if calendar is None:
        raise NotFound(messages.RESPOND_CALENDAR_MISSING)
    invitation = None
    if len(token) <= MAX_TOKEN_LENGTH:
        invitation = (
            Invitation.objects.select_related("contact")
            .filter(calendar_id=calendar_id, token_hash=hash_token(token))
            .first()
        )
    # The lookup found the row by hash; compare again in constant time anyway.
    if invitation is None or not token_matches(token, invitation.token_hash):
        # Say nothing about the calendar: a stranger guessing ids learns nothing.
        raise Unauthorized(messages.RESPOND_LINK_INVALID)
    invitation.calendar = calendar
    return invitation


def invitation_for_reminder(*, owner: User, calendar_id: int, contact_id: int) -> Invitation:
    """The invitation of a contact to a calendar, for the reminder endpoint.

    Seed 004: 403 when the calendar is someone else's, 404 when the calendar
    or the (owner's) contact does not exist or the contact is not invited.
    """
    owner_id = Calendar.objects.filter(pk=calendar_id).values_list("owner_id", flat=True).first()
    if owner_id is None:
        raise NotFound(messages.CALENDAR_NOT_FOUND)
    if owner_id != owner.pk:
        raise Forbidden(messages.CALENDAR_NOT_YOURS)
    invitation = Invitation.objects.filter(calendar_id=calendar_id, contact_id=contact_id).first()
    if invitation is not None:
        return invitation
    if not Contact.objects.filter(pk=contact_id, owner=owner).exists():
        raise NotFound(messages.CONTACT_NOT_FOUND)
    raise NotFound(messages.REMIND_NOT_INVITED)


def respond_view(*, invitation: Invitation) -> Invitation:
    """What an invitee's page needs, on the invitation: ``owner_slots``, ``own_slots``
    (their answer) and ``invitees`` (everyone invited, contacts joined)."""
    calendar = invitation.calendar
    slots = list(calendar.slots.filter(Q(invitation__isnull=True) | Q(invitation=invitation)))
    invitation.owner_slots = [s for s in slots if s.invitation_id is None]
    invitation.own_slots = [s for s in slots if s.invitation_id is not None]
    invitation.invitees = list(
        Invitation.objects.filter(calendar=calendar).select_related("contact")
    )
    return invitation


# --- home ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Home:
    finalized_meetings: list[Meeting]
    unfinalized_meetings: list[Calendar]


def home(*, owner: User, now: dt.datetime) -> Home:
    """Finalized round meetings (upcoming soonest first, then past latest first) and the
    calendars not finalized yet (nearest deadline first, with invitee counts)."""
    meetings = list(
        Meeting.objects.filter(
            owner=owner, kind=Meeting.Kind.ROUND, status=Meeting.Status.CONFIRMED
        ).select_related("calendar")
    )
    upcoming = sorted((m for m in meetings if m.end > now), key=lambda m: (m.start, m.pk))
    past = sorted((m for m in meetings if m.end <= now), key=lambda m: (m.start, m.pk))
    calendars = (
        Calendar.objects.filter(owner=owner, finalized_at__isnull=True)
        .annotate(
            invitee_count=Count("invitations"),
            responded_count=Count("invitations", filter=Q(invitations__responded_at__isnull=False)),
        )
        .order_by("deadline", "pk")
    )
    return Home(
        finalized_meetings=[*upcoming, *reversed(past)], unfinalized_meetings=list(calendars)
    )
