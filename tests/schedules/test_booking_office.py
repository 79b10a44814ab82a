"""Bookings in the owner back office (/office/): scoped to the owner, cancelled via the service."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from schedules.models import Meeting, WorkingHours
from tests.factories import block, make_page, set_week

UTC = dt.UTC
pytestmark = pytest.mark.usefixtures("clock", "alice_works_in_new_york")


@pytest.fixture
def alice_works_in_new_york(alice):
    """Alice's week: Monday to Friday, 09:00-17:00 New York time."""
    set_week(alice)


@pytest.mark.django_db
def test_the_agenda_lists_only_the_owners_entries_in_their_zone(alice_web, alice, bob):
    mine = block(alice, dt.datetime(2026, 3, 9, 14, tzinfo=UTC), attendee_name="Mine")
    block(bob, dt.datetime(2026, 3, 9, 14, tzinfo=UTC), attendee_name="Theirs")
    r = alice_web.get("/office/schedules/meeting/")
    html = r.content.decode()
    assert r.status_code == 200
    assert "Mine" in html
    assert "Theirs" not in html
    assert "10 a.m." in html  # 14:00 UTC is 10:00 in New York
    theirs = Meeting.objects.get(attendee_name="Theirs")
    assert alice_web.get(f"/office/schedules/meeting/{theirs.pk}/change/").status_code == 302
    assert alice_web.get(f"/office/schedules/meeting/{mine.pk}/change/").status_code == 200
    assert alice_web.get("/office/schedules/meeting/add/").status_code == 403


@pytest.mark.django_db
def test_the_cancel_action_asks_for_a_reason_then_cancels_and_emails(alice_web, alice):
    page = make_page(alice)
    meeting = block(alice, dt.datetime(2026, 3, 9, 14, tzinfo=UTC), booking_page=page)
    round_meeting = block(alice, dt.datetime(2026, 3, 10, 14, tzinfo=UTC), kind="round")
    selected = {"action": "cancel_bookings", "_selected_action": [meeting.pk, round_meeting.pk]}
    r = alice_web.post("/office/schedules/meeting/", selected)
    assert r.status_code == 200
    assert "Reason (sent to the attendees)" in r.content.decode()
    assert Meeting.objects.get(pk=meeting.pk).status == "confirmed"

    r = alice_web.post(
        "/office/schedules/meeting/",
        selected | {"apply": "yes", "reason": "Closed today"},
        follow=True,
    )
    html = r.content.decode()
    assert "Cancelled 1 booking(s)" in html
    assert "Only bookings can be cancelled here" in html
    meeting.refresh_from_db()
    assert (meeting.status, meeting.cancel_reason) == ("cancelled", "Closed today")
    assert Meeting.objects.get(pk=round_meeting.pk).status == "confirmed"
    assert [m.to for m in mail.outbox] == [["sam@example.org"], ["alice@example.org"]]
    assert "Reason: Closed today" in mail.outbox[0].body


@pytest.mark.django_db
def test_working_hours_in_the_office_refuse_overlaps(alice_web, alice):
    r = alice_web.post(
        "/office/schedules/workinghours/add/",
        {"weekday": 0, "start_time": "16:00", "end_time": "18:00"},
    )
    assert r.status_code == 200
    assert "Monday: 09:00-17:00 overlaps 16:00-18:00" in r.content.decode()
    r = alice_web.post(
        "/office/schedules/workinghours/add/",
        {"weekday": 5, "start_time": "10:00", "end_time": "12:00"},
    )
    assert r.status_code == 302
    assert WorkingHours.objects.filter(owner=alice, weekday=5).exists()


@pytest.mark.django_db
def test_date_overrides_in_the_office_are_a_day_off_or_hours_not_both(alice_web, alice):
    url = "/office/schedules/dateoverride/add/"
    assert alice_web.post(url, {"date": "2026-12-24"}).status_code == 302
    r = alice_web.post(url, {"date": "2026-12-24", "start_time": "09:00", "end_time": "10:00"})
    assert "2026-12-24: a day off cannot also have hours" in r.content.decode()
    r = alice_web.post(url, {"date": "2026-12-25", "start_time": "09:00"})
    assert "Give both times" in r.content.decode()


@pytest.mark.django_db
def test_booking_pages_show_their_link_and_stay_while_people_hold_bookings(alice_web, alice, bob):
    page = make_page(alice)
    make_page(bob, slug="bobs-page")
    block(alice, dt.datetime(2026, 3, 9, 14, tzinfo=UTC), booking_page=page)
    html = alice_web.get("/office/schedules/bookingpage/").content.decode()
    assert 'href="http://127.0.0.1:8000/book/intro/"' in html
    assert "bobs-page" not in html
    assert alice_web.get(f"/office/schedules/bookingpage/{page.pk}/delete/").status_code == 403
    r = alice_web.get("/office/schedules/bookingpage/add/")
    assert 'value="America/New_York"' in r.content.decode()
