"""GET/PUT /schedules/working-hours/: the week, the owner's zone and date exceptions."""

from __future__ import annotations

import datetime as dt

import pytest
from model_bakery import baker

from schedules.models import DateOverride, WorkingHours

URL = "/schedules/working-hours/"


def week(*ranges, days=range(5)):
    return [
        {"weekday": day, "start_time": start, "end_time": end}
        for day in days
        for start, end in ranges
    ]


@pytest.mark.django_db
def test_it_starts_empty_in_utc(alice_api):
    assert alice_api.get(URL).json() == {"timezone": "UTC", "hours": [], "overrides": []}


@pytest.mark.django_db
def test_put_replaces_the_week_and_sets_the_zone(alice_api, alice):
    alice_api.put(URL, {"hours": week(("08:00", "12:00"))}, format="json")
    r = alice_api.put(
        URL,
        {
            "timezone": "Europe/Paris",
            "hours": week(("09:00", "12:00"), ("13:00:00", "17:30:00"), days=[0, 2]),
        },
        format="json",
    )
    assert r.status_code == 200
    assert r.json()["timezone"] == "Europe/Paris"
    assert r.json()["hours"][:2] == [
        {"weekday": 0, "start_time": "09:00:00", "end_time": "12:00:00"},
        {"weekday": 0, "start_time": "13:00:00", "end_time": "17:30:00"},
    ]
    assert WorkingHours.objects.filter(owner=alice).count() == 4
    alice.refresh_from_db()
    assert alice.timezone == "Europe/Paris"
    assert alice_api.get(URL).json() == r.json()


@pytest.mark.django_db
def test_overlapping_ranges_on_one_day_are_refused_and_touching_ones_kept(alice_api, alice):
    r = alice_api.put(URL, {"hours": week(("09:00", "12:00"), ("11:00", "13:00"))}, format="json")
    assert r.status_code == 400
    assert r.json()["hours"][0].startswith("Monday: 09:00-12:00 overlaps 11:00-13:00.")
    assert not WorkingHours.objects.exists()
    r = alice_api.put(URL, {"hours": week(("09:00", "12:00"), ("12:00", "13:00"))}, format="json")
    assert r.status_code == 200


@pytest.mark.django_db
def test_date_exceptions_are_a_day_off_or_other_hours(alice_api, alice):
    overrides = [
        {"date": "2026-12-24", "day_off": True},
        {"date": "2026-12-31", "start_time": "09:00", "end_time": "12:00"},
        {"date": "2026-12-31", "start_time": "14:00", "end_time": "15:00"},
    ]
    r = alice_api.put(URL, {"hours": [], "overrides": overrides}, format="json")
    assert r.status_code == 200
    assert r.json()["overrides"] == [
        {"date": "2026-12-24", "day_off": True, "start_time": None, "end_time": None},
        {"date": "2026-12-31", "day_off": False, "start_time": "09:00:00", "end_time": "12:00:00"},
        {"date": "2026-12-31", "day_off": False, "start_time": "14:00:00", "end_time": "15:00:00"},
    ]
    # Leaving "overrides" out keeps them; sending them replaces them all.
    alice_api.put(URL, {"hours": week(("09:00", "17:00"))}, format="json")
    assert DateOverride.objects.filter(owner=alice).count() == 3
    alice_api.put(URL, {"hours": [], "overrides": []}, format="json")
    assert not DateOverride.objects.filter(owner=alice).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "says"),
    [
        (
            [{"date": "2026-12-24", "day_off": True, "start_time": "09:00"}],
            "A day off has no times",
        ),
        ([{"date": "2026-12-24", "start_time": "09:00"}], "Give both start_time and end_time"),
        ([{"date": "2026-12-24"}], "Give both start_time and end_time"),
        (
            [
                {"date": "2026-12-24", "day_off": True},
                {"date": "2026-12-24", "start_time": "09:00", "end_time": "10:00"},
            ],
            "a day off cannot also have hours",
        ),
        (
            [
                {"date": "2026-12-24", "start_time": "09:00", "end_time": "11:00"},
                {"date": "2026-12-24", "start_time": "10:00", "end_time": "12:00"},
            ],
            "2026-12-24: 09:00-11:00 overlaps 10:00-12:00",
        ),
        ([{"date": "2026-12-24", "start_time": "12:00", "end_time": "09:00"}], "must end after"),
        ([{"date": "24/12/2026", "day_off": True}], "wrong format"),
        ("2026-12-24", "Expected a list"),
    ],
)
def test_bad_date_exceptions_are_explained(alice_api, alice, overrides, says):
    r = alice_api.put(URL, {"hours": [], "overrides": overrides}, format="json")
    assert r.status_code == 400
    assert says in str(r.json()["overrides"])


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "field", "says"),
    [
        ({"hours": week(("17:00", "09:00"))}, "hours", "must end after it starts"),
        ({"hours": [{"weekday": 7, "start_time": "09:00", "end_time": "17:00"}]}, "hours", "6"),
        (
            {"hours": [{"weekday": 0, "start_time": "25:00", "end_time": "26:00"}]},
            "hours",
            "format",
        ),
        ({"hours": "Monday 9-5"}, "hours", "Expected a list"),
        ({"hours": None}, "hours", "may not be null"),
        ({}, "hours", "required"),
        ({"hours": week(("09:00", "10:00"), days=range(101))}, "hours", "no more than 100"),
        ({"hours": [], "timezone": "Mars/Olympus"}, "timezone", "not a known time zone"),
        ({"hours": [["0", "09:00", "17:00"]]}, "hours", "Invalid data"),
    ],
)
def test_bad_weeks_are_400s_and_change_nothing(alice_api, alice, body, field, says):
    baker.make(WorkingHours, owner=alice, weekday=0, start_time="09:00", end_time="10:00")
    r = alice_api.put(URL, body, format="json")
    assert r.status_code == 400
    assert says in str(r.json()[field])
    assert WorkingHours.objects.filter(owner=alice).count() == 1


@pytest.mark.django_db
def test_a_list_or_malformed_json_body_is_a_400(alice_api):
    assert alice_api.put(URL, [1], format="json").status_code == 400
    assert alice_api.put(URL, "{", content_type="application/json").status_code == 400


@pytest.mark.django_db
def test_owners_only_see_and_change_their_own_week(alice_api, bob):
    baker.make(WorkingHours, owner=bob, weekday=1, start_time=dt.time(8), end_time=dt.time(9))
    assert alice_api.get(URL).json()["hours"] == []
    alice_api.put(URL, {"hours": []}, format="json")
    assert WorkingHours.objects.filter(owner=bob).count() == 1


@pytest.mark.django_db
def test_it_requires_authentication(api):
    assert api.get(URL).status_code == 401
    assert api.put(URL, {"hours": []}, format="json").status_code == 401
