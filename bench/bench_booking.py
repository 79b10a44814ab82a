"""Slots endpoint latency: 30 and 60 days, with 0, 500 and 5,000 bookings on the agenda.

Run: ``.venv/bin/python -m bench.bench_booking`` (SQLite), or with
``DATABASE_URL=postgres://.../<scratch db>`` for PostgreSQL. Beside it, in the same
process and through the same middleware, ``GET /accounts/me/`` (authenticated, a
single-row read) is the floor; the ratio says how much the slot work costs on top.

The owner works Monday-Friday 08:00-18:00 in New York; the page offers 30-minute
meetings every 15 minutes with 5 minutes of buffer after. Bookings are spread
evenly over the owner's working half-hours of a year (half past, half ahead), so
5,000 of them fill almost every working half-hour: the worst case for the busy list.
"""

from __future__ import annotations

import datetime as dt
import os
import zoneinfo

from bench.harness import measure, row, setup_django

os.environ.setdefault("THROTTLE_PUBLIC", "100000000/min")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


def working_half_hours(first: dt.date, days: int) -> list[dt.datetime]:
    starts = []
    for offset in range(days):
        day = first + dt.timedelta(days=offset)
        if day.weekday() < 5:
            opening = dt.datetime.combine(day, dt.time(8), tzinfo=NEW_YORK)
            starts += [opening + dt.timedelta(minutes=30 * k) for k in range(20)]
    return starts


def fill_agenda(owner, page, count: int, today: dt.date) -> None:
    from schedules.models import Meeting

    Meeting.objects.filter(owner=owner).delete()
    if not count:
        return
    candidates = working_half_hours(today - dt.timedelta(days=182), 365)
    step = len(candidates) / count
    Meeting.objects.bulk_create(
        (
            Meeting(
                owner=owner,
                kind=Meeting.Kind.BOOKING,
                booking_page=page,
                start=start,
                end=start + dt.timedelta(minutes=25),
                buffer_after=dt.timedelta(minutes=5),
                attendee_name=f"Customer {n}",
                attendee_email=f"customer{n}@example.org",
            )
            for n, start in enumerate(candidates[int(i * step)] for i in range(count))
        ),
        batch_size=1000,
    )


def counting_queries(connection, fn):
    """``fn()`` and how many SQL statements it ran (the connection closes after a request,
    which empties Django's own query log)."""
    statements = []

    def log(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(log):
        return fn(), len(statements)


def main() -> None:
    setup_django()
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from accounts.models import User
    from schedules.models import BookingPage, WorkingHours

    owner = User.objects.create_user(
        "bench", "bench@example.org", "bench-password-1", timezone="America/New_York"
    )
    WorkingHours.objects.bulk_create(
        WorkingHours(owner=owner, weekday=d, start_time=dt.time(8), end_time=dt.time(18))
        for d in range(5)
    )
    page = BookingPage.objects.create(
        owner=owner,
        title="Bench",
        slug="bench",
        timezone="America/New_York",
        duration=30,
        slot_interval=15,
        buffer_after=5,
        minimum_notice=60,
        horizon_days=90,
    )
    client = Client()
    client.force_login(owner)
    floor = measure(lambda: client.get("/accounts/me/"))
    print(f"database: {connection.vendor}")
    print(row("GET /accounts/me/ (floor)", floor))

    today = timezone.now().astimezone(NEW_YORK).date()
    for bookings in (0, 500, 5000):
        fill_agenda(owner, page, bookings, today)
        for days in (30, 60):
            query = {
                "start": today.isoformat(),
                "end": (today + dt.timedelta(days=days - 1)).isoformat(),
                "timezone": "Europe/Paris",
            }
            response, queries = counting_queries(
                connection, lambda q=query: client.get("/book/bench/slots/", q)
            )
            assert response.status_code == 200, response.content
            offered = len(response.json()["slots"])
            result = measure(lambda q=query: client.get("/book/bench/slots/", q))
            label = f"slots {days:>2} days, {bookings:>5} bookings"
            print(row(label, result, floor) + f"   {offered:>4} slots, {queries} queries")


if __name__ == "__main__":
    main()
