"""GET /schedules/home/: finalized round meetings and calendars still open."""

from __future__ import annotations

import datetime as dt

import pytest
from model_bakery import baker

from schedules.models import Invitation, Meeting
from tests.factories import NOW, contact, make_calendar

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]
H = dt.timedelta(hours=1)


def meeting(calendar, person, start, **extra) -> Meeting:
    return baker.make(
        Meeting,
        owner=calendar.owner,
        kind=Meeting.Kind.ROUND,
        calendar=calendar,
        contact=person,
        start=start,
        end=start + H / 2,
        attendee_name=person.full_name,
        attendee_email=person.email,
        **extra,
    )


def test_it_lists_upcoming_meetings_first_then_open_calendars(alice_api, alice, bob):
    jane, john, past_person = contact(alice), contact(alice, "John"), contact(alice, "Pat")
    done = make_calendar(
        alice, invitees=[jane, john, past_person], finalized_at=NOW, tz="Asia/Tokyo"
    )
    later = meeting(done, john, NOW + 48 * H)
    soon = meeting(done, jane, NOW + 24 * H)
    past = meeting(done, past_person, NOW - 24 * H)
    meeting(done, contact(alice, "Cancelled"), NOW + 30 * H, status=Meeting.Status.CANCELLED)
    baker.make(Meeting, owner=alice, kind=Meeting.Kind.BOOKING, start=NOW + H, end=NOW + 2 * H)
    open_late = make_calendar(alice, invitees=[contact(alice, "Ann")])
    open_late.deadline = NOW + 300 * H
    open_late.save()
    open_soon = make_calendar(alice, invitees=[contact(alice, "Bea"), contact(alice, "Cy")])
    Invitation.objects.filter(calendar=open_soon, contact__first_name="Bea").update(
        responded_at=NOW
    )
    make_calendar(bob)

    r = alice_api.get("/schedules/home/")
    assert r.status_code == 200
    data = r.json()
    assert [m["id"] for m in data["finalized_meetings"]] == [soon.pk, later.pk, past.pk]
    assert data["finalized_meetings"][0] == {
        "id": soon.pk,
        "name": "Round",
        "description": done.description,
        "start_time": "2026-03-03T18:00:00+09:00",
        "end_time": "2026-03-03T18:30:00+09:00",
        "calendar_id": done.pk,
        "contact_id": jane.pk,
        "attendee_name": jane.full_name,
    }
    assert data["unfinalized_meetings"] == [
        {
            "id": open_soon.pk,
            "name": "Round",
            "description": open_soon.description,
            "deadline": "2026-03-09T09:00:00+00:00",
            "invitee_count": 2,
            "responded_count": 1,
        },
        {
            "id": open_late.pk,
            "name": "Round",
            "description": open_late.description,
            "deadline": "2026-03-14T21:00:00+00:00",
            "invitee_count": 1,
            "responded_count": 0,
        },
    ]


def test_it_is_empty_for_a_new_owner(alice_api):
    r = alice_api.get("/schedules/home/")
    assert r.json() == {"finalized_meetings": [], "unfinalized_meetings": []}


def test_it_requires_authentication(api):
    assert api.get("/schedules/home/").status_code == 401


def test_its_queries_do_not_grow_with_data(alice_api, alice, django_assert_num_queries):
    for _ in range(5):
        calendar = make_calendar(alice, invitees=[contact(alice, f"P{_}")], finalized_at=NOW)
        meeting(calendar, calendar.invitations.get().contact, NOW + _ * H)
        make_calendar(alice, invitees=[contact(alice, f"Q{_}")])
    with django_assert_num_queries(2):
        r = alice_api.get("/schedules/home/")
    assert len(r.json()["finalized_meetings"]) == 5
    assert len(r.json()["unfinalized_meetings"]) == 5
