"""Many people racing for one time through the public API: one booking, no 5xx.

Each thread has its own client and database connection and really commits
(``transaction=True``), on SQLite (IMMEDIATE transactions) and PostgreSQL
(the agenda row lock plus the exclusion constraint).
"""

from __future__ import annotations

import itertools
import threading
from collections import Counter

import pytest
from django.db import close_old_connections
from rest_framework.test import APIClient

from schedules.models import Meeting

pytestmark = pytest.mark.usefixtures("clock")


def race(requests: list[tuple[str, dict]]) -> list[tuple[int, dict]]:
    barrier = threading.Barrier(len(requests))
    results: list[tuple[int, dict]] = []

    def run(url: str, body: dict) -> None:
        client = APIClient()
        try:
            barrier.wait()
            r = client.post(url, body, format="json")
            results.append((r.status_code, r.json()))
        finally:
            close_old_connections()

    threads = [threading.Thread(target=run, args=request) for request in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def no_overlaps(owner) -> bool:
    confirmed = list(Meeting.objects.filter(owner=owner, status="confirmed").order_by("start"))
    return all(a.end <= b.start for a, b in itertools.pairwise(confirmed))


@pytest.fixture
def booking_page(booking_page):
    """The shared page, an hour long on a 15-minute grid: 09:00, 09:15, 09:30 and
    09:45 all overlap."""
    booking_page.duration = 60
    booking_page.slot_interval = 15
    booking_page.save()
    return booking_page


@pytest.mark.django_db(transaction=True)
def test_parallel_bookings_for_the_same_and_overlapping_times_yield_one(booking_page, alice):
    times = ["09:00", "09:15", "09:30", "09:45"] * 4
    requests = [
        (
            "/book/intro/schedule",
            {"client_name": f"P{n}", "email": f"p{n}@example.org", "date": "2026-03-09", "time": t},
        )
        for n, t in enumerate(times)
    ]
    results = race(requests)
    statuses = Counter(status for status, _ in results)
    assert statuses == {201: 1, 400: 15}
    assert {body["message"] for status, body in results if status == 400} == {
        "Time slot is not available."
    }
    assert Meeting.objects.filter(owner=alice, status="confirmed").count() == 1


@pytest.mark.django_db(transaction=True)
def test_reschedules_and_new_bookings_racing_for_one_time_yield_one(booking_page, alice, api):
    tokens = []
    for n, time in enumerate(["11:00", "13:00", "15:00"]):
        r = api.post(
            "/book/intro/schedule",
            {
                "client_name": f"E{n}",
                "email": "e@example.org",
                "date": "2026-03-09",
                "time": time,
            },
            format="json",
        )
        tokens.append((r.json()["appointment_id"], r.json()["manage_token"]))
    # One racer per existing booking (moving the same one twice would rightly work).
    requests = [
        (f"/book/intro/reschedule/{pk}", {"token": token, "date": "2026-03-09", "time": t})
        for (pk, token), t in zip(tokens, ("09:00", "09:30", "09:15"), strict=True)
    ] + [
        (
            "/book/intro/schedule",
            {"client_name": "N", "email": "n@example.org", "date": "2026-03-09", "time": t},
        )
        for t in ("09:15", "09:45", "09:00", "09:30")
    ]
    results = race(requests)
    statuses = Counter(status for status, _ in results)
    assert set(statuses) <= {200, 201, 400}
    assert statuses[200] + statuses[201] == 1
    # Three booked beforehand, plus one if a new booking won rather than a move.
    assert Meeting.objects.filter(owner=alice, status="confirmed").count() == 3 + statuses[201]
    assert no_overlaps(alice)
