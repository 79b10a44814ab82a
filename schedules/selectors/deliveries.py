"""Reads of the outbox: what was sent on an owner's behalf, and what could not be."""

from __future__ import annotations

from django.db.models import QuerySet

from schedules.models import Delivery


def deliveries_for_owner(*, owner, status: str = "") -> QuerySet[Delivery]:
    """The owner's messages, newest first; ``status`` narrows to one state when valid."""
    rows = Delivery.objects.filter(owner=owner).defer("payload")
    if status in Delivery.Status.values:
        rows = rows.filter(status=status)
    return rows.order_by("-created_at", "-id")


def deliveries_failed_count(*, owner) -> int:
    return Delivery.objects.filter(owner=owner, status=Delivery.Status.FAILED).count()
