"""Every email Rendezvous sends goes through this module.

Each email is one short ``send_*`` function. They render
``templates/emails/<name>_subject.txt``, ``<name>_message.txt`` and
``<name>_message.html`` *now* (so the message shows the state that was saved)
into a ``Delivery`` row, in the request's transaction. After the transaction
commits, the ``deliver`` task is queued with the row's primary key only (so the
task table never holds a message or its secret links): a rolled-back request
sends nothing, and no request waits on a mail service. The worker sends, retries
with backoff, and empties the payload once sent; a message that finally fails
stays visible (status "failed") to its owner and to staff.
"""

from __future__ import annotations

import logging
import zoneinfo
from collections.abc import Iterable
from datetime import timedelta
from email.message import MIMEPart

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from schedules.core.timetext import moment_text, when_text

logger = logging.getLogger(__name__)


def render(name: str, context: dict) -> dict:
    """Render one email's three templates into a JSON-safe payload."""
    context = {"site_name": settings.SITE_NAME, "site_url": settings.SITE_URL, **context}
    subject = render_to_string(f"emails/{name}_subject.txt", context, using="text")
    return {
        "subject": " ".join(subject.split()),
        "text": render_to_string(f"emails/{name}_message.txt", context, using="text"),
        "html": render_to_string(f"emails/{name}_message.html", context),
    }


def send(
    name: str,
    to: Iterable[str],
    context: dict,
    *,
    owner=None,
    reply_to: Iterable[str] = (),
    calendar: tuple[str, str] | None = None,
) -> None:
    """Store one email per recipient and queue each to leave after the transaction commits.

    ``owner`` is the account it is sent for (their quota; they are told if it fails).
    ``calendar`` is ``(method, ics_text)``: attached as ``invite.ics`` with the iMIP
    ``method=`` parameter on its content type (RFC 6047), so mail clients offer to add,
    update or remove the event.
    """
    from schedules.models import Delivery  # config must not import the apps at load time

    payload = render(name, context) | {"reply_to": list(reply_to)}
    if calendar is not None:
        payload["calendar"] = {"method": calendar[0], "ics": calendar[1]}
    for address in to:
        delivery = Delivery.objects.create(
            kind=name,
            owner=owner,
            recipient=address,
            subject=payload["subject"][:300],
            payload=payload,
        )
        transaction.on_commit(lambda pk=delivery.pk: deliver.enqueue(pk))


def build_message(recipient: str, payload: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=payload["subject"],
        body=payload["text"],
        to=[recipient],
        reply_to=payload.get("reply_to") or None,
    )
    message.attach_alternative(payload["html"], "text/html")
    if cal := payload.get("calendar"):
        part = MIMEPart()
        part.set_content(
            cal["ics"],
            subtype="calendar",
            charset="utf-8",
            params={"method": cal["method"]},
            disposition="attachment",
            filename="invite.ics",
        )
        message.attach(part)
    return message


def retry_delay(attempt: int) -> timedelta:
    """Backoff after the ``attempt``-th failure: 1, 2, 4, 8 … minutes."""
    return timedelta(minutes=2 ** (attempt - 1))


@task()
def deliver(delivery_id: int) -> None:
    """Send one stored email; on failure try again later, until EMAIL_MAX_ATTEMPTS.

    The row is claimed (queued -> sending) in one UPDATE, so a task enqueued twice
    sends once, and no transaction stays open while the mail service is talked to
    (on SQLite that would hold up every other writer).
    """
    from schedules.models import Delivery

    claimed = Delivery.objects.filter(pk=delivery_id, status=Delivery.Status.QUEUED).update(
        status=Delivery.Status.SENDING, attempts=F("attempts") + 1
    )
    if not claimed:
        return  # sent by an earlier run, being sent, or given up on
    delivery = Delivery.objects.get(pk=delivery_id)
    try:
        build_message(delivery.recipient, delivery.payload).send()
    except Exception as exc:
        _failed(delivery, exc)
        return
    delivery.status, delivery.sent_at, delivery.last_error = (
        Delivery.Status.SENT,
        timezone.now(),
        "",
    )
    delivery.payload = {}  # its links carry secret tokens: keep nothing once delivered
    delivery.save(update_fields=["status", "sent_at", "payload", "last_error"])


