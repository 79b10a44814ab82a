"""One daily quota on email an owner sends to people of their choosing, on every path."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from model_bakery import baker

from schedules.models import Contact, Delivery

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]


@pytest.fixture
def quota(settings):
    settings.EMAIL_QUOTA_PER_DAY = 5
    return 5


def contacts(owner, n: int) -> list[Contact]:
    return [
        baker.make(
            Contact, owner=owner, first_name=f"P{i}", last_name="X", email=f"p{i}@example.org"
        )
        for i in range(n)
    ]


def create(api, people, **extra):
    body = {
        "name": "Round",
        "description": "Come and talk",
        "deadline": "2026-03-09T17:00:00",
        "invitees": [c.pk for c in people],
        "availability": [
            {
                "date": "2026-03-10",
                "start_time": "13:00",
                "end_time": "15:00",
                "preference_level": 3,
            }
        ],
    } | extra
    return api.post("/schedules/calendars/create/", body, format="json")


def test_a_round_inviting_more_people_than_the_quota_is_refused_and_sends_nothing(
    alice_api, alice, quota
):
    r = create(alice_api, contacts(alice, 6))
    assert r.status_code == 400
    (message,) = r.json()["invitees"]
    assert "This would send 6 emails" in message and "5 are left for today" in message
    assert mail.outbox == [] and not Delivery.objects.exists()


def test_the_quota_counts_every_path_together(alice_api, alice, quota):
    people = contacts(alice, 5)
    assert create(alice_api, people[:3]).status_code == 201
    page = baker.make("schedules.BookingPage", owner=alice, slug="intro", title="Intro")
    r = alice_api.post(
        f"/schedules/booking-pages/{page.pk}/invite/",
        {"emails": ["a@example.org", "b@example.org", "c@example.org"]},
        format="json",
    )
    assert r.status_code == 400
    assert "2 are left for today" in r.json()["emails"][0]
    r = alice_api.post(
        f"/schedules/booking-pages/{page.pk}/invite/", {"emails": ["a@example.org"]}, format="json"
    )
    assert r.status_code == 200


def test_the_quota_renews_after_a_day(alice_api, alice, quota, clock):
    people = contacts(alice, 8)
    assert create(alice_api, people[:5]).status_code == 201
    assert create(alice_api, people[5:6]).status_code == 400
    clock.shift(dt.timedelta(hours=24, minutes=1))
    r = create(alice_api, people[5:6], deadline="2026-03-09T17:00:00")
    assert r.status_code == 201


def test_one_owners_use_does_not_spend_anothers_quota(api_as, alice, bob, quota):
    assert create(api_as(alice), contacts(alice, 5)).status_code == 201
    assert create(api_as(bob), contacts(bob, 5)).status_code == 201


def test_the_office_refuses_invitees_past_the_quota_on_the_form(web, alice, quota):
    people = contacts(alice, 6)
    web.force_login(alice)
    data = {
        "name": "Office round",
        "description": "",
        "deadline_0": "2026-03-09",
        "deadline_1": "17:00:00",
        "timezone": "UTC",
        "meeting_duration": "30",
        "slots-TOTAL_FORMS": "1",
        "slots-INITIAL_FORMS": "0",
        "slots-0-start_0": "2026-03-10",
        "slots-0-start_1": "13:00",
        "slots-0-end_0": "2026-03-10",
        "slots-0-end_1": "15:00",
        "slots-0-preference": "3",
        "invitations-TOTAL_FORMS": str(len(people)),
        "invitations-INITIAL_FORMS": "0",
    } | {f"invitations-{i}-contact": str(p.pk) for i, p in enumerate(people)}
    r = web.post("/office/schedules/calendar/add/", data)
    assert r.status_code == 200
    assert "This would send 6 emails" in r.content.decode()
    assert mail.outbox == []
