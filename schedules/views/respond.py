"""The page an invitee opens from their email to mark when they are available.

The page reads the same data as the JSON endpoint (embedded, so it opens
without a second request) and posts the answer to that endpoint; the times are
shown in the browser's own time zone by the script, with sentences from
``config.messages``.
"""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from config.errors import ApplicationError
from config.http import secret_link
from config.messages import PAGE_STRINGS
from schedules.api.respond import RespondSerializer
from schedules.core.timetext import moment_text
from schedules.selectors.rounds import invitation_for_token
from schedules.timeutils import zone


@secret_link
@require_GET
def respond_page(request, calendar_id: int, token: str):
    try:
        invitation = invitation_for_token(calendar_id=calendar_id, token=token)
    except ApplicationError as exc:
        # 404 for a calendar that does not exist; 403 (a page, not an API) for a bad link.
        status = 404 if exc.status_code == 404 else 403
        return render(
            request,
            "schedules/rounds/respond_invalid.html",
            {"message": exc.message},
            status=status,
        )
    calendar = invitation.calendar
    context = {
        "data": RespondSerializer.for_invitation(invitation).data,
        "strings": PAGE_STRINGS["respond"],
        "calendar": calendar,
        "owner_name": calendar.owner.display_name,
        "deadline_text": moment_text(calendar.deadline, zone(calendar.timezone)),
        "api_url": reverse("api_round_respond", args=[calendar_id, token]),
    }
    return render(request, "schedules/rounds/respond.html", context)
