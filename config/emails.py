"""Every email Rendezvous sends goes through this module.

Each email is one short ``send_*`` function. They render
``templates/emails/<name>_subject.txt``, ``<name>_message.txt`` and
``<name>_message.html`` *now* (so the message shows the state that was saved),
and hand the result to the ``deliver_email`` task *after the transaction
commits*: a rolled-back request sends nothing, and a slow email service never
slows a request once a worker backend is configured (see TASKS in settings).
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
        "name": name,
        "subject": " ".join(subject.split()),
        "text": render_to_string(f"emails/{name}_message.txt", context, using="text"),
        "html": render_to_string(f"emails/{name}_message.html", context),
    }


def send(
    name: str,
    to: Iterable[str],
    context: dict,
    *,
    reply_to: Iterable[str] = (),
    calendar: tuple[str, str] | None = None,
) -> None:
    """Queue one email to leave after the current transaction commits.

    ``calendar`` is ``(method, ics_text)``: attached as ``invite.ics`` with the
    iMIP ``method=`` parameter on its content type (RFC 6047), so mail clients
    offer to add, update or remove the event.
    """
    payload = render(name, context) | {"to": list(to), "reply_to": list(reply_to)}
    if calendar is not None:
        payload["calendar"] = {"method": calendar[0], "ics": calendar[1]}
    transaction.on_commit(lambda: deliver_email.enqueue(payload))


def build_message(payload: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=payload["subject"],
        body=payload["text"],
        to=payload["to"],
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


@task()
def deliver_email(payload: dict, attempt: int = 1) -> None:
    """Send one rendered email; on failure, try again later with backoff."""
    try:
        build_message(payload).send()
    except Exception:
        if attempt >= settings.EMAIL_MAX_ATTEMPTS:
            logger.exception("Giving up on %s email to %s", payload["name"], payload["to"])
            raise
        logger.warning("Sending %s email failed (attempt %d), retrying", payload["name"], attempt)
        retry = deliver_email
        if retry.get_backend().supports_defer:
            retry = retry.using(run_after=timezone.now() + timedelta(seconds=30 * 2**attempt))
        retry.enqueue(payload, attempt + 1)
        raise  # this attempt failed (and says so in the task results); the retry is queued


# --- accounts ----------------------------------------------------------------


def send_email_confirmation(user, url: str) -> None:
    send("confirm_email", [user.email], {"user": user, "url": url})


def send_password_reset(user, url: str) -> None:
    send("password_reset", [user.email], {"user": user, "url": url})


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
    send(
        "round_invitation",
        [invitation.contact.email],
        context,
        reply_to=[context["calendar"].owner.email],
    )


def send_invitation_reminder(invitation, url: str, *, automatic: bool = False) -> None:
    context = _invitation_context(invitation, url) | {"automatic": automatic}
    send(
        "round_reminder",
        [invitation.contact.email],
        context,
        reply_to=[context["calendar"].owner.email],
    )


# --- finalize ----------------------------------------------------------------


def send_round_meeting(meeting) -> None:
    from schedules.ics import invite_ics

    context = {"meeting": meeting, "owner": meeting.owner, "calendar": meeting.calendar}
    send(
        "round_meeting",
        [meeting.attendee_email],
        context,
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
        reply_to=[owner.email],
        calendar=calendar,
    )
    send(
        name,
        [owner.email],
        base
        | {"for_owner": True, "when": _booking_when(meeting, owner.timezone), "url": agenda_url},
        reply_to=[meeting.attendee_email],
        calendar=calendar,
    )


def send_booking_invitation(page, email: str, *, url: str, note: str = "") -> None:
    owner = page.owner
    context = {"page": page, "owner": owner, "url": url, "note": note}
    send("booking_invitation", [email], context, reply_to=[owner.email])


def send_booking_confirmed(meeting, *, manage_url: str) -> None:
    _send_booking("booking_confirmed", meeting, manage_url=manage_url)


def send_booking_rescheduled(meeting, *, manage_url: str) -> None:
    _send_booking("booking_rescheduled", meeting, manage_url=manage_url)


def send_booking_cancelled(meeting, *, by_owner: bool) -> None:
    _send_booking("booking_cancelled", meeting, by_owner=by_owner)
