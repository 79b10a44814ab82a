"""What a person can do about messages that did not get out."""

from __future__ import annotations

from django.db import transaction

from config import emails
from schedules.models import Delivery


def deliveries_retry(*, ids: list[int], owner=None) -> int:
    """Queue failed (or stuck "sending") messages again, with a fresh count of attempts.

    Staff may retry anyone's; an owner (``owner`` given) only their own.

    Messages already sent are left alone: their payload is gone, and sending twice
    would only confuse the recipient.
    """
    with transaction.atomic():
        retry = Delivery.objects.filter(
            pk__in=ids, status__in=[Delivery.Status.FAILED, Delivery.Status.SENDING]
        ).exclude(payload={})
        if owner is not None:
            retry = retry.filter(owner=owner)
        pks = list(retry.values_list("pk", flat=True))
        retry.update(status=Delivery.Status.QUEUED, attempts=0)
        for pk in pks:
            transaction.on_commit(lambda pk=pk: emails.deliver.enqueue(pk))
    return len(pks)
