"""The owner back office for rounds: scoped to the owner, invitations through the service."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from schedules.models import Availability, Calendar, Contact, Invitation
from tests.factories import NOW, contact, make_calendar, make_owner

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]


def management(prefix: str, total: int, initial: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def calendar_post(*, invitees=(), slots=(("2026-03-10", "13:00", "15:00", 3),), **fields) -> dict:
    data = {
        "name": "Office round",
        "description": "Made in the back office",
        "deadline_0": "2026-03-09",
        "deadline_1": "17:00:00",
        "timezone": "Europe/London",
        "meeting_duration": "30",
        **management("slots", len(slots)),
        **management("invitations", len(invitees)),
    }
    for i, (day, start, end, preference) in enumerate(slots):
        data |= {
            f"slots-{i}-start_0": day,
            f"slots-{i}-start_1": start,
            f"slots-{i}-end_0": day,
            f"slots-{i}-end_1": end,
            f"slots-{i}-preference": str(preference),
        }
    for i, person in enumerate(invitees):
        data[f"invitations-{i}-contact"] = str(person.pk)
    return data | fields


def test_each_owner_sees_only_their_contacts_and_calendars(alice_web, alice, bob):
    contact(alice, "Jane")
    contact(bob, "Mallory", "Secret")
    make_calendar(alice, name="Alice round")
    make_calendar(bob, name="Bob secret round", invitees=[contact(bob, "Eve", "Hidden")])
    r = alice_web.get("/office/schedules/contact/")
    assert r.status_code == 200
    assert b"Jane" in r.content
    assert b"Mallory" not in r.content
    r = alice_web.get("/office/schedules/calendar/")
    assert b"Alice round" in r.content
    assert b"Bob secret round" not in r.content
    r = alice_web.get("/office/schedules/invitation/")
    assert r.status_code == 200
    assert b"Bob secret round" not in r.content
    assert b"Hidden" not in r.content


def test_another_owners_rows_cannot_be_reached_by_url(alice_web, bob):
    bobs = make_calendar(bob, invitees=[contact(bob)])
    for path in (
        f"/office/schedules/calendar/{bobs.pk}/change/",
        f"/office/schedules/contact/{Contact.objects.get(owner=bob).pk}/change/",
        f"/office/schedules/invitation/{Invitation.objects.get().pk}/change/",
        f"/office/schedules/calendar/{bobs.pk}/delete/",
    ):
        r = alice_web.get(path)
        assert r.status_code == 302, path
        assert r.url == "/office/"
    r = alice_web.post(f"/office/schedules/calendar/{bobs.pk}/change/", calendar_post())
    assert r.status_code == 302
    bobs.refresh_from_db()
    assert bobs.name == "Round"


def test_contact_choices_are_the_owners_own(alice_web, alice, bob):
    contact(alice, "Jane")
    contact(bob, "Mallory")
    r = alice_web.get("/office/schedules/calendar/add/")
    assert r.status_code == 200
    assert b"Jane" in r.content
    assert b"Mallory" not in r.content
    bobs = contact(bob, "Trudy")
    r = alice_web.post("/office/schedules/calendar/add/", calendar_post(invitees=[bobs]))
    assert r.status_code == 200
    assert "Select a valid choice" in r.content.decode()
    assert not Calendar.objects.exists()


def test_creating_a_calendar_in_the_office_invites_by_email(alice_web, alice):
    alice.timezone = "America/New_York"
    alice.save()
    jane = contact(alice, "Jane")
    r = alice_web.post("/office/schedules/calendar/add/", calendar_post(invitees=[jane]))
    assert r.status_code == 302, r.context["errors"] if r.context else r
    calendar = Calendar.objects.get(owner=alice)
    # Times typed in the office are the owner's (New York), whatever the calendar's zone.
    assert calendar.deadline == dt.datetime(2026, 3, 9, 21, tzinfo=dt.UTC)
    assert Availability.objects.get().start == dt.datetime(2026, 3, 10, 17, tzinfo=dt.UTC)
    invitation = Invitation.objects.get()
    assert len(invitation.token_hash) == 64
    (message,) = mail.outbox
    assert message.to == [jane.email]
    assert f"/calendars/{calendar.pk}/respond/" in message.body
    assert "Office round" in message.alternatives[0][0]


def test_adding_an_invitee_later_sends_only_their_invitation(alice_web, alice):
    jane, john = contact(alice, "Jane"), contact(alice, "John")
    calendar = make_calendar(alice, invitees=[jane], slots=[(NOW + dt.timedelta(days=8), 2, 3)])
    slot = Availability.objects.get()
    data = calendar_post(
        **management("slots", 1, 1),
        **management("invitations", 2, 1),
        **{
            "slots-0-id": str(slot.pk),
            "slots-0-calendar": str(calendar.pk),
            "slots-0-start_0": "2026-03-10",
            "slots-0-start_1": "09:00:00",
            "slots-0-end_0": "2026-03-10",
            "slots-0-end_1": "11:00:00",
            "slots-0-preference": "3",
            "invitations-0-id": str(calendar.invitations.get().pk),
            "invitations-0-calendar": str(calendar.pk),
            "invitations-1-contact": str(john.pk),
            "invitations-1-calendar": str(calendar.pk),
        },
    )
    r = alice_web.post(f"/office/schedules/calendar/{calendar.pk}/change/", data)
    assert r.status_code == 302
    assert [m.to for m in mail.outbox] == [[john.email]]
    assert calendar.invitations.count() == 2


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"deadline_0": "2026-03-01"}, "Deadline cannot be in the past"),
        (
            {"slots": (("2026-03-10", "13:00", "15:00", 3), ("2026-03-10", "14:00", "16:00", 1))},
            "Available slots must not overlap",
        ),
        (
            {"slots": (("2026-03-01", "13:00", "15:00", 3),)},
            "Available date cannot be in the past.",
        ),
        ({"slots": (("2026-03-10", "15:00", "13:00", 3),)}, "End time must be after start time."),
        ({"slots": ()}, "A calendar needs at least one available slot; add one before"),
        ({"meeting_duration": "180"}, "at least as long as a meeting (180 minutes)"),
    ],
)
def test_the_office_applies_the_same_rules_as_the_api(alice_web, changes, message):
    slots = changes.pop("slots", (("2026-03-10", "13:00", "15:00", 3),))
    r = alice_web.post("/office/schedules/calendar/add/", calendar_post(slots=slots, **changes))
    assert r.status_code == 200
    assert message in r.content.decode()
    assert not Calendar.objects.exists()
    assert mail.outbox == []


def test_a_duplicate_contact_email_is_a_form_error(alice_web, alice, bob):
    contact(alice, email="jane@example.com")
    contact(bob, email="taken-by-bob@example.com")
    data = {"first_name": "J", "last_name": "D", "email": "JANE@example.com"}
    r = alice_web.post("/office/schedules/contact/add/", data)
    assert r.status_code == 200
    assert "A contact with this email already exists." in r.content.decode()
    data["email"] = "taken-by-bob@example.com"
    assert alice_web.post("/office/schedules/contact/add/", data).status_code == 302
    assert Contact.objects.filter(owner=alice).count() == 2


def test_the_calendar_list_shows_responses_at_a_glance(alice_web, alice):
    jane, john = contact(alice, "Jane"), contact(alice, "John")
    calendar = make_calendar(alice, invitees=[jane, john])
    Invitation.objects.filter(contact=jane).update(responded_at=NOW)
    r = alice_web.get("/office/schedules/calendar/")
    assert "1 of 2 responded" in r.content.decode()
    r = alice_web.get(f"/office/schedules/calendar/{calendar.pk}/change/")
    page = r.content.decode()
    assert "Not yet" in page
    assert "Yes, 2026-03-02 09:00" in page


def test_the_remind_actions_use_the_api_service(alice_web, alice, clock):
    jane, john = contact(alice, "Jane"), contact(alice, "John")
    calendar = make_calendar(alice, invitees=[jane, john])
    Invitation.objects.filter(contact=jane).update(responded_at=NOW)
    r = alice_web.post(
        "/office/schedules/calendar/",
        {"action": "remind_non_responders", "_selected_action": [calendar.pk]},
        follow=True,
    )
    assert "Sent 1 reminder." in r.content.decode()
    assert [m.to for m in mail.outbox] == [[john.email]]
    assert Invitation.objects.get(contact=john).last_reminded_at == NOW

    clock.shift(dt.timedelta(hours=1))
    r = alice_web.post(
        "/office/schedules/invitation/",
        {"action": "send_reminder", "_selected_action": [i.pk for i in Invitation.objects.all()]},
        follow=True,
    )
    page = r.content.decode()
    assert "Sent 1 reminder." in page
    assert "has already responded" in page
    assert len(mail.outbox) == 2


def test_a_finalized_calendar_is_read_only(alice_web, alice):
    calendar = make_calendar(alice, finalized_at=NOW)
    r = alice_web.get(f"/office/schedules/calendar/{calendar.pk}/change/")
    assert r.status_code == 200
    assert b'name="_save"' not in r.content
    r = alice_web.post(f"/office/schedules/calendar/{calendar.pk}/change/", calendar_post())
    assert r.status_code == 403
    assert alice_web.post(f"/office/schedules/calendar/{calendar.pk}/delete/").status_code == 403


def test_the_office_requires_login(web, alice):
    r = web.get("/office/schedules/calendar/", follow=True)
    assert r.redirect_chain[-1][0] == "/login/?next=/office/schedules/calendar/"


def test_staff_see_invitations_without_their_token_hashes(web_as, alice):
    staff = make_owner("ada", is_staff=True, is_superuser=True)
    calendar = make_calendar(alice, invitees=[contact(alice)])
    invitation = calendar.invitations.get()
    web = web_as(staff)
    r = web.get("/admin/schedules/invitation/")
    assert r.status_code == 200
    assert b"Jane" in r.content
    r = web.get(f"/admin/schedules/invitation/{invitation.pk}/change/")
    assert r.status_code == 200
    assert invitation.token_hash.encode() not in r.content
