"""A whole 1-on-1 round through the public API only: create, invite, respond,
suggest, finalize, and see the result on the home page and the agenda."""

from __future__ import annotations

import icalendar
import pytest
from django.core import mail

from schedules.models import Meeting
from tests.factories import contact, link_in, outbox_to

pytestmark = pytest.mark.usefixtures("clock")


@pytest.mark.django_db
def test_a_round_goes_from_invitation_to_meetings(alice_api, api, alice):
    jane, john = contact(alice, "Jane", "Doe"), contact(alice, "John", "Smith")
    r = alice_api.post(
        "/schedules/calendars/create/",
        {
            "name": "Interviews",
            "description": "Thirty minutes each",
            "deadline": "2026-03-09T17:00:00",
            "timezone": "America/New_York",
            "invitees": [jane.pk, john.pk],
            "available_slots": [
                {
                    "date": "2026-03-10",
                    "start_time": "13:00:00",
                    "end_time": "14:00:00",
                    "preference_level": 3,
                }
            ],
        },
        format="json",
    )
    assert r.status_code == 201, r.json()
    calendar_id = r.json()["id"]

    # Both invitees answer through the link in their email. 10 March 13:00 in
    # New York is 17:00 UTC (DST started on 8 March).
    for person, start, end, pref in [
        (jane, "2026/03/10 13:00:00", "2026/03/10 14:00:00", 1),
        (john, "2026/03/10 13:00:00", "2026/03/10 13:30:00", 3),
    ]:
        path = link_in(outbox_to(person.email)[-1])
        token = path.rstrip("/").rsplit("/", 1)[1]
        r = api.post(
            f"/schedules/calendars/{calendar_id}/respond/{token}/",
            {"availability": [{"start_time": start, "end_time": end, "preference_level": pref}]},
            format="json",
        )
        assert r.status_code == 200, r.json()

    r = alice_api.get(f"/schedules/calendars/{calendar_id}/confirm/")
    assert r.status_code == 200, r.json()
    best = r.json()["suggested_schedules"][0]
    # John can only do 13:00-13:30, so the optimum gives him that and Jane 13:30.
    assert {(m["first_name"], m["start_time"]) for m in best} == {
        ("John", "2026-03-10T13:00:00-04:00"),
        ("Jane", "2026-03-10T13:30:00-04:00"),
    }

    mail.outbox.clear()
    r = alice_api.post(
        f"/schedules/calendars/{calendar_id}/confirm/",
        {
            "finalized_schedule": [
                {"contact_id": m["id"], "start_time": m["start_time"], "end_time": m["end_time"]}
                for m in best
            ]
        },
        format="json",
    )
    assert r.status_code == 201, r.json()
    assert Meeting.objects.filter(owner=alice, kind="round", status="confirmed").count() == 2

    invite = outbox_to(jane.email)[0]
    ics = icalendar.Calendar.from_ical(invite.attachments[0].get_content())
    assert ics["METHOD"] == "REQUEST"
    event = ics.walk("VEVENT")[0]
    assert event.decoded("DTSTART").isoformat() == "2026-03-10T17:30:00+00:00"

    home = alice_api.get("/schedules/home/").json()
    assert [m["name"] for m in home["finalized_meetings"]] == ["Interviews", "Interviews"]
    assert home["unfinalized_meetings"] == []
    assert alice_api.get(f"/schedules/calendars/{calendar_id}/confirm/").status_code == 404
