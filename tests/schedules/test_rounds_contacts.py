"""/schedules/contacts/: seed 004's list, add, update and delete, with its messages."""

from __future__ import annotations

import pytest

from schedules.models import Contact, Invitation
from tests.factories import contact, make_calendar

URL = "/schedules/contacts/"
pytestmark = pytest.mark.django_db


def test_it_lists_only_the_owners_contacts_with_their_ids(alice_api, alice, bob):
    jane = contact(alice, "Jane", "Doe")
    contact(bob, "Bob's", "Friend")
    r = alice_api.get(URL)
    assert r.status_code == 200
    assert r.json() == [
        {"id": jane.pk, "first_Name": "Jane", "last_Name": "Doe", "email": "jane.doe@example.org"}
    ]


def test_it_adds_a_contact(alice_api, alice):
    body = {"first_Name": "John", "last_Name": "Smith", "email": "johnsmith@aol.com"}
    r = alice_api.post(URL, body, format="json")
    assert r.status_code == 201
    created = Contact.objects.get(owner=alice)
    assert r.json() == {"id": created.pk, **body}
    assert (created.first_name, created.last_name) == ("John", "Smith")


def test_it_refuses_a_duplicate_email_whatever_its_case(alice_api, alice):
    contact(alice, email="john@example.com")
    body = {"first_Name": "John", "last_Name": "Smith", "email": "John@Example.com"}
    r = alice_api.post(URL, body, format="json")
    assert r.status_code == 400
    assert r.json() == {"email": ["A contact with this email already exists."]}


def test_two_owners_may_each_have_the_same_contact(alice_api, bob):
    contact(bob, email="john@example.com")
    body = {"first_Name": "John", "last_Name": "Smith", "email": "john@example.com"}
    assert alice_api.post(URL, body, format="json").status_code == 201


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({}, {f: ["This field is required."] for f in ("first_Name", "last_Name", "email")}),
        (
            {"first_Name": "J", "last_Name": "S", "email": "not-an-email"},
            {"email": ["Enter a valid email address."]},
        ),
        (
            {"first_Name": "J" * 151, "last_Name": "S", "email": "j@example.com"},
            {"first_Name": ["Ensure this field has no more than 150 characters."]},
        ),
        (
            {"first_Name": ["J"], "last_Name": None, "email": 5},
            {
                "first_Name": ["Not a valid string."],
                "last_Name": ["This field may not be null."],
                "email": ["Enter a valid email address."],
            },
        ),
    ],
)
def test_a_bad_new_contact_is_a_400_naming_each_field(alice_api, body, errors):
    r = alice_api.post(URL, body, format="json")
    assert r.status_code == 400
    assert r.json() == errors


def test_it_updates_a_contact_named_in_the_body(alice_api, alice):
    jane = contact(alice)
    r = alice_api.patch(URL, {"contact_id": jane.pk, "last_Name": "Smith"}, format="json")
    assert r.status_code == 200
    assert r.json() == {
        "contact_id": jane.pk,
        "id": jane.pk,
        "first_Name": "Jane",
        "last_Name": "Smith",
        "email": "jane.doe@example.org",
    }
    jane.refresh_from_db()
    assert jane.last_name == "Smith"


def test_it_keeps_a_contacts_own_email_on_update_but_refuses_anothers(alice_api, alice):
    jane = contact(alice, email="jane@example.com")
    contact(alice, "John", email="john@example.com")
    body = {"contact_id": jane.pk, "email": "JANE@example.com"}
    assert alice_api.patch(URL, body, format="json").status_code == 200
    body = {"contact_id": jane.pk, "email": "john@example.com"}
    r = alice_api.patch(URL, body, format="json")
    assert r.status_code == 400
    assert r.json() == {"email": ["A contact with this email already exists."]}


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({}, {"non_field_errors": ["No input."]}),
        ({"contact_id": "{id}"}, {"non_field_errors": ["No input."]}),
        ({"first_Name": "X"}, {"contact_id": ["This field is required."]}),
        (
            {"contact_id": "abc", "first_Name": "X"},
            {"contact_id": ["A valid integer is required."]},
        ),
        (
            {"contact_id": "{id}", "email": "nope"},
            {"email": ["Enter a valid email address."]},
        ),
        (
            {"contact_id": "{id}", "last_Name": "x" * 151},
            {"last_Name": ["Ensure this field has no more than 150 characters."]},
        ),
        (
            {"contact_id": 10**30, "first_Name": "X"},
            {"contact_id": ["Ensure this value is less than or equal to 9223372036854775807."]},
        ),
    ],
)
def test_a_bad_update_is_a_400_naming_the_problem(alice_api, alice, body, errors):
    jane = contact(alice)
    body = {k: jane.pk if v == "{id}" else v for k, v in body.items()}
    r = alice_api.patch(URL, body, format="json")
    assert r.status_code == 400
    assert r.json() == errors


def test_it_refuses_to_touch_another_owners_contact_with_403(alice_api, bob):
    bobs = contact(bob)
    r = alice_api.patch(URL, {"contact_id": bobs.pk, "first_Name": "Mallory"}, format="json")
    assert r.status_code == 403
    assert r.json() == {"detail": "Invalid contact"}
    r = alice_api.delete(URL, {"contact_id": bobs.pk}, format="json")
    assert r.status_code == 403
    assert r.json() == {"detail": "Invalid contact"}
    bobs.refresh_from_db()
    assert bobs.first_name == "Jane"


def test_it_answers_404_for_a_contact_that_does_not_exist(alice_api):
    r = alice_api.patch(URL, {"contact_id": 999, "first_Name": "X"}, format="json")
    assert r.status_code == 404
    assert r.json() == {"detail": "Not found."}
    r = alice_api.delete(URL, {"contact_id": 999}, format="json")
    assert r.status_code == 404
    assert r.json() == {"detail": "Not found."}


def test_it_deletes_a_contact_and_their_invitations(alice_api, alice):
    jane = contact(alice)
    make_calendar(alice, invitees=[jane])
    r = alice_api.delete(URL, {"contact_id": jane.pk}, format="json")
    assert r.status_code == 204
    assert r.content == b""
    assert not Contact.objects.filter(pk=jane.pk).exists()
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("body", [{}, {"contact_id": None}, {"contact_id": [1]}, ["x"]])
def test_a_delete_without_a_valid_contact_id_is_a_400(alice_api, body):
    r = alice_api.delete(URL, body, format="json")
    assert r.status_code == 400


@pytest.mark.parametrize("method", ["get", "post", "patch", "delete"])
def test_it_requires_authentication(api, method):
    r = getattr(api, method)(URL, {}, format="json")
    assert r.status_code == 401


@pytest.mark.parametrize("method", ["post", "patch", "delete"])
def test_malformed_json_is_a_400(alice_api, method):
    r = getattr(alice_api, method)(URL, "{not json", content_type="application/json")
    assert r.status_code == 400
    assert "JSON parse error" in r.json()["detail"]


@pytest.mark.parametrize("method", ["post", "patch"])
def test_a_list_body_is_a_400(alice_api, method):
    r = getattr(alice_api, method)(URL, [1, 2], format="json")
    assert r.status_code == 400
    assert r.json() == {"non_field_errors": ["Invalid data. Expected a dictionary, but got list."]}
