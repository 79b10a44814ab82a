"""Every change to what makes an owner free or busy raises their agenda version at once."""

from __future__ import annotations

import datetime as dt

import pytest

from schedules.models import WorkingHours
from schedules.services.working_hours import day_range_delete, working_hours_set
from tests.factories import book, make_page, set_week

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]


def version(owner) -> int:
    owner.refresh_from_db(fields=["agenda_version"])
    return owner.agenda_version


def test_a_booking_its_move_and_its_cancellation_each_raise_the_version(api, alice_api, alice):
    set_week(alice)
    page = make_page(alice)
    before = version(alice)
    r = book(api, page, "2026-03-03", "10:00")
    assert r.status_code == 201 and version(alice) == before + 1
    token, pk = r.json()["manage_token"], r.json()["appointment_id"]
    body = {"token": token, "date": "2026-03-03", "time": "11:00"}
    assert api.post(f"/book/intro/reschedule/{pk}", body, format="json").status_code == 200
    assert version(alice) == before + 2
    api.post(f"/book/intro/cancel/{pk}", {"token": token}, format="json")
    assert version(alice) == before + 3


def test_hours_and_pages_raise_the_version(alice, alice_api):
    before = version(alice)
    working_hours_set(owner=alice, hours=[(0, dt.time(9), dt.time(17))])
    assert version(alice) == before + 1
    day_range_delete(row=WorkingHours.objects.get(owner=alice))
    assert version(alice) == before + 2
    r = alice_api.post("/schedules/booking-pages/", {"title": "Chat"}, format="json")
    assert r.status_code == 201 and version(alice) == before + 3


def test_a_refused_booking_changes_nothing(api, alice):
    set_week(alice)
    page = make_page(alice)
    before = version(alice)
    assert book(api, page, "2026-03-03", "03:00").status_code == 400
    assert version(alice) == before
