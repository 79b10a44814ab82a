"""Public booking web pages: the page behind a booking link and the manage page from the
confirmation email. Both are a template plus vanilla JavaScript that talks to the public
JSON API (schedules.api.public_booking); no login, no CDN, no build step."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from accounts.validators import available_timezones
from config import messages
from config.errors import NotFound
from config.http import secret_link
from schedules.selectors.booking import booking_by_token, public_page


def _not_found(request, message: str):
    return render(request, "schedules/booking/not_found.html", {"message": message}, status=404)


def _picker_config(page, **extra) -> dict:
    """What the slot picker script needs, handed over with json_script."""
    return {
        "pageTimezone": page.timezone,
        "slotsUrl": reverse("booking_slots", args=[page.slug]),
        "scheduleUrl": reverse("booking_schedule", args=[page.slug]),
        "horizonDays": page.horizon_days,
        "strings": messages.PAGE_STRINGS["booking"],
        **extra,
    }


def _zones() -> list[str]:
    return sorted(available_timezones())


@require_GET
def booking_page(request, slug: str):
    try:
        page = public_page(slug=slug)
    except NotFound:
        return _not_found(request, messages.PAGE_LINK_GONE)
    context = {
        "page": page,
        "owner": page.owner,
        "zones": _zones(),
        "config": _picker_config(page, mode="book"),
    }
    return render(request, "schedules/booking/page.html", context)


@secret_link
@require_GET
def booking_manage(request, slug: str, token: str):
    try:
        meeting = booking_by_token(slug=slug, token=token)
    except NotFound:
        return _not_found(request, messages.MANAGE_LINK_INVALID)
    page = meeting.booking_page
    config = _picker_config(
        page,
        mode="manage",
        token=token,
        cancelUrl=reverse("booking_cancel", args=[slug, meeting.pk]),
        rescheduleUrl=reverse("booking_reschedule", args=[slug, meeting.pk]),
        attendeeTimezone=meeting.attendee_timezone,
        start=meeting.start.isoformat(),
        end=meeting.end.isoformat(),
        cancelled=meeting.status == meeting.Status.CANCELLED,
    )
    context = {
        "page": page,
        "owner": page.owner,
        "meeting": meeting,
        "zones": _zones(),
        "config": config,
    }
    return render(request, "schedules/booking/manage.html", context)
