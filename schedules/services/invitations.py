"""Invitations to a 1-on-1 round: secret links, invitation and reminder emails.

A link carries 256 random bits; only their SHA-256 is stored
(``Invitation.token_hash``), so the database cannot rebuild a link. That is why
every reminder issues a fresh token: the newest email always holds the one
working link, and an older link explains where to look instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.tokens import new_token
from config import emails, messages
from config.errors import ApplicationError
from schedules.models import Calendar, Contact, Invitation
from schedules.services.outreach import outreach_allow

DEADLINE_REMINDER_WINDOW = dt.timedelta(hours=24)
# A person gets at most one manual reminder per hour, however often the button is pressed.
REMINDER_COOLDOWN = dt.timedelta(hours=1)


def respond_url(*, calendar_id: int, token: str) -> str:
    return settings.SITE_URL + reverse("round_respond_page", args=[calendar_id, token])


def invitations_create(
    *, calendar: Calendar, contacts: Sequence[Contact], field: str = "invitees"
) -> list[Invitation]:
    """Invite contacts to ``calendar`` and email each their own link (after commit)."""
    outreach_allow(owner_id=calendar.owner_id, count=len(contacts), field=field)
    tokens = [new_token() for _ in contacts]
    invitations = Invitation.objects.bulk_create(
        Invitation(calendar=calendar, contact=contact, token_hash=token_hash)
        for contact, (_, token_hash) in zip(contacts, tokens, strict=True)
    )
    for invitation, (raw, _) in zip(invitations, tokens, strict=True):
        emails.send_invitation(invitation, respond_url(calendar_id=calendar.pk, token=raw))
    return invitations


def _refuse_reminder(invitation: Invitation, *, now: dt.datetime) -> None:
    name = invitation.contact.full_name
    if invitation.calendar.finalized:
        raise ApplicationError(messages.REMIND_FINALIZED)
    if invitation.responded:
        raise ApplicationError(messages.REMIND_RESPONDED.format(name=name))
    if invitation.calendar.deadline <= now:
        raise ApplicationError(messages.REMIND_DEADLINE.format(name=name))
    last = invitation.last_reminded_at
    if last is not None and now - last < REMINDER_COOLDOWN:
        minutes = -(-(REMINDER_COOLDOWN - (now - last)) // dt.timedelta(minutes=1))
        unit = "minute" if minutes == 1 else "minutes"
        raise ApplicationError(
            messages.REMIND_COOLDOWN.format(name=name, minutes=minutes, unit=unit)
        )


def _send_reminder(invitation: Invitation, *, now: dt.datetime, automatic: bool) -> None:
    raw, invitation.token_hash = new_token()
    invitation.last_reminded_at = now
    fields = ["token_hash", "last_reminded_at"]
    if automatic:
        invitation.deadline_reminder_sent_at = now
        fields.append("deadline_reminder_sent_at")
    invitation.save(update_fields=fields)
    url = respond_url(calendar_id=invitation.calendar_id, token=raw)
    emails.send_invitation_reminder(invitation, url, automatic=automatic)


def _locked(invitations, *, skip_locked: bool = False):
    return invitations.select_for_update(of=("self",), skip_locked=skip_locked).select_related(
        "calendar__owner", "contact"
    )


def invitation_remind(*, invitation_id: int) -> Invitation:
    """Email a fresh link to an invitee who has not responded (the old link stops working).

    Refuses, with a reason, when they already responded, the deadline has
    passed or the calendar is finalized.
    """
    now = timezone.now()
    with transaction.atomic():
        invitation = _locked(Invitation.objects.filter(pk=invitation_id)).get()
        _refuse_reminder(invitation, now=now)
        outreach_allow(owner_id=invitation.calendar.owner_id, count=1)
        _send_reminder(invitation, now=now, automatic=False)
    return invitation


def deadline_reminders_due(*, now: dt.datetime):
    return Invitation.objects.filter(
        responded_at__isnull=True,
        deadline_reminder_sent_at__isnull=True,
        calendar__finalized_at__isnull=True,
        calendar__deadline__gt=now,
        calendar__deadline__lte=now + DEADLINE_REMINDER_WINDOW,
    )


def deadline_reminders_send(*, now: dt.datetime | None = None) -> int:
    """Remind, once, every invitee who has not responded and whose deadline is within 24 h.

    Safe to run as often as cron likes, and from several workers at once: each
    invitation is re-checked under a row lock, and locked ones are skipped.
    """
    now = now or timezone.now()
    sent = 0
    for pk in list(deadline_reminders_due(now=now).values_list("pk", flat=True)):
        with transaction.atomic():
            due = deadline_reminders_due(now=now).filter(pk=pk)
            invitation = _locked(due, skip_locked=True).first()
            if invitation is not None:
                _send_reminder(invitation, now=now, automatic=True)
                sent += 1
    return sent
