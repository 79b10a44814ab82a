"""The owner's private iCalendar feed: one secret URL, regenerated or revoked at will."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.tokens import new_token
from schedules.models import AgendaFeed


def feed_url(token: str) -> str:
    return settings.SITE_URL + reverse("agenda_feed", args=[token])


def agenda_feed_create(*, owner) -> tuple[AgendaFeed, str]:
    """A new secret feed URL for ``owner``; any previous URL stops working."""
    token, token_hash = new_token()
    with transaction.atomic():
        feed, _ = AgendaFeed.objects.update_or_create(
            owner=owner, defaults={"token_hash": token_hash, "created_at": timezone.now()}
        )
    return feed, feed_url(token)


def agenda_feed_revoke(*, owner) -> bool:
    """Stop the feed; False when there was none."""
    deleted, _ = AgendaFeed.objects.filter(owner=owner).delete()
    return bool(deleted)
