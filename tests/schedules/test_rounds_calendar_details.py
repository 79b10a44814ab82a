"""GET and PUT /schedules/calendars/<id>/details/ (seed 004)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from schedules.models import Availability, Calendar, Invitation
from tests.factories import (
    DEADLINE,
    NOW,
    contact,
    make_calendar,
    outbox_to,
    slot_payload,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]
H = dt.timedelta(hours=1)
SLOT_START = dt.datetime(2026, 3, 10, 13, tzinfo=dt.UTC)


def url(calendar) -> str:
    return f"/schedules/calendars/{getattr(calendar, 'pk', calendar)}/details/"


def answered(calendar, person, start, hours=1, preference=2):
    invitation = Invitation.objects.get(calendar=calendar, contact=person)
    Availability.objects.create(
        calendar=calendar,
        invitation=invitation,
        start=start,
        end=start + hours * H,
        preference=preference,
    )
    invitation.responded_at = NOW
    invitation.save()


def test_it_shows_the_calendar_owner_slots_and_each_invitees_answer(alice_api, alice):
    jane, john = contact(alice, "Jane", "Doe"), contact(alice, "John", "Smith")
    calendar = make_calendar(
        alice, invitees=[jane, john], slots=[(SLOT_START, 2, 3)], tz="America/Toronto"
    )
    answered(calendar, jane, SLOT_START, preference=3)
    owner_slot = Availability.objects.get(invitation=None)
    jane_slot = Availability.objects.get(invitation__contact=jane)
    r = alice_api.get(url(calendar))
    assert r.status_code == 200
    assert r.json() == {
        "Calendar": {
            "id": calendar.pk,
            "name": "Round",
            "description": calendar.description,
            "deadline": "2026-03-09T05:00:00-04:00",
            "invitees": [jane.pk, john.pk],
            "finalized": False,
            "timezone": "America/Toronto",
            "meeting_duration": 30,
        },
        "Owner_availability": {
            "slots": [
                {
                    "id": owner_slot.pk,
                    "date": "2026-03-10",
                    "start_time": "09:00:00",
                    "end_time": "11:00:00",
                    "preference_level": 3,
                    "start": "2026-03-10T09:00:00-04:00",
                    "end": "2026-03-10T11:00:00-04:00",
                }
            ]
        },
        "Invitee_availability": [
            {
                "contact": {
                    "id": jane.pk,
                    "first_Name": "Jane",
                    "last_Name": "Doe",
                    "email": "jane.doe@example.org",
                },
                "status": True,
                "slots": [
                    {
                        "id": jane_slot.pk,
                        "date": "2026-03-10",
                        "start_time": "09:00:00",
                        "end_time": "10:00:00",
                        "preference_level": 3,
                        "start": "2026-03-10T09:00:00-04:00",
                        "end": "2026-03-10T10:00:00-04:00",
                    }
                ],
                "responded_at": "2026-03-02T04:00:00-05:00",
                "last_reminded_at": None,
            },
            {
                "contact": {
                    "id": john.pk,
                    "first_Name": "John",
                    "last_Name": "Smith",
                    "email": "john.smith@example.org",
                },
                "status": False,
                "slots": [],
                "responded_at": None,
                "last_reminded_at": None,
            },
        ],
    }


def test_another_owners_or_a_missing_calendar_is_not_found(alice_api, bob):
    bobs = make_calendar(bob)
    for target in (bobs, 999):
        r = alice_api.get(url(target))
        assert r.status_code == 404
        assert r.json() == {"detail": "Calendar not found."}
        r = alice_api.put(url(target), {"name": "Mine now"}, format="json")
        assert r.status_code == 404
    bobs.refresh_from_db()
    assert bobs.name == "Round"


def test_it_requires_authentication(api, alice):
    calendar = make_calendar(alice)
    assert api.get(url(calendar)).status_code == 401
    assert api.put(url(calendar), {"name": "x"}, format="json").status_code == 401


def test_the_number_of_queries_does_not_grow_with_invitees_and_slots(
    alice_api, alice, django_assert_num_queries
):
    def calendar_with(invitees: int) -> Calendar:
        people = [
            contact(alice, f"P{i}", "X", f"p{i}.{invitees}@example.com") for i in range(invitees)
        ]
        calendar = make_calendar(
            alice, invitees=people, slots=[(SLOT_START + 3 * i * H, 2, 2) for i in range(10)]
        )
        invitations = list(calendar.invitations.all())
        Availability.objects.bulk_create(
            Availability(
                calendar=calendar,
                invitation=invitation,
                start=SLOT_START + 3 * i * H,
                end=SLOT_START + (3 * i + 1) * H,
                preference=1,
            )
            for invitation in invitations
            for i in range(10)
        )
        return calendar

    small, large = calendar_with(2), calendar_with(100)
    with django_assert_num_queries(4):
        r = alice_api.get(url(small))
    assert len(r.json()["Invitee_availability"]) == 2
    with django_assert_num_queries(4):
        r = alice_api.get(url(large))
    body = r.json()
    assert len(body["Invitee_availability"]) == 100
    assert all(len(i["slots"]) == 10 for i in body["Invitee_availability"])
    assert len(body["Owner_availability"]["slots"]) == 10


# --- PUT ----------------------------------------------------------------------


def test_it_updates_fields_slots_and_invitees_and_invites_newcomers(alice_api, alice):
    jane, john = contact(alice, "Jane"), contact(alice, "John", "Smith")
    calendar = make_calendar(alice, invitees=[jane], slots=[(SLOT_START, 2, 1)])
    old_slot = Availability.objects.get()
    body = {
        "name": "New Calendar Name",
        "description": "New Calendar Description",
        "deadline": "2026-03-08",
        "add_invitees": [john.pk],
        "remove_invitees": [jane.pk],
        "add_availabilities": [slot_payload(date="2026-03-12")],
        "remove_availabilities": [old_slot.pk],
    }
    r = alice_api.put(url(calendar), body, format="json")
    assert r.status_code == 200, r.json()
    data = r.json()
    assert data["Calendar"] | {"id": 0} == {
        "id": 0,
        "name": "New Calendar Name",
        "description": "New Calendar Description",
        "deadline": "2026-03-08T00:00:00+00:00",
        "invitees": [john.pk],
        "finalized": False,
        "timezone": "UTC",
        "meeting_duration": 30,
    }
    (new_slot,) = data["Owner_availability"]["slots"]
    assert (new_slot["date"], new_slot["start_time"], new_slot["end_time"]) == (
        "2026-03-12",
        "13:00:00",
        "15:00:00",
    )
    assert [i["contact"]["id"] for i in data["Invitee_availability"]] == [john.pk]
    assert [m.to for m in mail.outbox] == [[john.email]]
    assert "New Calendar Name" in mail.outbox[0].body


def test_removals_of_things_not_on_the_calendar_are_ignored(alice_api, alice, bob):
    calendar = make_calendar(alice)
    other = make_calendar(bob, invitees=[contact(bob)])
    bobs_slot = Availability.objects.filter(calendar=other).first()
    body = {
        "remove_invitees": [999, contact(bob, "X").pk],
        "remove_availabilities": [bobs_slot.pk, 999],
    }
    r = alice_api.put(url(calendar), body, format="json")
    assert r.status_code == 200
    assert Availability.objects.filter(pk=bobs_slot.pk).exists()
    assert other.invitations.count() == 1


def test_an_invitees_slot_id_cannot_be_removed_as_an_owner_slot(alice_api, alice):
    jane = contact(alice)
    calendar = make_calendar(alice, invitees=[jane], slots=[(SLOT_START, 2, 1)])
    answered(calendar, jane, SLOT_START)
    janes = Availability.objects.get(invitation__isnull=False)
    r = alice_api.put(url(calendar), {"remove_availabilities": [janes.pk]}, format="json")
    assert r.status_code == 200
    assert Availability.objects.filter(pk=janes.pk).exists()


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({}, {"non_field_errors": ["No input."]}),
        ({"unknown": 1}, {"non_field_errors": ["No input."]}),
        ({"name": ""}, {"name": ["This field may not be blank."]}),
        ({"name": "x" * 151}, {"name": ["Ensure this field has no more than 150 characters."]}),
        ({"deadline": "soon"}, {"deadline": ["Datetime has wrong format."]}),
        ({"deadline": "2026-03-01T10:00:00"}, {"deadline": ["Deadline cannot be in the past"]}),
        ({"add_invitees": [999]}, {"add_invitees": ["Contact does not exist"]}),
        ({"add_invitees": 5}, {"add_invitees": ['Expected a list of items but got type "int".']}),
        (
            {"remove_invitees": {"a": 1}},
            {"remove_invitees": ['Expected a list of items but got type "dict".']},
        ),
        (
            {"remove_availabilities": [1] * 501},
            {"remove_availabilities": ["Ensure this field has no more than 500 elements."]},
        ),
        (
            {"add_availabilities": [{"date": "2026-03-12"}]},
            {
                "add_availabilities": [
                    "Invalid slot data. Must be in the form: "
                    "'date','start_time', 'end_time', 'preference_level' "
                ]
            },
        ),
        (
            {"add_availabilities": [slot_payload(date=5)]},
            {"add_availabilities": ["Date must be a string."]},
        ),
        (
            {"add_availabilities": [slot_payload(end=5)]},
            {"add_availabilities": ["Start and end times must be strings."]},
        ),
        (
            {"add_availabilities": [slot_payload(date="12 March")]},
            {"add_availabilities": ["Date must be in a valid date format YYYY-MM-DD."]},
        ),
        (
            {"add_availabilities": [slot_payload(date="2026-02-01")]},
            {"add_availabilities": ["Available date cannot be in the past."]},
        ),
        (
            {"add_availabilities": [slot_payload(start="noon")]},
            {
                "add_availabilities": [
                    "Start and end times must be in a valid date format HH:MM:SS."
                ]
            },
        ),
        (
            {"add_availabilities": [slot_payload(end="12:00:00")]},
            {"add_availabilities": ["End time must be after start time."]},
        ),
        (
            {"add_availabilities": [slot_payload(preference="high")]},
            {"add_availabilities": ["Preference level must be an integer."]},
        ),
        (
            {"add_availabilities": [slot_payload(preference=5)]},
            {
                "add_availabilities": [
                    "Preference level must be either 1, 2, or 3 (3 being highest preference)."
                ]
            },
        ),
        (
            {
                "add_availabilities": [
                    slot_payload(date="2026-03-10", start="14:00:00", end="16:00:00")
                ]
            },
            {
                "add_availabilities": [
                    "Available slots must not overlap: 2026-03-10 13:00-15:00 and "
                    "2026-03-10 14:00-16:00 (UTC). Merge them into one slot or give them "
                    "separate times."
                ]
            },
        ),
        (
            {"meeting_duration": 180},
            {
                "add_availabilities": [
                    "Each available slot must be at least as long as a meeting (180 minutes); "
                    "2026-03-10 13:00-15:00 (UTC) is shorter."
                ]
            },
        ),
    ],
)
def test_a_bad_update_is_a_400_with_the_seeds_messages_and_changes_nothing(
    alice_api, alice, body, errors
):
    calendar = make_calendar(alice, slots=[(SLOT_START, 2, 1)])
    r = alice_api.put(url(calendar), body, format="json")
    assert r.status_code == 400
    assert r.json() == errors
    calendar.refresh_from_db()
    assert calendar.name == "Round"
    assert calendar.meeting_duration == 30


def test_adding_contacts_checks_ownership_and_existing_invitations(alice_api, alice, bob):
    jane = contact(alice)
    calendar = make_calendar(alice, invitees=[jane])
    r = alice_api.put(url(calendar), {"add_invitees": [contact(bob).pk]}, format="json")
    assert r.status_code == 400
    assert r.json() == {"add_invitees": ["You do not have permission to add this contact."]}
    r = alice_api.put(url(calendar), {"add_invitees": [jane.pk]}, format="json")
    assert r.status_code == 400
    assert r.json() == {"add_invitees": ["This contact is already invited."]}
    assert mail.outbox == []


def test_removing_and_re_adding_an_invitee_sends_a_fresh_invitation(alice_api, alice):
    jane = contact(alice)
    calendar = make_calendar(alice, invitees=[jane])
    body = {"remove_invitees": [jane.pk], "add_invitees": [jane.pk]}
    r = alice_api.put(url(calendar), body, format="json")
    assert r.status_code == 200
    assert len(outbox_to(jane.email)) == 1


def test_a_failed_update_changes_nothing_and_sends_nothing(alice_api, alice):
    jane, john = contact(alice), contact(alice, "John")
    calendar = make_calendar(alice, invitees=[jane])
    body = {"name": "Changed", "add_invitees": [john.pk, jane.pk], "remove_availabilities": []}
    r = alice_api.put(url(calendar), body, format="json")
    assert r.status_code == 400
    calendar.refresh_from_db()
    assert calendar.name == "Round"
    assert mail.outbox == []
    assert calendar.invitations.count() == 1


def test_the_last_owner_slot_cannot_be_removed(alice_api, alice):
    calendar = make_calendar(alice)
    slot = Availability.objects.get()
    r = alice_api.put(url(calendar), {"remove_availabilities": [slot.pk]}, format="json")
    assert r.status_code == 400
    assert r.json() == {
        "remove_availabilities": [
            "A calendar needs at least one available slot; add one before removing the last."
        ]
    }
    r = alice_api.put(
        url(calendar),
        {"remove_availabilities": [slot.pk], "add_availabilities": [slot_payload()]},
        format="json",
    )
    assert r.status_code == 200


def test_naive_input_follows_a_new_time_zone(alice_api, alice):
    calendar = make_calendar(alice)
    body = {"timezone": "Asia/Kolkata", "add_availabilities": [slot_payload(date="2026-03-20")]}
    r = alice_api.put(url(calendar), body, format="json")
    assert r.status_code == 200
    added = Availability.objects.order_by("-pk").first()
    assert added.start == dt.datetime(2026, 3, 20, 7, 30, tzinfo=dt.UTC)


def test_moving_the_deadline_rearms_the_automatic_reminder(alice_api, alice):
    jane = contact(alice)
    calendar = make_calendar(alice, invitees=[jane])
    calendar.invitations.update(deadline_reminder_sent_at=NOW)
    r = alice_api.put(url(calendar), {"deadline": "2026-03-20T12:00:00"}, format="json")
    assert r.status_code == 200
    assert calendar.invitations.get().deadline_reminder_sent_at is None


def test_a_finalized_calendar_cannot_be_edited(alice_api, alice):
    calendar = make_calendar(alice, finalized_at=NOW)
    r = alice_api.put(url(calendar), {"name": "Late change"}, format="json")
    assert r.status_code == 400
    assert r.json() == {"detail": "This calendar has been finalized and can no longer be edited."}


@pytest.mark.parametrize("body", ["{oops", "[]", "null", "3"])
def test_malformed_or_wrongly_typed_bodies_are_400(alice_api, alice, body):
    calendar = make_calendar(alice)
    r = alice_api.put(url(calendar), body, content_type="application/json")
    assert r.status_code == 400


def test_deadline_stays_when_not_sent(alice_api, alice):
    calendar = make_calendar(alice)
    alice_api.put(url(calendar), {"description": ""}, format="json")
    calendar.refresh_from_db()
    assert calendar.deadline == DEADLINE
    assert calendar.description == ""


def test_huge_ids_in_the_path_are_not_found(alice_api):
    assert alice_api.get(url(10**25)).status_code == 404
    assert alice_api.put(url(10**25), {"name": "x"}, format="json").status_code == 404
