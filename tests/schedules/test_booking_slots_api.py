"""GET /book/<slug>/slots/: only free times, in the visitor's zone, at a fixed query cost."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from model_bakery import baker

from config.throttling import ScopedRateThrottle
from schedules.models import DateOverride, Meeting
from tests.factories import NEW_YORK_7AM, block, book, make_page, set_week

UTC = dt.UTC
pytestmark = pytest.mark.usefixtures("clock")


def slots(api, start, end=None, slug="intro", **params):
    query = {"start": start, "end": end or start, **params}
    r = api.get(f"/book/{slug}/slots/", query)
    assert r.status_code == 200, r.json()
    return [s["start"] for s in r.json()["slots"]]


def times(starts):
    return [s[11:16] for s in starts]


@pytest.mark.django_db
def test_it_lists_free_times_in_the_pages_zone(api, booking_page):
    r = api.get("/book/intro/slots/", {"start": "2026-03-09", "end": "2026-03-09"})
    assert r.json()["timezone"] == "America/New_York"
    found = r.json()["slots"]
    assert len(found) == 16
    assert found[0] == {"start": "2026-03-09T09:00:00-04:00", "end": "2026-03-09T09:30:00-04:00"}
    assert found[-1]["end"] == "2026-03-09T17:00:00-04:00"


@pytest.mark.django_db
def test_the_visitors_zone_decides_the_days_and_how_times_print(api, booking_page):
    # Kolkata's 9 March runs from 14:30 on 8 March to 14:30 on 9 March in New York.
    found = slots(api, "2026-03-09", timezone="Asia/Kolkata")
    assert found[0] == "2026-03-09T18:30:00+05:30"
    assert found[-1] == "2026-03-09T23:30:00+05:30"
    assert len(found) == 11
    found = slots(api, "2026-03-10", timezone="Asia/Kolkata")
    assert found[0] == "2026-03-10T00:00:00+05:30"  # the rest of Monday afternoon in New York


@pytest.mark.django_db
def test_slots_keep_the_owners_wall_clock_across_both_dst_changes(api, booking_page):
    booking_page.horizon_days = 365
    booking_page.save()
    march = slots(api, "2026-03-06", "2026-03-09", timezone="UTC")
    assert (march[0], march[16]) == ("2026-03-06T14:00:00+00:00", "2026-03-09T13:00:00+00:00")
    november = slots(api, "2026-10-30", "2026-11-02", timezone="UTC")
    assert (november[0], november[16]) == ("2026-10-30T13:00:00+00:00", "2026-11-02T14:00:00+00:00")
    assert len(march) == len(november) == 32


@pytest.mark.django_db
def test_a_visitor_on_lord_howe_sees_the_shift_of_their_own_half_hour_dst(api, alice):
    set_week(alice, tz="UTC", days=7)
    make_page(alice, horizon_days=365)
    # Lord Howe goes from +11 back to +10:30 at 02:00 on 5 April 2026: the owner's
    # 09:00 UTC reads 20:00 the day before and 19:30 that day, and 01:30-02:00 repeats.
    assert "2026-04-04T20:00:00+11:00" in slots(api, "2026-04-04", timezone="Australia/Lord_Howe")
    found = slots(api, "2026-04-05", timezone="Australia/Lord_Howe")
    assert {"2026-04-05T01:30:00+11:00", "2026-04-05T01:30:00+10:30"} <= set(found)
    assert "2026-04-05T19:30:00+10:30" in found
    assert "2026-04-05T20:00:00+11:00" not in found


@pytest.mark.django_db
def test_everything_on_the_agenda_blocks_time_with_buffers(api, booking_page, alice, bob):
    booking_page.buffer_before = 15
    booking_page.save()
    block(alice, dt.datetime(2026, 3, 9, 14, tzinfo=UTC), 60, kind=Meeting.Kind.ROUND)
    block(alice, dt.datetime(2026, 3, 9, 17, tzinfo=UTC), buffer_after=dt.timedelta(minutes=30))
    block(alice, dt.datetime(2026, 3, 9, 19, tzinfo=UTC), status=Meeting.Status.CANCELLED)
    block(bob, dt.datetime(2026, 3, 9, 13, tzinfo=UTC), 480)
    assert times(slots(api, "2026-03-09")) == [
        "09:00",
        "09:30",  # 09:30-10:00 needs 09:15-10:00 free: the round meeting starts at 10:00
        "11:30",  # 11:00 would need 10:45 free, inside the round meeting (10:00-11:00)
        "12:00",
        "12:30",
        # 13:00-13:30 is booked with 30 minutes after; 13:30 and 14:00 fall in that
        "14:30",
        "15:00",  # the cancelled 15:00 booking blocks nothing
        "15:30",
        "16:00",
        "16:30",
    ]


@pytest.mark.django_db
def test_minimum_notice_and_horizon_bound_the_offer(api, booking_page, clock):
    clock.move_to(NEW_YORK_7AM)
    booking_page.minimum_notice = 180  # now is 07:00 in New York
    booking_page.horizon_days = 3
    booking_page.save()
    found = slots(api, "2026-03-01", "2026-03-10")
    assert found[0] == "2026-03-02T10:00:00-05:00"
    assert found[-1] == "2026-03-05T16:30:00-05:00"


@pytest.mark.django_db
def test_date_overrides_take_a_day_off_or_change_its_hours(api, booking_page, alice):
    baker.make(DateOverride, owner=alice, date=dt.date(2026, 3, 9))
    baker.make(
        DateOverride,
        owner=alice,
        date=dt.date(2026, 3, 14),
        start_time=dt.time(10),
        end_time=dt.time(11),
    )
    assert slots(api, "2026-03-09") == []
    assert times(slots(api, "2026-03-14")) == ["10:00", "10:30"]  # a Saturday


@pytest.mark.django_db
def test_a_manage_token_frees_that_bookings_own_time(api, booking_page):
    r = book(api, booking_page, "2026-03-09", "10:00")
    token = r.json()["manage_token"]
    assert "10:00" not in times(slots(api, "2026-03-09"))
    assert "10:00" in times(slots(api, "2026-03-09", token=token))
    r = api.get("/book/intro/slots/", {"start": "2026-03-09", "end": "2026-03-09", "token": "x"})
    assert (r.status_code, r.json()) == (404, {"message": "Appointment not found."})


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "field", "says"),
    [
        ({"start": "2026-03-01", "end": "2026-05-02"}, "end", "at most 62 days"),
        ({"start": "2026-03-10", "end": "2026-03-09"}, "end", "on or after start"),
        ({"start": "01/03/2026", "end": "2026-03-09"}, "start", "wrong format"),
        ({"start": "0001-01-01", "end": "0001-01-02"}, "start", "between 1900"),
        ({"start": "2026-03-01", "end": "9999-12-31"}, "end", "between 1900"),
        ({"end": "2026-03-09"}, "start", "required"),
        (
            {"start": "2026-03-09", "end": "2026-03-09", "timezone": "Europe/Atlantis"},
            "timezone",
            "IANA",
        ),
    ],
)
def test_bad_ranges_dates_and_zones_are_400s(api, booking_page, query, field, says):
    r = api.get("/book/intro/slots/", query)
    assert r.status_code == 400
    assert says in r.json()[field][0]


@pytest.mark.django_db
def test_sixty_two_days_is_the_longest_range(api, booking_page):
    r = api.get("/book/intro/slots/", {"start": "2026-03-02", "end": "2026-05-02"})
    assert r.status_code == 200


@pytest.mark.django_db
def test_unknown_and_inactive_pages_are_not_found(api, booking_page, alice):
    make_page(alice, slug="paused", is_active=False)
    for slug in ("nope", "paused"):
        r = api.get(f"/book/{slug}/slots/", {"start": "2026-03-09", "end": "2026-03-09"})
        assert (r.status_code, r.json()) == (404, {"message": "Booking page not found."})
    alice.is_active = False
    alice.save()
    r = api.get("/book/intro/slots/", {"start": "2026-03-09", "end": "2026-03-09"})
    assert r.status_code == 404


def count_queries(api, **params) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        r = api.get("/book/intro/slots/", {"start": "2026-03-02", "end": "2026-05-01", **params})
    assert r.status_code == 200
    return len(queries), len(r.json()["slots"])


@pytest.mark.django_db
def test_the_query_count_does_not_grow_with_the_agenda(api, booking_page, alice):
    empty, offered = count_queries(api)
    assert empty <= 4  # page, working hours, date overrides, busy time
    start = dt.datetime(2026, 3, 3, 14, tzinfo=UTC)
    Meeting.objects.bulk_create(
        Meeting(
            owner=alice,
            kind=Meeting.Kind.BOOKING,
            start=start + dt.timedelta(hours=5 * n),
            end=start + dt.timedelta(hours=5 * n, minutes=30),
            attendee_name="Sam",
            attendee_email="sam@example.org",
        )
        for n in range(300)
    )
    busy, fewer = count_queries(api)
    assert busy == empty
    assert fewer < offered
    baker.make(DateOverride, owner=alice, date=dt.date(2026, 3, 20), _quantity=3)
    assert count_queries(api)[0] == empty


@pytest.mark.django_db
def test_it_is_throttled_as_public(api, booking_page, monkeypatch):
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"public": "2/min"})
    cache.clear()
    query = {"start": "2026-03-09", "end": "2026-03-09"}
    assert [api.get("/book/intro/slots/", query).status_code for _ in range(3)] == [200, 200, 429]
    r = api.get("/book/intro/slots/", query)
    assert "throttled" in r.json()["message"]
    cache.clear()
