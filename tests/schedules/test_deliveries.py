"""Messages that did not get out are visible to their owner and to staff, who can send
them again."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import override_settings

from schedules.models import Delivery
from schedules.services.deliveries import deliveries_retry
from tests.factories import failed_delivery as failed

pytestmark = pytest.mark.django_db


def test_an_owner_sees_their_failed_emails_in_the_office_and_nobody_elses(web, alice, bob):
    mine, theirs = failed(alice), failed(bob, recipient="y@example.org")
    web.force_login(alice)
    html = web.get("/office/schedules/delivery/?status__exact=failed").content.decode()
    assert "x@example.org" in html and "Connection unexpectedly closed" in html
    assert "y@example.org" not in html
    assert web.get(f"/office/schedules/delivery/{theirs.pk}/change/").status_code == 302
    assert web.get(f"/office/schedules/delivery/{mine.pk}/change/").status_code == 200


@override_settings(
    MAILERS={"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
)
def test_staff_can_send_a_failed_email_again(alice):
    from django.test import TestCase

    delivery = failed(alice)
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert deliveries_retry(ids=[delivery.pk]) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.payload) == ("sent", 1, {})
    assert [m.to for m in mail.outbox] == [["x@example.org"]]


def test_a_sent_email_is_never_sent_again(alice):
    delivery = failed(alice)
    Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.SENT, payload={})
    assert deliveries_retry(ids=[delivery.pk]) == 0


def test_the_staff_list_hides_the_payload(web, admin_user, alice):
    delivery = failed(alice)
    web.force_login(admin_user)
    html = web.get(f"/admin/schedules/delivery/{delivery.pk}/change/").content.decode()
    assert "x@example.org" in html
    assert "Book a time" in html
    assert "payload" not in html.lower()
