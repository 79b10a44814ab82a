"""Finalizing twice at the same moment creates one set of meetings (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core import mail
from django.db import close_old_connections
from rest_framework.test import APIClient

from config.errors import NotFound
from schedules.models import Meeting
from schedules.services.finalize import ProposedMeeting, calendar_finalize
from tests.factories import NOW, contact, invite, make_calendar, owner_slot

MIN = dt.timedelta(minutes=1)
HOUR = dt.timedelta(hours=1)


@pytest.fixture
def race(alice, clock):
    clock.move_to(NOW, tick=True)  # let time run while the threads race, as it would live
    calendar = make_calendar(alice, slots=())
    owner_slot(calendar, "2026-03-12 09:00", "2026-03-12 12:00")
    people = [contact(alice, name) for name in ["Ann", "Ben"]]
    for person in people:
        invite(calendar, person, ("2026-03-12 09:00", "2026-03-12 12:00", 3))
    return calendar, people


def run_together(count: int, attempt) -> list[str]:
    barrier = threading.Barrier(count)
    outcomes: list[str] = []

    def worker(index: int) -> None:
        try:
            barrier.wait()
            outcomes.append(attempt(index))
        finally:
            close_old_connections()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sorted(outcomes)


@pytest.mark.django_db(transaction=True)
def test_parallel_finalizations_yield_one_set_of_meetings(alice, race):
    calendar, (ann, ben) = race
    start = dt.datetime(2026, 3, 12, 9, 0, tzinfo=dt.UTC)

    def attempt(index: int) -> str:
        # Each thread proposes a different schedule; exactly one may win.
        offset = dt.timedelta(minutes=15 * (index % 3))
        schedule = [
            ProposedMeeting(contact_id=ann.pk, start=start + offset, end=start + offset + 30 * MIN),
            ProposedMeeting(
                contact_id=ben.pk, start=start + offset + HOUR, end=start + offset + HOUR + 30 * MIN
            ),
        ]
        try:
            calendar_finalize(calendar_id=calendar.pk, by=alice, schedule=schedule)
            return "ok"
        except NotFound:
            return "already finalized"

    assert run_together(6, attempt) == ["already finalized"] * 5 + ["ok"]
    assert Meeting.objects.filter(calendar=calendar).count() == 2
    assert len(mail.outbox) == 3  # Ann, Ben and Alice, once


@pytest.mark.django_db(transaction=True)
def test_parallel_requests_get_one_201_and_404s(alice, race):
    calendar, (ann, ben) = race

    def item(person, start: str, end: str) -> dict:
        return {"contact_id": person.pk, "start_time": start, "end_time": end}

    body = {
        "finalized_schedule": [
            item(ann, "2026/03/12 09:00:00", "2026/03/12 09:30:00"),
            item(ben, "2026/03/12 10:00:00", "2026/03/12 10:30:00"),
        ]
    }

    def attempt(_index: int) -> str:
        client = APIClient()
        client.force_authenticate(alice)
        r = client.post(f"/schedules/calendars/{calendar.pk}/confirm/", body, format="json")
        return str(r.status_code)

    assert run_together(4, attempt) == ["201", "404", "404", "404"]
    assert Meeting.objects.filter(calendar=calendar).count() == 2
