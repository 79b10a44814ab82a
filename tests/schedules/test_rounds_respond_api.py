"""/schedules/calendars/<id>/respond/<token>/: an invitee reads the round and answers."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from config.errors import ApplicationError
from schedules.core.availability import Slot as SlotSpec
from schedules.models import Availability, Invitation
from schedules.services.responses import check_invitee_slots
from schedules.timeutils import zone
from tests.factories import NOW, contact, make_calendar

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]
H = dt.timedelta(hours=1)
M = dt.timedelta(minutes=1)
# Owner slots: Tue 10 March 13:00-15:00 (pref 3) and 15:00-16:00 (pref 1), UTC.
SLOT = dt.datetime(2026, 3, 10, 13, tzinfo=dt.UTC)


@pytest.fixture
def round_(alice, bob):
    jane, john = contact(alice, "Jane", "Doe"), contact(alice, "John", "Smith")
    calendar = make_calendar(
        alice, invitees=[jane, john], slots=[(SLOT, 2, 3), (SLOT + 2 * H, 1, 1)], tz="Europe/Paris"
    )
    calendar.jane, calendar.john = jane, john
    calendar.url = f"/schedules/calendars/{calendar.pk}/respond/{calendar.raw_tokens[jane.pk]}/"
    return calendar


def answer(*items):
    return {
        "availability": [
            {"start_time": s, "end_time": e, "preference_level": p} for s, e, p in items
        ]
    }


def test_it_shows_the_round_to_the_invitee_without_login(api, round_, alice):
    r = api.get(round_.url)
    assert r.status_code == 200
    data = r.json()
    slots = list(Availability.objects.order_by("start"))
    assert data == {
        "calendar_id": round_.pk,
        "name": "Round",
        "description": round_.description,
        "deadline": "2026-03-09T10:00:00+01:00",
        "owner": {"id": alice.pk, "first_name": "Alice", "last_name": "Example"},
        "invitees": [
            {"id": round_.jane.pk, "first_name": "Jane", "last_name": "Doe"},
            {"id": round_.john.pk, "first_name": "John", "last_name": "Smith"},
        ],
        "owner_availability": [
            {
                "id": slots[0].pk,
                "date": "2026-03-10",
                "start_time": "14:00:00",
                "end_time": "16:00:00",
                "preference": 3,
                "start": "2026-03-10T14:00:00+01:00",
                "end": "2026-03-10T16:00:00+01:00",
            },
            {
                "id": slots[1].pk,
                "date": "2026-03-10",
                "start_time": "16:00:00",
                "end_time": "17:00:00",
                "preference": 1,
                "start": "2026-03-10T16:00:00+01:00",
                "end": "2026-03-10T17:00:00+01:00",
            },
        ],
        # The two touching slots are one stretch: an answer may span them.
        "owner_stretches": [
            {"start": "2026-03-10T14:00:00+01:00", "end": "2026-03-10T17:00:00+01:00"}
        ],
        "timezone": "Europe/Paris",
        "meeting_duration": 30,
        "finalized": False,
        "deadline_passed": False,
        "contact": {"id": round_.jane.pk, "first_name": "Jane", "last_name": "Doe"},
        "responded": False,
        "responded_at": None,
        "availability": [],
    }
    assert "email" not in str(data["invitees"])


def test_it_stores_the_answer_once(api, round_):
    body = answer(
        ("2026/03/10 14:00:00", "2026/03/10 15:00:00", 3),  # naive: Europe/Paris
        ("2026-03-10T15:30:00Z", "2026-03-10T16:00:00Z", 1),  # ISO with offset
    )
    r = api.post(round_.url, body, format="json")
    assert r.status_code == 200, r.json()
    assert r.json() == {"success_message": "Availability submitted successfully."}
    invitation = Invitation.objects.get(contact=round_.jane)
    assert invitation.responded_at == NOW
    assert list(invitation.slots.values_list("start", "end", "preference")) == [
        (SLOT, SLOT + H, 3),
        (SLOT + 2.5 * H, SLOT + 3 * H, 1),
    ]
    r = api.post(round_.url, body, format="json")
    assert r.status_code == 400
    assert r.json() == {"error": "Already responded"}
    data = api.get(round_.url).json()
    assert data["responded"] is True
    assert [s["start_time"] for s in data["availability"]] == ["14:00:00", "16:30:00"]


def test_it_accepts_the_other_spellings(api, round_):
    body = {
        "available_slots": [
            {
                "start_time": "2026-03-10T14:00:00",
                "end_time": "2026-03-10T15:00:00",
                "preference": 2,
            },
            {
                "date": "2026-03-10",
                "start_time": "15:00:00",
                "end_time": "16:00:00",
                "preference": 1,
            },
        ]
    }
    r = api.post(round_.url, body, format="json")
    assert r.status_code == 200, r.json()
    assert Availability.objects.filter(invitation__isnull=False).count() == 2


def test_a_time_spanning_two_touching_owner_slots_is_inside(api, round_):
    r = api.post(
        round_.url, answer(("2026/03/10 15:00:00", "2026/03/10 17:00:00", 2)), format="json"
    )
    assert r.status_code == 200, r.json()


@pytest.mark.parametrize(
    ("item", "message"),
    [
        (
            ("2026/03/10 13:30:00", "2026/03/10 14:30:00", 2),
            "2026-03-10 13:30-14:30 (Europe/Paris) starts before the owner's available time "
            "2026-03-10 14:00-17:00; start at or after it.",
        ),
        (
            ("2026/03/10 16:30:00", "2026/03/10 17:30:00", 2),
            "2026-03-10 16:30-17:30 (Europe/Paris) ends after the owner's available time "
            "2026-03-10 14:00-17:00; end at or before it.",
        ),
        (
            ("2026/03/11 10:00:00", "2026/03/11 11:00:00", 2),
            "2026-03-11 10:00-11:00 (Europe/Paris) is outside the owner's available times: "
            "it meets none of them.",
        ),
        (
            ("2026/03/10 14:00:00", "2026/03/10 14:15:00", 2),
            "2026-03-10 14:00-14:15 (Europe/Paris) is shorter than a meeting (30 minutes); "
            "choose at least 30 minutes.",
        ),
    ],
)
def test_it_says_which_time_is_outside_the_owners_and_why(api, round_, item, message):
    r = api.post(round_.url, answer(item), format="json")
    assert r.status_code == 400
    assert r.json() == {"availability": [message]}
    assert not Invitation.objects.get(contact=round_.jane).responded


def test_overlapping_answers_are_refused(api, round_):
    body = answer(
        ("2026/03/10 14:00:00", "2026/03/10 15:00:00", 2),
        ("2026/03/10 14:30:00", "2026/03/10 15:30:00", 3),
    )
    r = api.post(round_.url, body, format="json")
    assert r.status_code == 400
    assert "overlap" in r.json()["availability"][0]


FORM = "Invalid slot data. Must be in the form: 'start_time', 'end_time', 'preference_level'"


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({}, {"availability": ["This field is required."]}),
        ({"availability": []}, {"availability": ["This list may not be empty."]}),
        (
            {"availability": "all week"},
            {"availability": ['Expected a list of items but got type "str".']},
        ),
        ({"availability": [None]}, {"availability": [FORM]}),
        ({"availability": [{"start_time": "2026/03/10 14:00:00"}]}, {"availability": [FORM]}),
        (answer((1, 2, 3)), {"availability": ["Start and end times must be strings."]}),
        (
            answer(("tuesday", "2026/03/10 15:00:00", 3)),
            {
                "availability": [
                    "Start and end times must be in the format YYYY/MM/DD HH:MM:SS "
                    "(or ISO 8601, e.g. 2024-03-12T13:00:00-04:00)."
                ]
            },
        ),
        (
            answer(("2026/03/10 15:00:00", "2026/03/10 14:00:00", 3)),
            {"availability": ["End time must be after start time."]},
        ),
        (
            answer(("2026/03/10 14:00:00", "2026/03/10 15:00:00", "3")),
            {"availability": ["Preference level must be an integer."]},
        ),
        (
            answer(("2026/03/10 14:00:00", "2026/03/10 15:00:00", 7)),
            {
                "availability": [
                    "Preference level must be either 1, 2, or 3 (3 being highest preference)."
                ]
            },
        ),
        (
            {"availability": [{"start_time": "2026/03/10 14:00:00"}] * 501},
            {"availability": ["Send at most 500 slots per request."]},
        ),
    ],
)
def test_bad_answers_are_400s_with_the_seeds_messages(api, round_, body, errors):
    r = api.post(round_.url, body, format="json")
    assert r.status_code == 400
    assert r.json() == errors


@pytest.mark.parametrize("body", ["{oops", "[]", "null", '"x"'])
def test_malformed_or_wrongly_typed_bodies_are_400(api, round_, body):
    r = api.post(round_.url, body, content_type="application/json")
    assert r.status_code == 400


def test_after_the_deadline_it_refuses_answers(api, round_, clock):
    clock.move_to(round_.deadline)
    r = api.post(
        round_.url, answer(("2026/03/10 14:00:00", "2026/03/10 15:00:00", 3)), format="json"
    )
    assert r.status_code == 400
    assert r.json() == {"error": "Deadline has passed"}
    assert api.get(round_.url).json()["deadline_passed"] is True


def test_a_finalized_calendar_takes_no_answers(api, round_):
    round_.finalized_at = NOW
    round_.save()
    r = api.post(
        round_.url, answer(("2026/03/10 14:00:00", "2026/03/10 15:00:00", 3)), format="json"
    )
    assert r.status_code == 400
    assert r.json() == {"error": "This calendar has been finalized; it takes no more responses."}


def test_a_bad_token_is_401_and_a_missing_calendar_404(api, round_, bob):
    base = f"/schedules/calendars/{round_.pk}/respond/"
    real = round_.raw_tokens[round_.jane.pk]
    one_off = real[:-1] + ("B" if real.endswith("A") else "A")
    for token in ("nope", "x" * 500, one_off):
        r = api.get(base + token + "/")
        assert r.status_code == 401
        assert r.json() == {
            "error": "This link is no longer valid; use the newest email you received about "
            "this round. Each reminder comes with a new link."
        }
        assert api.post(base + token + "/", {}, format="json").status_code == 401
    other = make_calendar(bob)
    r = api.get(f"/schedules/calendars/{other.pk}/respond/{round_.raw_tokens[round_.jane.pk]}/")
    assert r.status_code == 401  # a real token, but for another calendar
    r = api.get(f"/schedules/calendars/999/respond/{round_.raw_tokens[round_.jane.pk]}/")
    assert r.status_code == 404
    assert r.json() == {"error": "This calendar does not exist."}


def test_the_path_works_without_its_trailing_slash(api, round_):
    assert api.get(round_.url.rstrip("/")).status_code == 200


def test_an_owners_session_does_not_matter(api_as, alice, round_):
    r = api_as(alice).get(round_.url)
    assert r.status_code == 200


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_answers_store_one(round_, clock):
    """Both requests may pass the early check; the row lock lets only one store slots."""
    from rest_framework.test import APIClient

    barrier = threading.Barrier(2)
    statuses = []
    body = answer(("2026/03/10 14:00:00", "2026/03/10 15:00:00", 3))

    def post():
        try:
            barrier.wait()
            statuses.append(APIClient().post(round_.url, body, format="json").status_code)
        finally:
            close_old_connections()

    clock.move_to(NOW, tick=True)  # let time run while the two threads race, as it would live
    threads = [threading.Thread(target=post) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses) == [200, 400]
    assert Availability.objects.filter(invitation__isnull=False).count() == 1


# --- the containment rule, over many inputs ------------------------------------

OWNER = [(SLOT, SLOT + 2 * H), (SLOT + 2 * H, SLOT + 3 * H), (SLOT + 5 * H, SLOT + 6 * H)]


def inside(start, end) -> bool:
    # Reference: every minute of [start, end) lies in some owner slot.
    t = start
    while t < end:
        if not any(a <= t < b for a, b in OWNER):
            return False
        t += 15 * M
    return True


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(-8, 32), st.integers(2, 32))
def test_containment_matches_a_minute_by_minute_reference(start_q, length_q):
    start = SLOT + start_q * 15 * M
    end = start + length_q * 15 * M
    try:
        check_invitee_slots(
            slots=[SlotSpec(start, end, 2)],
            owner_slots=[SlotSpec(a, b, 3) for a, b in OWNER],
            duration=30,
            tz=zone("UTC"),
        )
        accepted = True
    except ApplicationError:
        accepted = False
    assert accepted == inside(start, end)


def test_the_endpoint_is_throttled(api, round_, monkeypatch):
    from django.core.cache import cache

    from config.throttling import ScopedRateThrottle

    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"public": "2/min"})
    cache.clear()
    assert [api.get(round_.url).status_code for _ in range(3)] == [200, 200, 429]
    assert api.get(round_.url).json()["error"].startswith("Request was throttled.")
    cache.clear()


def test_reading_the_round_takes_the_same_queries_for_many_invitees(
    api, alice, round_, django_assert_num_queries
):
    with django_assert_num_queries(4):
        api.get(round_.url)
    for i in range(30):
        person = contact(alice, f"P{i}", "X", f"p{i}@example.com")
        Invitation.objects.create(calendar=round_, contact=person, token_hash=f"{i:064d}")
    with django_assert_num_queries(4):
        assert len(api.get(round_.url).json()["invitees"]) == 32
