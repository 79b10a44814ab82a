"""GET /schedules/calendars/<id>/confirm/: suggestions and everyone's availability."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from config import messages
from schedules.core import solver
from tests.factories import (
    NOW,
    block,
    contact,
    invite,
    make_calendar,
    owner_slot,
    wall,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]


def url(calendar_id) -> str:
    return f"/schedules/calendars/{calendar_id}/confirm/"


@pytest.fixture
def round_(alice):
    """Alice's round on 12 March: she offers 13:00-14:00 (pref 3) and 14:00-15:00 (pref 1)."""
    calendar = make_calendar(
        alice,
        tz="America/Toronto",
        slots=(),
        name="Interviews",
        description="After the P2 submission",
        deadline=NOW + dt.timedelta(days=5),
    )
    owner_slot(calendar, "2026-03-12 13:00", "2026-03-12 14:00", 3)
    owner_slot(calendar, "2026-03-12 14:00", "2026-03-12 15:00", 1)
    jane = contact(alice, "Jane", "Doe")
    john = contact(alice, "John", "Smith")
    invite(calendar, jane, ("2026-03-12 13:00", "2026-03-12 15:00", 3))
    invite(calendar, john, ("2026-03-12 13:00", "2026-03-12 13:30", 2))
    return calendar, jane, john


def test_it_suggests_the_best_schedule_first_in_the_seeds_shape(alice_api, round_):
    calendar, jane, john = round_
    r = alice_api.get(url(calendar.pk))
    assert r.status_code == 200
    data = r.json()
    assert {k: data[k] for k in ["id", "name", "description"]} == {
        "id": calendar.pk,
        "name": "Interviews",
        "description": "After the P2 submission",
    }
    assert data["deadline"] == "2026-03-07T04:00:00-05:00"
    assert data["invitees"] == [
        {"id": jane.pk, "first_name": "Jane", "last_name": "Doe"},
        {"id": john.pk, "first_name": "John", "last_name": "Smith"},
    ]
    best = data["suggested_schedules"][0]
    # Both fit in the pref-3 hour (Toronto is UTC-04:00 from 8 March); only Jane can move.
    assert best == [
        {
            "id": john.pk,
            "first_name": "John",
            "last_name": "Smith",
            "start_time": "2026-03-12T13:00:00-04:00",
            "end_time": "2026-03-12T13:30:00-04:00",
        },
        {
            "id": jane.pk,
            "first_name": "Jane",
            "last_name": "Doe",
            "start_time": "2026-03-12T13:30:00-04:00",
            "end_time": "2026-03-12T14:00:00-04:00",
        },
    ]
    assert set(best[0]) == {"id", "first_name", "last_name", "start_time", "end_time"}
    assert data["suggestion_scores"][0] == {"seated": 2, "score": (3 + 3) + (3 + 2), "unseated": []}
    assert data["optimal"] is True
    assert data["message"] == ""
    assert data["pending_invitees"] == []
    jane_availability = data["invitee_availability"][0]
    assert jane_availability["contact"] == {"id": jane.pk, "first_name": "Jane", "last_name": "Doe"}
    assert jane_availability["responded"] is True
    [slot] = jane_availability["availability"]
    assert {k: slot[k] for k in ["date", "start_time", "end_time", "preference"]} == {
        "date": "2026-03-12",
        "start_time": "13:00:00",
        "end_time": "15:00:00",
        "preference": 3,
    }
    assert [s["preference"] for s in data["owner_availability"]] == [3, 1]


def test_later_suggestions_are_ranked_and_genuinely_different(alice_api, alice):
    calendar = make_calendar(alice, slots=())
    owner_slot(calendar, "2026-03-12 09:00", "2026-03-12 12:00", 2)
    people = [contact(alice, name) for name in ["Ann", "Ben", "Cat", "Dan"]]
    for person in people:
        invite(calendar, person, ("2026-03-12 09:00", "2026-03-12 12:00", 2))
    data = alice_api.get(url(calendar.pk)).json()
    schedules = data["suggested_schedules"]
    assert len(schedules) == 5
    scores = [(s["seated"], s["score"]) for s in data["suggestion_scores"]]
    assert scores == sorted(scores, reverse=True)
    times = [{m["id"]: m["start_time"] for m in schedule} for schedule in schedules]
    for i, a in enumerate(times):
        for b in times[:i]:
            assert sum(a[p.pk] != b[p.pk] for p in people) >= 3


