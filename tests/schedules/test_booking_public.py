"""Seed 001's API under a booking page: schedule, cancel, reschedule, with its messages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from schedules.models import Meeting
from tests.factories import NEW_YORK_7AM, NOW, block, book, html_of, ics_of, make_page, set_week

UTC = dt.UTC
pytestmark = pytest.mark.usefixtures("clock")


@pytest.fixture
def booking_page(booking_page):
    """The shared page, on a 15-minute grid."""
    booking_page.slot_interval = 15
    booking_page.save()
    return booking_page


def booked(api, page, date="2026-03-09", time="09:00", **extra):
    r = book(api, page, date, time, **extra)
    assert r.status_code == 201, r.json()
    mail.outbox.clear()
    return Meeting.objects.get(pk=r.json()["appointment_id"]), r.json()["manage_token"]


# --- schedule ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_schedules_an_appointment_in_the_pages_zone(api, booking_page, alice):
    r = book(api, booking_page, "2026-03-09", "09:00", phone="+1 212 555 0100")
    assert r.status_code == 201
    body = r.json()
    assert body["message"] == "Appointment scheduled successfully."
    assert body["start"] == "2026-03-09T09:00:00-04:00"
    meeting = Meeting.objects.get(pk=body["appointment_id"])
    assert (meeting.owner, meeting.kind, meeting.booking_page) == (alice, "booking", booking_page)
    assert (meeting.start, meeting.end) == (
        dt.datetime(2026, 3, 9, 13, tzinfo=UTC),
        dt.datetime(2026, 3, 9, 13, 30, tzinfo=UTC),
    )
    assert (meeting.attendee_name, meeting.attendee_email, meeting.attendee_phone) == (
        "Jane Doe",
        "jane@example.org",
        "+1 212 555 0100",
    )
    assert meeting.attendee_timezone == "America/New_York"
    assert len(body["manage_token"]) >= 40
    assert meeting.manage_token_hash != body["manage_token"]


@pytest.mark.django_db
def test_it_accepts_the_path_with_a_trailing_slash(api, booking_page):
    r = api.post(
        "/book/intro/schedule/",
        {"client_name": "Jane", "email": "jane@example.org", "date": "2026-03-09", "time": "10:00"},
        format="json",
    )
    assert r.status_code == 201


@pytest.mark.django_db
def test_it_emails_both_sides_in_their_own_zones_with_an_invite(api, booking_page):
    r = book(api, booking_page, "2026-03-09", "18:30", timezone="Asia/Kolkata")
    token = r.json()["manage_token"]
    customer, owner = mail.outbox
    assert customer.to == ["jane@example.org"]
    assert "18:30-19:00 (Asia/Kolkata)" in customer.subject
    assert f"/book/intro/manage/{token}/" in customer.body
    assert f"/book/intro/manage/{token}/" in html_of(customer)
    assert customer.reply_to == ["alice@example.org"]
    assert owner.to == ["alice@example.org"]
    assert "Monday 9 March 2026, 09:00-09:30 (America/New_York)" in owner.body
    assert "Monday 9 March 2026, 09:00-09:30 (America/New_York)" in html_of(owner)
    assert token not in owner.body
    for message in (customer, owner):
        invite = ics_of(message)
        assert "METHOD:REQUEST" in invite
        assert "SEQUENCE:0" in invite
        assert "DTSTART:20260309T130000Z" in invite
    meeting = Meeting.objects.get()
    assert f"UID:{meeting.uid}@" in ics_of(customer)


@pytest.mark.django_db
def test_a_taken_time_is_not_available_and_sends_nothing(api, booking_page):
    booked(api, booking_page, "2026-03-09", "09:00")
    for time in ("09:00", "09:15"):
        r = book(api, booking_page, "2026-03-09", time)
        assert (r.status_code, r.json()) == (400, {"message": "Time slot is not available."})
    assert mail.outbox == []
    assert book(api, booking_page, "2026-03-09", "09:30").status_code == 201


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("date", "time", "why"),
    [
        ("2026-03-09", "09:10", "off the 15-minute grid"),
        ("2026-03-09", "16:45", "would end after working hours"),
        ("2026-03-09", "18:00", "outside working hours"),
        ("2026-03-07", "10:00", "a Saturday"),
        ("2026-03-02", "07:30", "inside the minimum notice"),
        ("2026-05-04", "10:00", "beyond the 60-day horizon"),
        ("2026-03-01", "10:00", "in the past"),
    ],
)
def test_only_times_the_page_offers_can_be_booked(api, booking_page, clock, date, time, why):
    clock.move_to(NEW_YORK_7AM)  # so that 07:30 today is inside the hour's notice
    r = book(api, booking_page, date, time)
    assert (r.status_code, r.json()) == (400, {"message": "Time slot is not available."}), why


@pytest.mark.django_db
def test_finalized_rounds_and_buffers_block_bookings(api, booking_page, alice):
    block(alice, dt.datetime(2026, 3, 9, 14, tzinfo=UTC), 60, kind=Meeting.Kind.ROUND)
    booking_page.buffer_after = 15
    booking_page.save()
    # 09:30-10:00 EDT plus 15 minutes of buffer reaches into the 10:00 round meeting.
    assert (
        book(api, booking_page, "2026-03-09", "09:30").json()["message"]
        == "Time slot is not available."
    )
    assert (
        book(api, booking_page, "2026-03-09", "10:30").json()["message"]
        == "Time slot is not available."
    )
    assert book(api, booking_page, "2026-03-09", "09:15").status_code == 201
    # The 09:15 booking's own buffer runs to 10:00, so 09:45 would overlap it.
    assert book(api, booking_page, "2026-03-09", "11:00").status_code == 201


@pytest.mark.django_db
def test_a_time_skipped_by_daylight_saving_is_refused_clearly(api, alice):
    set_week(alice, days=7)
    page = make_page(alice)
    r = book(api, page, "2026-03-08", "02:30")
    assert r.status_code == 400
    assert "does not exist in America/New_York" in r.json()["message"]


@pytest.mark.django_db
def test_the_repeated_hour_is_its_first_occurrence_unless_start_says_otherwise(api, alice):
    set_week(alice, start=dt.time(0), end=dt.time(4), days=7)
    page = make_page(alice, horizon_days=365)
    first = book(api, page, "2026-11-01", "01:30")
    assert first.json()["start"] == "2026-11-01T01:30:00-04:00"
    second = api.post(
        "/book/intro/schedule",
        {"client_name": "Jo", "email": "jo@example.org", "start": "2026-11-01T01:30:00-05:00"},
        format="json",
    )
    assert second.status_code == 201
    assert Meeting.objects.get(pk=second.json()["appointment_id"]).start == dt.datetime(
        2026, 11, 1, 6, 30, tzinfo=UTC
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("date", "time"),
    [
        ("2026/03/09", "09:00"),
        ("09-03-2026", "09:00"),
        ("2026-02-30", "09:00"),
        ("2026-03-09", "9am"),
        ("2026-03-09", "25:00"),
        ("", "09:00"),
        (20260309, 900),
        ("9999-12-31", "23:59"),
    ],
)
def test_malformed_dates_and_times_get_seed_001s_message(api, booking_page, date, time):
    r = book(api, booking_page, date, time)
    assert (r.status_code, r.json()) == (400, {"message": "Invalid date or time format."})


@pytest.mark.django_db
def test_bad_bodies_are_400s_that_name_the_problem(api, booking_page):
    r = api.post("/book/intro/schedule", {"date": "2026-03-09", "time": "09:00"}, format="json")
    assert r.status_code == 400
    assert set(r.json()) == {"client_name", "email"}
    r = api.post("/book/intro/schedule", {"client_name": "J", "email": "j@x.org"}, format="json")
    assert r.json() == {"date": ["This field is required."], "time": ["This field is required."]}
    r = book(api, booking_page, "2026-03-09", "09:00", email="not an email", phone="call me")
    assert set(r.json()) == {"email", "phone"}
    r = book(api, booking_page, "2026-03-09", "09:00", timezone="Mars/Olympus")
    assert "not a known time zone" in r.json()["timezone"][0]
    r = book(api, booking_page, ["2026-03-09"], "09:00")
    assert r.status_code == 400
    r = api.post("/book/intro/schedule", "{not json", content_type="application/json")
    assert r.status_code == 400
    assert "JSON parse error" in r.json()["message"]
    r = api.post("/book/intro/schedule", [1, 2], format="json")
    assert r.status_code == 400
    assert Meeting.objects.count() == 0


@pytest.mark.django_db
def test_unknown_and_inactive_pages_are_not_found(api, booking_page):
    assert book(
        api, make_page(booking_page.owner, slug="gone", is_active=False), "2026-03-09", "09:00"
    ).json() == {"message": "Booking page not found."}
    r = api.post("/book/nope/schedule", {}, format="json")
    assert (r.status_code, r.json()) == (404, {"message": "Booking page not found."})


@pytest.mark.django_db
def test_a_stale_login_does_not_change_the_public_api(api, booking_page):
    api.credentials(HTTP_AUTHORIZATION="Bearer not-a-token")
    assert book(api, booking_page, "2026-03-09", "09:00").status_code == 201


# --- cancel ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_cancels_with_the_token_and_frees_the_time(api, booking_page):
    meeting, token = booked(api, booking_page)
    r = api.post(f"/book/intro/cancel/{meeting.pk}", {"token": token}, format="json")
    assert (r.status_code, r.json()) == (200, {"message": "Appointment canceled successfully."})
    meeting.refresh_from_db()
    assert (meeting.status, meeting.sequence, meeting.cancelled_at) == ("cancelled", 1, NOW)
    customer, owner = mail.outbox
    assert "You cancelled" in customer.body
    assert "Jane Doe cancelled" in owner.body
    assert "Jane Doe cancelled" in html_of(owner)
    for message in (customer, owner):
        invite = ics_of(message)
        assert "METHOD:CANCEL" in invite
        assert "STATUS:CANCELLED" in invite
        assert "SEQUENCE:1" in invite
        assert f"UID:{meeting.uid}@" in invite
    assert book(api, booking_page, "2026-03-09", "09:00").status_code == 201


@pytest.mark.django_db
def test_cancelling_twice_says_it_is_already_canceled(api, booking_page):
    meeting, token = booked(api, booking_page)
    api.post(f"/book/intro/cancel/{meeting.pk}/", {"token": token}, format="json")
    r = api.post(f"/book/intro/cancel/{meeting.pk}", {"token": token}, format="json")
    assert (r.status_code, r.json()) == (400, {"message": "Appointment is already canceled."})


@pytest.mark.django_db
def test_a_wrong_token_id_or_page_is_not_found(api, booking_page, bob):
    meeting, token = booked(api, booking_page)
    set_week(bob)
    other_page = make_page(bob, slug="bobs")
    attempts = [
        (f"/book/intro/cancel/{meeting.pk}", {"token": "guess"}),
        (f"/book/intro/cancel/{meeting.pk + 1}", {"token": token}),
        (f"/book/{other_page.slug}/cancel/{meeting.pk}", {"token": token}),
        ("/book/nope/cancel/1", {"token": token}),
        (f"/book/intro/cancel/{10**18 - 1}", {"token": token}),
        (f"/book/intro/reschedule/{meeting.pk}", {"token": "guess", "date": "2026-03-10"}),
    ]
    for url, body in attempts:
        r = api.post(url, body | {"time": "10:00", "date": "2026-03-10"}, format="json")
        assert (r.status_code, r.json()) == (404, {"message": "Appointment not found."}), url
    r = api.post(f"/book/intro/cancel/{meeting.pk}", {}, format="json")
    assert r.json() == {"token": ["This field is required."]}
    meeting.refresh_from_db()
    assert meeting.status == "confirmed"


@pytest.mark.django_db
def test_an_appointment_that_has_started_can_no_longer_change(api, booking_page, clock):
    meeting, token = booked(api, booking_page)
    clock.move_to(meeting.start)
    r = api.post(f"/book/intro/cancel/{meeting.pk}", {"token": token}, format="json")
    assert r.status_code == 400
    assert "already started" in r.json()["message"]


# --- reschedule --------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_reschedules_and_raises_the_sequence_of_the_same_invite(api, booking_page):
    meeting, token = booked(api, booking_page)
    r = api.post(
        f"/book/intro/reschedule/{meeting.pk}",
        {"token": token, "date": "2026-03-10", "time": "14:00"},
        format="json",
    )
    assert r.status_code == 200
    assert r.json()["message"] == "Appointment rescheduled successfully."
    assert r.json()["start"] == "2026-03-10T14:00:00-04:00"
    meeting.refresh_from_db()
    assert (meeting.start, meeting.sequence) == (dt.datetime(2026, 3, 10, 18, tzinfo=UTC), 1)
    customer, owner = mail.outbox
    assert "Tuesday 10 March 2026, 14:00-14:30" in customer.subject
    assert f"/book/intro/manage/{token}/" in customer.body
    for message in (customer, owner):
        invite = ics_of(message)
        assert ("METHOD:REQUEST" in invite, "SEQUENCE:1" in invite) == (True, True)
        assert f"UID:{meeting.uid}@" in invite
    assert book(api, booking_page, "2026-03-09", "09:00").status_code == 201  # the old time is free


@pytest.mark.django_db
def test_it_reschedules_onto_time_overlapping_only_itself(api, booking_page):
    meeting, token = booked(api, booking_page)
    r = api.post(
        f"/book/intro/reschedule/{meeting.pk}",
        {"token": token, "date": "2026-03-09", "time": "09:15", "timezone": "America/New_York"},
        format="json",
    )
    assert r.status_code == 200


@pytest.mark.django_db
def test_reschedule_refusals_use_seed_001s_messages(api, booking_page):
    meeting, token = booked(api, booking_page)
    booked(api, booking_page, "2026-03-09", "11:00")
    url = f"/book/intro/reschedule/{meeting.pk}"
    r = api.post(url, {"token": token, "date": "2026-03-09", "time": "11:15"}, format="json")
    assert (r.status_code, r.json()) == (400, {"message": "New time slot is not available."})
    r = api.post(url, {"token": token, "date": "2026-03-09", "time": "20:00"}, format="json")
    assert r.json() == {"message": "New time slot is not available."}
    r = api.post(url, {"token": token, "date": "tomorrow", "time": "11:15"}, format="json")
    assert (r.status_code, r.json()) == (400, {"message": "Invalid date or time format."})
    api.post(f"/book/intro/cancel/{meeting.pk}", {"token": token}, format="json")
    r = api.post(url, {"token": token, "date": "2026-03-10", "time": "10:00"}, format="json")
    assert (r.status_code, r.json()) == (
        400,
        {"message": "Cannot reschedule a canceled appointment."},
    )


@pytest.mark.django_db
def test_rescheduling_in_another_zone_updates_the_attendees_zone(api, booking_page):
    meeting, token = booked(api, booking_page)
    r = api.post(
        f"/book/intro/reschedule/{meeting.pk}",
        {"token": token, "date": "2026-03-10", "time": "20:00", "timezone": "Europe/Paris"},
        format="json",
    )
    assert r.json()["start"] == "2026-03-10T20:00:00+01:00"
    meeting.refresh_from_db()
    assert meeting.attendee_timezone == "Europe/Paris"
    assert "20:00-20:30 (Europe/Paris)" in mail.outbox[0].body
    assert "15:00-15:30 (America/New_York)" in mail.outbox[1].body
