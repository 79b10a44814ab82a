"""How much email an owner may send to other people: one quota for every path.

Invitations to a round, reminders and booking-link invitations all carry text
the owner wrote to addresses the owner chose, so an open signup would otherwise
be a spam cannon. Each path asks ``outreach_allow`` before it queues its emails;
the office and the API share it through the services that call it.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from config import messages
from config.errors import ApplicationError
from schedules.models import Delivery

# The emails that count: those an owner sends to people of their choosing.
OUTREACH_KINDS = ("round_invitation", "round_reminder", "booking_invitation")
WINDOW = dt.timedelta(hours=24)


def outreach_sent(*, owner_id: int, now: dt.datetime) -> int:
    """Outreach emails queued for this owner in the last 24 hours (sent, failed or waiting)."""
    return Delivery.objects.filter(
        owner_id=owner_id, kind__in=OUTREACH_KINDS, created_at__gt=now - WINDOW
    ).count()


def outreach_allow(*, owner_id: int, count: int, field: str | None = None) -> None:
    """Refuse, saying how many are left, when ``count`` more emails would pass the quota."""
    if count <= 0:
        return
    limit = settings.EMAIL_QUOTA_PER_DAY
    left = max(0, limit - outreach_sent(owner_id=owner_id, now=timezone.now()))
    if count > left:
        raise ApplicationError(
            messages.OUTREACH_QUOTA.format(count=count, limit=limit, left=left), field=field
        )
