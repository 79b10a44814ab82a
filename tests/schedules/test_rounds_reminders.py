"""Reminders: the seed's endpoint, and the automatic one 24 hours before the deadline."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import TestCase

from accounts.tokens import hash_token
from schedules.models import Invitation
from tests.factories import DEADLINE, NOW, contact, link_in, make_calendar

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]


@pytest.fixture
def round_(alice):
    jane = contact(alice, "Jane", "Doe")
    calendar = make_calendar(alice, invitees=[jane], tz="Europe/London")
    calendar.jane = jane
    return calendar


def url(calendar_id, contact_id, slash="/"):
    return f"/schedules/calendars/remind/{calendar_id}/{contact_id}{slash}"


@pytest.mark.parametrize("slash", ["/", ""])
def test_it_emails_a_fresh_link_and_the_old_one_stops_working(alice_api, api, round_, slash):
    old = f"/schedules/calendars/{round_.pk}/respond/{round_.raw_tokens[round_.jane.pk]}/"
    assert api.get(old).status_code == 200
    r = alice_api.get(url(round_.pk, round_.jane.pk, slash))
    assert r.status_code == 200
    assert r.json() == {"message": "Reminder email successfully sent to Jane Doe"}
    (message,) = mail.outbox
    assert message.to == [round_.jane.email]
    assert message.subject == "Reminder: Alice Example is waiting for your times for Round"
    html = message.alternatives[0][0]
    for part in (message.body, html):
        assert "links in earlier emails no longer work" in part
        assert "Monday 9 March 2026 at 09:00 Europe/London (UTC+00:00)" in part
        assert "Less than a day" not in part
    new = link_in(message)
    assert new in html
    assert api.get("/schedules" + new).status_code == 200
    assert api.get(old).status_code == 401
    invitation = Invitation.objects.get()
    assert invitation.last_reminded_at == NOW
    assert invitation.token_hash == hash_token(new.rstrip("/").rsplit("/", 1)[1])


def test_the_old_link_page_explains_where_the_new_one_is(alice_api, web, round_):
    old = f"/calendars/{round_.pk}/respond/{round_.raw_tokens[round_.jane.pk]}/"
    alice_api.get(url(round_.pk, round_.jane.pk))
    r = web.get(old)
    assert r.status_code == 403
    assert (
        "This link is no longer valid; use the newest email you received about this round."
        in r.content.decode()
    )


def test_it_reminds_one_person_at_most_once_an_hour(alice_api, round_, clock):
    assert alice_api.get(url(round_.pk, round_.jane.pk)).status_code == 200
    clock.shift(dt.timedelta(minutes=20))
    r = alice_api.get(url(round_.pk, round_.jane.pk))
    assert r.status_code == 400
    assert r.json() == {
        "detail": "Jane Doe was reminded less than an hour ago. "
        "You can remind them again in 40 minutes."
    }
    assert len(mail.outbox) == 1
    clock.shift(dt.timedelta(minutes=40))
    assert alice_api.get(url(round_.pk, round_.jane.pk)).status_code == 200
    assert len(mail.outbox) == 2


def test_it_refuses_someone_who_already_responded(alice_api, round_):
    Invitation.objects.update(responded_at=NOW)
    r = alice_api.get(url(round_.pk, round_.jane.pk))
    assert r.status_code == 400
    assert r.json() == {"detail": "Jane Doe has already responded; there is nothing to remind."}
    assert mail.outbox == []


def test_it_refuses_a_finalized_calendar_or_a_passed_deadline(alice_api, round_, clock):
    round_.finalized_at = NOW
    round_.save()
    r = alice_api.get(url(round_.pk, round_.jane.pk))
    assert r.status_code == 400
    assert "finalized" in r.json()["detail"]
    round_.finalized_at = None
    round_.save()
    clock.move_to(DEADLINE + dt.timedelta(minutes=1))
    r = alice_api.get(url(round_.pk, round_.jane.pk))
    assert r.status_code == 400
    assert r.json()["detail"].startswith("The deadline has passed, so Jane Doe can no longer")
    assert mail.outbox == []


def test_it_answers_404_for_missing_calendar_contact_or_invitation(alice_api, alice, bob, round_):
    r = alice_api.get(url(999, round_.jane.pk))
    assert (r.status_code, r.json()) == (404, {"detail": "Calendar not found."})
    r = alice_api.get(url(round_.pk, 999))
    assert (r.status_code, r.json()) == (404, {"detail": "Contact not found."})
    r = alice_api.get(url(round_.pk, contact(bob).pk))
    assert (r.status_code, r.json()) == (404, {"detail": "Contact not found."})
    r = alice_api.get(url(round_.pk, contact(alice, "John").pk))
    assert r.status_code == 404
    assert r.json() == {"detail": "This contact is not invited to this calendar."}
    assert mail.outbox == []


def test_another_owners_calendar_is_forbidden(api_as, bob, round_):
    r = api_as(bob).get(url(round_.pk, round_.jane.pk))
    assert r.status_code == 403
    assert r.json() == {"detail": "You do not have permission to use this calendar."}
    assert mail.outbox == []
    assert Invitation.objects.get().last_reminded_at is None


def test_it_requires_authentication(api, round_):
    assert api.get(url(round_.pk, round_.jane.pk)).status_code == 401
    assert api.get(url(round_.pk, round_.jane.pk, "")).status_code == 401


# --- send_deadline_reminders ---------------------------------------------------


def run_command() -> str:
    out = StringIO()
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("send_deadline_reminders", stdout=out)
    return out.getvalue()


def test_the_command_reminds_non_responders_once_within_24_hours(alice, round_, clock):
    john = contact(alice, "John", "Smith")
    answered = contact(alice, "Ann", "Swered")
    other = make_calendar(alice, invitees=[john, answered])
    Invitation.objects.filter(contact=answered).update(responded_at=NOW)
    make_calendar(alice, invitees=[contact(alice, "Fin")], finalized_at=NOW)
    far = make_calendar(alice, invitees=[contact(alice, "Far")])
    far.deadline = DEADLINE + dt.timedelta(days=3)
    far.save()

    clock.move_to(DEADLINE - dt.timedelta(hours=25))
    assert run_command() == "Sent 0 deadline reminders.\n"
    clock.move_to(DEADLINE - dt.timedelta(hours=23))
    assert run_command() == "Sent 2 deadline reminders.\n"
    assert sorted(m.to[0] for m in mail.outbox) == [round_.jane.email, john.email]
    assert "Less than a day is left to answer" in mail.outbox[0].body
    assert "Less than a day is left to answer" in mail.outbox[0].alternatives[0][0]
    assert run_command() == "Sent 0 deadline reminders.\n"
    clock.move_to(DEADLINE - dt.timedelta(hours=1))
    assert run_command() == "Sent 0 deadline reminders.\n"
    assert len(mail.outbox) == 2
    reminded = Invitation.objects.filter(deadline_reminder_sent_at__isnull=False)
    assert set(reminded.values_list("calendar_id", flat=True)) == {round_.pk, other.pk}
    clock.move_to(DEADLINE + dt.timedelta(minutes=1))
    assert run_command() == "Sent 0 deadline reminders.\n"


def test_a_moved_deadline_earns_another_automatic_reminder(alice_api, round_, clock):
    clock.move_to(DEADLINE - dt.timedelta(hours=2))
    assert run_command() == "Sent 1 deadline reminder.\n"
    r = alice_api.put(
        f"/schedules/calendars/{round_.pk}/details/",
        {"deadline": (DEADLINE + dt.timedelta(days=2)).isoformat()},
        format="json",
    )
    assert r.status_code == 200
    clock.move_to(DEADLINE + dt.timedelta(days=1, hours=1))
    assert run_command() == "Sent 1 deadline reminder.\n"
    assert len(mail.outbox) == 2