def _failed(delivery, exc: Exception) -> None:
    from schedules.models import Delivery

    delivery.last_error = f"{type(exc).__name__}: {exc}"[:2000]
    if delivery.attempts >= settings.EMAIL_MAX_ATTEMPTS:
        delivery.status = Delivery.Status.FAILED
        logger.error("Giving up on %s after %d attempts", delivery, delivery.attempts)
    else:
        delivery.status = Delivery.Status.QUEUED
        logger.warning("Sending %s failed (attempt %d), retrying", delivery, delivery.attempts)
    delivery.save(update_fields=["status", "last_error"])
    if delivery.status == Delivery.Status.QUEUED:
        later = deliver
        if later.get_backend().supports_defer:
            later = later.using(run_after=timezone.now() + retry_delay(delivery.attempts))
        later.enqueue(delivery.pk)


# --- accounts ----------------------------------------------------------------


def send_email_confirmation(user, url: str) -> None:
    send("confirm_email", [user.email], {"user": user, "url": url}, owner=user)


def send_password_reset(user, url: str) -> None:
    send("password_reset", [user.email], {"user": user, "url": url}, owner=user)


# --- rounds ------------------------------------------------------------------


def _invitation_context(invitation, url: str) -> dict:
    calendar = invitation.calendar
    return {
        "invitation": invitation,
        "calendar": calendar,
        "contact": invitation.contact,
        "owner_name": calendar.owner.display_name,
        "deadline": moment_text(calendar.deadline, zoneinfo.ZoneInfo(calendar.timezone)),
        "url": url,
    }


def send_invitation(invitation, url: str) -> None:
    context = _invitation_context(invitation, url)
    owner = context["calendar"].owner
    send(
        "round_invitation", [invitation.contact.email], context, owner=owner, reply_to=[owner.email]
    )


def send_invitation_reminder(invitation, url: str, *, automatic: bool = False) -> None:
    context = _invitation_context(invitation, url) | {"automatic": automatic}
    owner = context["calendar"].owner
    send("round_reminder", [invitation.contact.email], context, owner=owner, reply_to=[owner.email])


# --- finalize ----------------------------------------------------------------


def send_round_meeting(meeting) -> None:
    from schedules.ics import invite_ics

    context = {"meeting": meeting, "owner": meeting.owner, "calendar": meeting.calendar}
    send(
        "round_meeting",
        [meeting.attendee_email],
        context,
        owner=meeting.owner,
        reply_to=[meeting.owner.email],
        calendar=invite_ics(meeting),
    )


def send_round_finalized(calendar, meetings, *, unscheduled) -> None:
    """The owner's summary; the .ics PUBLISHes every meeting (the owner organizes them)."""
    from schedules.ics import calendar_ics

    context = {"calendar": calendar, "owner": calendar.owner, "meetings": meetings}
    ics = calendar_ics(meetings, method="PUBLISH", name=calendar.name)
    send(
        "round_finalized",
        [calendar.owner.email],
        context | {"unscheduled": unscheduled},
        owner=calendar.owner,
        calendar=("PUBLISH", ics),
    )


# --- booking --------------------------------------------------------------------


def _booking_when(meeting, tz_name: str) -> str:
    """The meeting's time as its reader's wall clock, e.g. "Monday 9 March 2026, 09:00-09:30"."""
    return when_text(meeting.start, meeting.end, zoneinfo.ZoneInfo(tz_name))


def _send_booking(name: str, meeting, **context) -> None:
    """One email to the attendee and one to the owner, each in their own zone, with the .ics."""
    from schedules import ics  # config must not import the apps at load time

    calendar = ics.invite_ics(meeting)
    owner = meeting.owner
    agenda_url = settings.SITE_URL + reverse("office:schedules_meeting_change", args=[meeting.pk])
    base = {"meeting": meeting, "owner": owner, "title": meeting.title, **context}
    send(
        name,
        [meeting.attendee_email],
        base | {"for_owner": False, "when": _booking_when(meeting, meeting.attendee_timezone)},
        owner=owner,
        reply_to=[owner.email],
        calendar=calendar,
    )
    send(
        name,
        [owner.email],
        base
        | {"for_owner": True, "when": _booking_when(meeting, owner.timezone), "url": agenda_url},
        owner=owner,
        reply_to=[meeting.attendee_email],
        calendar=calendar,
    )


def send_booking_invitation(page, email: str, *, url: str, note: str = "") -> None:
    owner = page.owner
    context = {"page": page, "owner": owner, "url": url, "note": note}
    send("booking_invitation", [email], context, owner=owner, reply_to=[owner.email])


def send_booking_confirmed(meeting, *, manage_url: str) -> None:
    _send_booking("booking_confirmed", meeting, manage_url=manage_url)


def send_booking_rescheduled(meeting, *, manage_url: str) -> None:
    _send_booking("booking_rescheduled", meeting, manage_url=manage_url)


def send_booking_cancelled(meeting, *, by_owner: bool) -> None:
    _send_booking("booking_cancelled", meeting, by_owner=by_owner)
