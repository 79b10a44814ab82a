"""The owner app's messages sent: the owner's own, failures explained, sent again on request."""

from __future__ import annotations

import pytest
from django.test import override_settings

from schedules.models import Delivery
from tests.factories import failed_delivery as failed

pytestmark = pytest.mark.django_db


def test_it_lists_only_the_owners_messages_and_filters_failures(alice_web, alice, bob):
    failed(alice, subject="Meeting confirmed", status=Delivery.Status.SENT, payload={})
    failed(alice, subject="Your invitation", last_error="SMTP 550 mailbox unavailable")
    failed(bob, subject="Bob's secret")
    html = alice_web.get("/app/messages/").content.decode()
    assert "Meeting confirmed" in html and "Your invitation" in html
    assert "SMTP 550 mailbox unavailable" in html and "secret" not in html
    html = alice_web.get("/app/messages/?status=failed").content.decode()
    assert "Your invitation" in html and "Meeting confirmed" not in html


@override_settings(
    MAILERS={"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
)
def test_a_failed_message_is_sent_again_and_another_owners_is_left_alone(alice_web, alice, bob):
    mine, theirs = failed(alice), failed(bob)
    r = alice_web.post(f"/app/messages/{theirs.pk}/retry/", follow=True)
    assert "There was nothing to send again" in r.content.decode()
    theirs.refresh_from_db()
    assert theirs.status == Delivery.Status.FAILED
    r = alice_web.post(f"/app/messages/{mine.pk}/retry/", follow=True)
    assert "1 message will be sent again in a moment." in r.content.decode()
    mine.refresh_from_db()
    assert mine.status == Delivery.Status.SENT


def test_the_list_costs_the_same_queries_for_many_messages(
    alice_web, alice, django_assert_max_num_queries
):
    for _ in range(30):
        failed(alice)
    with django_assert_max_num_queries(8):
        assert alice_web.get("/app/messages/").status_code == 200


def test_it_asks_anonymous_visitors_to_log_in(web):
    assert web.get("/app/messages/")["Location"].startswith("/login/")
