"""The public booking pages as HTML (their behaviour in a browser is in test_booking_browser)."""

from __future__ import annotations

import json
import re

import pytest

from config import messages
from schedules.models import Meeting
from tests.factories import book, make_page

pytestmark = pytest.mark.usefixtures("clock")


def config(response) -> dict:
    match = re.search(
        rb'<script id="booking-config" type="application/json">(.*?)</script>', response.content
    )
    return json.loads(match.group(1))


@pytest.fixture
def booking_page(booking_page):
    """The shared page, with a description of two lines."""
    booking_page.description = "Thirty minutes\nto get to know each other."
    booking_page.save()
    return booking_page


@pytest.mark.django_db
def test_the_booking_page_shows_the_page_and_hands_the_picker_its_settings(web, booking_page):
    r = web.get("/book/intro/")
    assert r.status_code == 200
    html = r.content.decode()
    assert "<h1>Intro call</h1>" in html
    assert "Alice Example" in html
    assert "Thirty minutes<br>to get to know each other." in html
    assert '<option value="Asia/Kolkata">' in html
    assert '<option value="America/New_York" selected>' in html
    assert "/static/schedules/booking.js" in html
    assert config(r) == {
        "pageTimezone": "America/New_York",
        "slotsUrl": "/book/intro/slots/",
        "scheduleUrl": "/book/intro/schedule",
        "horizonDays": 60,
        "strings": messages.PAGE_STRINGS["booking"],
        "mode": "book",
    }


@pytest.mark.django_db
def test_unknown_and_inactive_pages_are_a_clear_404(web, booking_page, alice):
    make_page(alice, slug="paused", is_active=False)
    for url in ("/book/nope/", "/book/paused/"):
        r = web.get(url)
        assert r.status_code == 404
        assert "does not exist or is not taking bookings" in r.content.decode()


@pytest.mark.django_db
def test_the_manage_page_shows_the_appointment_in_the_attendees_zone(web, api, booking_page):
    r = book(api, booking_page, "2026-03-09", "18:30", timezone="Asia/Kolkata")
    token = r.json()["manage_token"]
    r = web.get(f"/book/intro/manage/{token}/")
    assert r.status_code == 200
    html = r.content.decode()
    assert "Monday 9 March 2026, 18:30\N{EN DASH}19:00 (Asia/Kolkata)" in html
    assert "Cancel appointment" in html
    settings = config(r)
    assert settings["mode"] == "manage"
    assert settings["token"] == token
    pk = Meeting.objects.get().pk
    assert settings["cancelUrl"] == f"/book/intro/cancel/{pk}"
    assert settings["rescheduleUrl"] == f"/book/intro/reschedule/{pk}"
    assert settings["start"] == "2026-03-09T13:00:00+00:00"


@pytest.mark.django_db
def test_a_cancelled_appointment_says_so_and_a_wrong_token_is_a_404(web, api, booking_page):
    r = book(api, booking_page, "2026-03-09", "09:00")
    token, pk = r.json()["manage_token"], r.json()["appointment_id"]
    api.post(f"/book/intro/cancel/{pk}", {"token": token}, format="json")
    r = web.get(f"/book/intro/manage/{token}/")
    assert "This appointment is cancelled." in r.content.decode()
    assert config(r)["cancelled"] is True
    assert web.get("/book/intro/manage/wrong/").status_code == 404
    assert web.get(f"/book/other/manage/{token}/").status_code == 404
