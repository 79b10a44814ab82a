"""POST /schedules/calendars/create/: every message seed 004 lists, and the invitations."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from accounts.tokens import hash_token
from schedules.models import Availability, Calendar, Invitation
from tests.factories import contact, create_payload, link_in, slot_payload

URL = "/schedules/calendars/create/"
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]


def test_it_creates_a_calendar_with_slots_and_invites_each_contact(alice_api, alice):
    jane, john = contact(alice, "Jane"), contact(alice, "John", "Smith")
    r = alice_api.post(URL, create_payload(invitees=[jane.pk, john.pk]), format="json")
    assert r.status_code == 201, r.json()
    calendar = Calendar.objects.get()
    assert r.json() == {
        "id": calendar.pk,
        "name": "CSC309 Phase 2",
        "description": "Interview session after P2 submission",
        "deadline": "2026-03-09T17:00:00+00:00",
        "invitees": [jane.pk, john.pk],
        "finalized": False,
        "timezone": "UTC",
        "meeting_duration": 30,
    }
    slots = list(Availability.objects.values_list("start", "end", "preference"))
    assert slots == [
        (
            dt.datetime(2026, 3, 10, 13, tzinfo=dt.UTC),
            dt.datetime(2026, 3, 10, 15, tzinfo=dt.UTC),
            3,
        ),
        (
            dt.datetime(2026, 3, 11, 10, tzinfo=dt.UTC),
            dt.datetime(2026, 3, 11, 12, tzinfo=dt.UTC),
            1,
        ),
    ]
    assert sorted(m.to[0] for m in mail.outbox) == [jane.email, john.email]


def test_the_invitation_email_has_the_owner_calendar_deadline_and_a_working_link(alice_api, alice):
    alice.first_name, alice.last_name = "Alice", "Liddell"
    alice.save()
    jane = contact(alice)
    payload = create_payload(invitees=[jane.pk], timezone="America/New_York")
    assert alice_api.post(URL, payload, format="json").status_code == 201
    (message,) = mail.outbox
    html = message.alternatives[0][0]
    assert message.subject == "Alice Liddell invites you to CSC309 Phase 2: when are you available?"
    assert message.reply_to == ["alice@example.org"]
    for part in (message.body, html):
        assert "Alice Liddell" in part
        assert "CSC309 Phase 2" in part
        assert "Interview session after P2 submission" in part
        assert "Monday 9 March 2026 at 17:00 America/New_York (UTC-04:00)" in part
    path = link_in(message)
    assert path in html
    token = path.rstrip("/").rsplit("/", 1)[1]
    invitation = Invitation.objects.get()
    assert invitation.token_hash == hash_token(token)
    assert token not in invitation.token_hash
    assert len(token) >= 43  # 256 bits, base64


def test_naive_times_are_read_in_the_calendar_zone(alice_api, alice):
    payload = create_payload(
        timezone="Europe/Paris", deadline="2026/03/09 18:00:00", availability=[slot_payload()]
    )
    r = alice_api.post(URL, payload, format="json")
    assert r.status_code == 201, r.json()
    assert r.json()["deadline"] == "2026-03-09T18:00:00+01:00"
    slot = Availability.objects.get()
    assert slot.start == dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC)


def test_it_defaults_to_the_owners_zone_and_accepts_the_other_spellings(alice_api, alice):
    alice.timezone = "Asia/Tokyo"
    alice.save()
    slot = {"date": "2026-03-10", "start_time": "09:00", "end_time": "24:00:00", "preference": 2}
    payload = create_payload(deadline="2026-03-09", available_slots=[slot], meeting_duration=45)
    del payload["availability"]
    r = alice_api.post(URL, payload, format="json")
    assert r.status_code == 201, r.json()
    assert r.json()["deadline"] == "2026-03-09T00:00:00+09:00"
    assert r.json()["meeting_duration"] == 45
    stored = Availability.objects.get()
    assert stored.start == dt.datetime(2026, 3, 10, 0, tzinfo=dt.UTC)
    assert stored.end == dt.datetime(2026, 3, 10, 15, tzinfo=dt.UTC)
    assert stored.preference == 2


def test_an_iso_deadline_with_an_offset_is_taken_as_given(alice_api):
    r = alice_api.post(URL, create_payload(deadline="2026-03-09T17:00:00-05:00"), format="json")
    assert r.json()["deadline"] == "2026-03-09T22:00:00+00:00"


@pytest.mark.parametrize(
    ("overrides", "errors"),
    [
        ({"name": "x" * 151}, {"name": ["Ensure this field has no more than 150 characters."]}),
        ({"deadline": "next friday"}, {"deadline": ["Datetime has wrong format."]}),
        ({"deadline": 20260309}, {"deadline": ["Datetime has wrong format."]}),
        ({"deadline": "2026-03-01T00:00:00"}, {"deadline": ["Deadline cannot be in the past"]}),
        ({"invitees": "1,2"}, {"invitees": ['Expected a list of items but got type "str".']}),
        (
            {"invitees": [1] * 501},
            {"invitees": ["Ensure this field has no more than 500 elements."]},
        ),
        ({"availability": []}, {"availability": ["This list may not be empty."]}),
        (
            {"availability": {"date": "x"}},
            {"availability": ['Expected a list of items but got type "dict".']},
        ),
        (
            {"availability": [slot_payload()] * 501},
            {"availability": ["Send at most 500 slots per request."]},
        ),
        (
            {"timezone": "Mars/Olympus"},
            {
                "timezone": [
                    "“Mars/Olympus” is not a known time zone. "
                    "Use an IANA name such as Europe/Paris."
                ]
            },
        ),
        (
            {"meeting_duration": 0},
            {"meeting_duration": ["Ensure this value is greater than or equal to 5."]},
        ),
    ],
)
def test_bad_calendar_fields_are_400s_and_create_nothing(alice_api, overrides, errors):
    r = alice_api.post(URL, create_payload(**overrides), format="json")
    assert r.status_code == 400
    assert r.json() == errors
    assert not Calendar.objects.exists()


def test_missing_fields_are_required(alice_api):
    r = alice_api.post(URL, {}, format="json")
    assert r.status_code == 400
    assert r.json() == {f: ["This field is required."] for f in ("name", "description", "deadline")}
    payload = create_payload()
    del payload["availability"]
    r = alice_api.post(URL, payload, format="json")
    assert r.json() == {"availability": ["This field is required."]}


SLOT_FORM = (
    "Invalid slot data. Must be in the form: 'date', 'start_time', 'end_time', 'preference_level' "
)


@pytest.mark.parametrize(
    ("slot", "message"),
    [
        ("2026-03-10 13:00", SLOT_FORM),
        ({"date": "2026-03-10", "start_time": "13:00:00", "end_time": "15:00:00"}, SLOT_FORM),
        (slot_payload(date=20260310), "Date must be a string."),
        (slot_payload(start=1300), "Start and end times must be strings."),
        (slot_payload(end=None), "Start and end times must be strings."),
        (slot_payload(date="10/03/2026"), "Date must be in a valid date format YYYY-MM-DD."),
        (slot_payload(date="2026-02-30"), "Date must be in a valid date format YYYY-MM-DD."),
        (slot_payload(start="1pm"), "Start and end times must be in a valid date format HH:MM:SS."),
        (
            slot_payload(end="25:00:00"),
            "Start and end times must be in a valid date format HH:MM:SS.",
        ),
        (slot_payload(start="15:00:00", end="13:00:00"), "End time must be after start time."),
        (slot_payload(start="15:00:00", end="15:00:00"), "End time must be after start time."),
        (slot_payload(preference="3"), "Preference level must be an integer."),
        (slot_payload(preference=2.5), "Preference level must be an integer."),
        (slot_payload(preference=True), "Preference level must be an integer."),
        (
            slot_payload(preference=4),
            "Preference level must be either 1, 2, or 3 (3 being highest preference).",
        ),
        (
            slot_payload(preference=0),
            "Preference level must be either 1, 2, or 3 (3 being highest preference).",
        ),
        (slot_payload(date="2026-03-01"), "Available date cannot be in the past."),
        (
            slot_payload(date="2026-03-02", start="07:00:00", end="08:30:00"),
            "Available date cannot be in the past.",
        ),
    ],
)
def test_it_validates_each_slot_with_the_seeds_messages(alice_api, slot, message):
    r = alice_api.post(
        URL, create_payload(availability=[slot_payload(date="2026-03-12"), slot]), format="json"
    )
    assert r.status_code == 400
    assert r.json() == {"availability": [message]}


def test_slot_errors_are_reported_under_the_key_the_client_used(alice_api):
    payload = create_payload(available_slots=[slot_payload(preference=9), slot_payload(date="x")])
    del payload["availability"]
    r = alice_api.post(URL, payload, format="json")
    assert r.json() == {
        "available_slots": [
            "Preference level must be either 1, 2, or 3 (3 being highest preference).",
            "Date must be in a valid date format YYYY-MM-DD.",
        ]
    }
    payload["available_slots"] = [slot_payload(date="2026-03-01")]
    assert alice_api.post(URL, payload, format="json").json() == {
        "available_slots": ["Available date cannot be in the past."]
    }


def test_a_slot_today_that_has_not_ended_is_accepted(alice_api):
    slot = slot_payload(date="2026-03-02", start="08:00:00", end="10:00:00")
    assert (
        alice_api.post(URL, create_payload(availability=[slot]), format="json").status_code == 201
    )


def test_it_refuses_overlapping_or_too_short_slots_saying_which(alice_api):
    slots = [slot_payload(), slot_payload(start="14:00:00", end="16:00:00")]
    r = alice_api.post(URL, create_payload(availability=slots), format="json")
    assert r.status_code == 400
    assert r.json() == {
        "availability": [
            "Available slots must not overlap: 2026-03-10 13:00-15:00 and 2026-03-10 14:00-16:00 "
            "(UTC). Merge them into one slot or give them separate times."
        ]
    }
    slots = [slot_payload(start="13:00:00", end="13:20:00")]
    r = alice_api.post(URL, create_payload(availability=slots), format="json")
    assert r.json() == {
        "availability": [
            "Each available slot must be at least as long as a meeting (30 minutes); "
            "2026-03-10 13:00-13:20 (UTC) is shorter."
        ]
    }


def test_back_to_back_slots_are_fine(alice_api):
    slots = [slot_payload(), slot_payload(start="15:00:00", end="16:00:00", preference=1)]
    assert alice_api.post(URL, create_payload(availability=slots), format="json").status_code == 201


def test_a_time_skipped_by_daylight_saving_is_refused_with_a_reason(alice_api):
    slot = slot_payload(date="2026-03-08", start="02:30:00", end="04:00:00")
    r = alice_api.post(
        URL, create_payload(timezone="America/New_York", availability=[slot]), format="json"
    )
    assert r.status_code == 400
    assert "does not exist in America/New_York" in r.json()["availability"][0]


def test_invitees_must_exist_and_be_the_owners(alice_api, alice, bob):
    r = alice_api.post(URL, create_payload(invitees=[999]), format="json")
    assert r.status_code == 400
    assert r.json() == {"invitees": ["Contact does not exist"]}
    r = alice_api.post(URL, create_payload(invitees=[contact(bob).pk]), format="json")
    assert r.status_code == 400
    assert r.json() == {"invitees": ["Invalid contact id"]}
    r = alice_api.post(URL, create_payload(invitees=["x"]), format="json")
    assert r.json() == {"invitees": {"0": ["A valid integer is required."]}}
    assert not Calendar.objects.exists()
    assert mail.outbox == []


def test_a_contact_listed_twice_is_invited_once(alice_api, alice):
    jane = contact(alice)
    r = alice_api.post(URL, create_payload(invitees=[jane.pk, jane.pk]), format="json")
    assert r.json()["invitees"] == [jane.pk]
    assert len(mail.outbox) == 1


def test_it_requires_authentication(api):
    assert api.post(URL, create_payload(), format="json").status_code == 401


@pytest.mark.parametrize("body", ["{oops", "[]", "null", '"text"', "42"])
def test_malformed_or_wrongly_typed_bodies_are_400(alice_api, body):
    r = alice_api.post(URL, body, content_type="application/json")
    assert r.status_code == 400