def test_there_are_no_suggestions_until_everyone_has_responded(alice_api, alice, round_):
    calendar = round_[0]
    late = contact(alice, "Late", "Larry")
    invite(calendar, late, responded=False)
    data = alice_api.get(url(calendar.pk)).json()
    assert data["suggested_schedules"] == []
    assert data["suggestion_scores"] == []
    assert data["message"] == messages.WAITING.format(pending=1, total=3)
    assert data["pending_invitees"] == [{"id": late.pk, "first_name": "Late", "last_name": "Larry"}]
    larry = next(i for i in data["invitee_availability"] if i["contact"]["id"] == late.pk)
    assert larry["responded"] is False
    assert larry["availability"] == []


def test_include_partial_suggests_for_those_who_have_responded(alice_api, alice, round_):
    calendar, jane, john = round_
    late = contact(alice, "Late", "Larry")
    invite(calendar, late, responded=False)
    data = alice_api.get(url(calendar.pk), {"include_partial": "true"}).json()
    assert data["suggested_schedules"]
    for schedule, score in zip(data["suggested_schedules"], data["suggestion_scores"], strict=True):
        assert {m["id"] for m in schedule} <= {jane.pk, john.pk}
        assert late.pk in score["unseated"]
    assert data["suggestion_scores"][0]["seated"] == 2


def test_include_partial_must_be_a_boolean(alice_api, round_):
    r = alice_api.get(url(round_[0].pk), {"include_partial": "perhaps"})
    assert r.status_code == 400
    assert r.json() == {"include_partial": ["Must be a valid boolean."]}


def test_nobody_who_answered_means_nothing_to_suggest(alice_api, alice):
    calendar = make_calendar(alice, slots=())
    owner_slot(calendar, "2026-03-12 09:00", "2026-03-12 12:00")
    invite(calendar, contact(alice, "Ann"), responded=False)
    data = alice_api.get(url(calendar.pk), {"include_partial": "1"}).json()
    assert data["suggested_schedules"] == []
    assert data["message"] == messages.NOBODY_ANSWERED


def test_a_round_without_invitees_says_so(alice_api, alice):
    calendar = make_calendar(alice, slots=())
    data = alice_api.get(url(calendar.pk)).json()
    assert data["suggested_schedules"] == []
    assert data["message"] == messages.NOBODY_INVITED


def test_a_round_without_owner_times_says_so(alice_api, alice):
    calendar = make_calendar(alice, slots=())
    invite(calendar, contact(alice, "Ann"), ("2026-03-12 09:00", "2026-03-12 10:00", 3))
    data = alice_api.get(url(calendar.pk)).json()
    assert data["suggested_schedules"] == []
    assert data["message"] == messages.NO_OWNER_SLOTS


def test_it_says_when_nothing_fits(alice_api, alice):
    calendar = make_calendar(alice, duration=90, slots=())
    owner_slot(calendar, "2026-03-12 09:00", "2026-03-12 12:00")
    invite(calendar, contact(alice, "Ann"), ("2026-03-12 09:00", "2026-03-12 10:00", 3))
    data = alice_api.get(url(calendar.pk)).json()
    assert data["suggested_schedules"] == []
    assert data["message"] == messages.NOTHING_FITS.format(minutes=90)


def test_suggestions_avoid_bookings_and_other_rounds_on_the_agenda(alice_api, alice):
    calendar = make_calendar(alice, slots=())
    owner_slot(calendar, "2026-03-12 09:00", "2026-03-12 11:15")
    invite(calendar, contact(alice, "Ann"), ("2026-03-12 09:00", "2026-03-12 11:15", 3))
    invite(calendar, contact(alice, "Ben"), ("2026-03-12 09:00", "2026-03-12 11:15", 3))
    # A booking 9:00-9:30 with a 10-minute buffer after, and another round's 10:15-10:45.
    block(alice, wall("2026-03-12 09:00"), 30, buffer_after=dt.timedelta(minutes=10))
    other = make_calendar(alice, name="Other round", slots=())
    block(alice, wall("2026-03-12 10:15"), 30, kind="round", calendar=other)
    data = alice_api.get(url(calendar.pk)).json()
    for schedule in data["suggested_schedules"]:
        starts = sorted(m["start_time"][11:16] for m in schedule)
        assert all(start in {"09:45", "10:45"} for start in starts)
    assert sorted(m["start_time"][11:16] for m in data["suggested_schedules"][0]) == [
        "09:45",
        "10:45",
    ]


def test_cancelled_meetings_and_other_owners_do_not_block(alice_api, alice, bob):
    calendar = make_calendar(alice, slots=())
    owner_slot(calendar, "2026-03-12 09:00", "2026-03-12 09:30")
    invite(calendar, contact(alice, "Ann"), ("2026-03-12 09:00", "2026-03-12 09:30", 3))
    block(alice, wall("2026-03-12 09:00"), 30, status="cancelled")
    block(bob, wall("2026-03-12 09:00"), 30)
    data = alice_api.get(url(calendar.pk)).json()
    assert len(data["suggested_schedules"][0]) == 1


