"""config.emails: rendered once, sent after commit, retried, never blocking a request."""

from __future__ import annotations

import time

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.test import TestCase, override_settings

from accounts import services
from accounts.models import User
from config import emails
from schedules.models import Delivery


class SlowBackend(BaseEmailBackend):
    """An email service that takes ``delay`` seconds to answer; counts what it sent."""

    sent: list = []

    def __init__(self, *, delay: float = 5, **kwargs):
        super().__init__(**kwargs)
        self.delay = delay

    def send_messages(self, messages):
        time.sleep(self.delay)
        SlowBackend.sent.extend(messages)
        return len(messages)


class FlakyBackend(BaseEmailBackend):
    """Fails the first ``failures`` sends, then delivers to mail.outbox."""

    failures = 0

    def send_messages(self, messages):
        if FlakyBackend.failures > 0:
            FlakyBackend.failures -= 1
            raise ConnectionError("ESP unavailable")
        mail.outbox.extend(messages)
        return len(messages)


def signup(**extra):
    return services.user_signup(
        username="dana", email="dana@example.org", password="trust-no-1-ever", **extra
    )


@pytest.mark.django_db
def test_no_email_leaves_when_the_transaction_rolls_back():
    with (
        TestCase.captureOnCommitCallbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        signup()
        raise RuntimeError("something later in the request failed")
    assert mail.outbox == []
    assert not User.objects.filter(username="dana").exists()


@pytest.mark.django_db
def test_nothing_is_sent_before_commit():
    with TestCase.captureOnCommitCallbacks(execute=False) as callbacks:
        signup()
        assert mail.outbox == []
    assert len(callbacks) == 1


@pytest.mark.django_db
def test_text_parts_are_not_html_escaped():
    with TestCase.captureOnCommitCallbacks(execute=True):
        signup(first_name="Dana", last_name="O'Brien & Co")
    message = mail.outbox[0]
    assert "Dana O'Brien & Co" in message.body
    assert "O&#x27;Brien &amp; Co" in message.alternatives[0][0]


@pytest.mark.django_db(transaction=True)
@override_settings(
    TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
    MAILERS={"default": {"BACKEND": "tests.test_emails.SlowBackend"}},
)
def test_signup_with_a_slow_email_service_returns_before_sending(api):
    """With a worker backend, the request only queues the email; the worker sends it."""
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    SlowBackend.sent = []
    r = api.post(
        "/accounts/signup/",
        {
            "email": "dana@example.org",
            "username": "dana",
            "password": "trust-no-1-ever",
            "password2": "trust-no-1-ever",
        },
        format="json",
    )
    assert r.status_code == 201
    assert SlowBackend.sent == []  # the 5 s service was never called by the request
    task = DBTaskResult.objects.get(status="READY")
    delivery = Delivery.objects.get()
    # The task row holds the delivery's id and nothing else: no text, no secret link.
    assert task.args_kwargs == {"args": [delivery.pk], "kwargs": {}}
    assert "/accounts/confirm/" in delivery.payload["text"]

    with override_settings(
        MAILERS={"default": {"BACKEND": "tests.test_emails.SlowBackend", "OPTIONS": {"delay": 0}}}
    ):
        call_command("db_worker", batch=True, interval=0, verbosity=0)
    assert [m.to for m in SlowBackend.sent] == [["dana@example.org"]]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    delivery.refresh_from_db()
    assert (delivery.status, delivery.payload) == ("sent", {})  # the link is not kept


def queue(**fields) -> Delivery:
    payload = emails.render("confirm_email", {"user": User(username="x"), "url": "u"})
    return Delivery.objects.create(
        kind="confirm_email", recipient="x@example.org", payload=payload | {"reply_to": []}
    )


@pytest.mark.django_db
@override_settings(MAILERS={"default": {"BACKEND": "tests.test_emails.FlakyBackend"}})
def test_a_failed_send_is_retried_not_lost():
    FlakyBackend.failures = 2
    delivery = queue()
    emails.deliver.enqueue(delivery.pk)
    assert len(mail.outbox) == 1
    assert FlakyBackend.failures == 0
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("sent", 3)


@pytest.mark.django_db
@override_settings(
    MAILERS={"default": {"BACKEND": "tests.test_emails.FlakyBackend"}}, EMAIL_MAX_ATTEMPTS=3
)
def test_it_gives_up_after_the_configured_attempts_and_keeps_the_failure_visible():
    FlakyBackend.failures = 10
    delivery = queue()
    emails.deliver.enqueue(delivery.pk)
    assert mail.outbox == []
    assert FlakyBackend.failures == 7
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("failed", 3)
    assert delivery.last_error == "ConnectionError: ESP unavailable"
    assert delivery.payload["subject"]  # kept, so staff can send it again


@pytest.mark.django_db
def test_a_delivery_queued_twice_is_sent_once():
    delivery = queue()
    emails.deliver.enqueue(delivery.pk)
    emails.deliver.enqueue(delivery.pk)
    assert len(mail.outbox) == 1


def test_calendar_parts_carry_the_imip_method():
    payload = {
        "subject": "s",
        "text": "t",
        "html": "<p>t</p>",
        "calendar": {"method": "CANCEL", "ics": "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"},
    }
    raw = emails.build_message("x@example.org", payload).message().as_string()
    assert 'Content-Type: text/calendar; charset="utf-8"; method="CANCEL"' in raw
    assert 'filename="invite.ics"' in raw


def test_the_console_backend_prints_links_whole(capsys):
    from config.mail_backends import ReadableConsoleBackend

    url = "http://127.0.0.1:8000/accounts/confirm/" + "x" * 90 + "/"
    payload = emails.render("confirm_email", {"user": User(username="dana"), "url": url})
    payload |= {
        "reply_to": [],
        "calendar": {"method": "REQUEST", "ics": "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"},
    }
    ReadableConsoleBackend().send_messages([emails.build_message("dana@example.org", payload)])
    out = capsys.readouterr().out
    assert "To: dana@example.org" in out
    assert url in out
    assert "[also: text/html]" in out
    assert "[also: invite.ics]" in out