def test_nothing_is_suggested_in_the_past(alice_api, alice, clock):
    calendar = make_calendar(alice, slots=())
    owner_slot(calendar, "2026-03-02 08:00", "2026-03-02 10:00")
    invite(calendar, contact(alice, "Ann"), ("2026-03-02 08:00", "2026-03-02 10:00", 3))
    clock.move_to(wall("2026-03-02 09:10"))
    data = alice_api.get(url(calendar.pk)).json()
    starts = {s[0]["start_time"] for s in data["suggested_schedules"]}
    assert starts == {"2026-03-02T09:15:00+00:00", "2026-03-02T09:30:00+00:00"}


def test_starts_stay_on_quarter_hours_when_the_clocks_change(alice_api, alice):
    calendar = make_calendar(alice, tz="America/New_York", slots=())
    # 8 March 2026: 2:00 becomes 3:00, so 00:00-05:00 wall clock is 4 real hours.
    owner_slot(calendar, "2026-03-08 00:00", "2026-03-08 05:00", 2)
    for name in ["Ann", "Ben", "Cat", "Dan", "Eve", "Fay", "Gus", "Hal", "Ivy"]:
        invite(calendar, contact(alice, name), ("2026-03-08 00:00", "2026-03-08 05:00", 2))
    data = alice_api.get(url(calendar.pk)).json()
    best = data["suggested_schedules"][0]
    assert len(best) == 8  # 4 real hours of 30-minute meetings
    offsets = {m["start_time"][-6:] for m in best}
    assert offsets == {"-05:00", "-04:00"}
    for m in best:
        start = dt.datetime.fromisoformat(m["start_time"])
        end = dt.datetime.fromisoformat(m["end_time"])
        assert start.minute % 15 == 0
        assert end.astimezone(dt.UTC) - start.astimezone(dt.UTC) == dt.timedelta(minutes=30)


def test_a_solver_time_limit_is_reported_not_hidden(alice_api, round_):
    class Stopped:
        status, x = 1, None

    with mock.patch.object(solver, "milp", return_value=Stopped()):
        data = alice_api.get(url(round_[0].pk)).json()
    assert data["optimal"] is False
    assert "may not be optimal" in data["message"]
    assert len(data["suggested_schedules"]) == 1


def test_the_number_of_queries_does_not_grow_with_invitees(api_as, alice):
    def build(n: int) -> int:
        calendar = make_calendar(alice, name=f"Round of {n}", slots=())
        owner_slot(calendar, "2026-03-12 09:00", "2026-03-12 17:00")
        for i in range(n):
            invite(
                calendar,
                contact(alice, f"P{n}x{i}"),
                ("2026-03-12 09:00", "2026-03-12 11:00", 3),
                ("2026-03-12 14:00", "2026-03-12 15:00", 1),
            )
        return calendar.pk

    small, large = build(2), build(60)
    client = api_as(alice)
    counts = []
    for calendar_id in (small, large):
        with CaptureQueriesContext(connection) as queries:
            r = client.get(url(calendar_id))
        assert r.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert counts[1] <= 5  # calendar, invitations, slots, agenda (+ savepoint-free reads)


def test_the_query_count_has_a_fixed_ceiling(alice_api, round_, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        assert alice_api.get(url(round_[0].pk)).status_code == 200


# --- boundary ------------------------------------------------------------------------


def test_anonymous_callers_get_401(api, round_):
    r = api.get(url(round_[0].pk))
    assert r.status_code == 401


def test_another_owners_calendar_is_forbidden_and_shows_nothing(api_as, bob, round_):
    r = api_as(bob).get(url(round_[0].pk))
    assert r.status_code == 403
    assert r.json() == {"detail": messages.CALENDAR_FORBIDDEN}


def test_a_missing_calendar_is_not_found(alice_api):
    r = alice_api.get(url(987654))
    assert r.status_code == 404
    assert r.json() == {"detail": messages.CALENDAR_NOT_FOUND}


def test_an_id_beyond_any_integer_column_is_not_found(alice_api):
    r = alice_api.get(url(10**30))
    assert r.status_code == 404


def test_a_finalized_calendar_is_not_found(alice_api, round_):
    calendar = round_[0]
    calendar.finalized_at = NOW
    calendar.save()
    r = alice_api.get(url(calendar.pk))
    assert r.status_code == 404
    assert r.json() == {"detail": messages.CALENDAR_FINALIZED}


def test_the_documented_response_shape_is_the_real_one(alice_api, alice, round_):
    from tests.openapi import assert_matches

    invite(round_[0], contact(alice, "Late", "Larry"), responded=False)
    for query in ({}, {"include_partial": "true"}):
        data = alice_api.get(url(round_[0].pk), query).json()
        assert_matches(data, path="/schedules/calendars/{calendar_id}/confirm/")
