"""The booking page and the manage page in Chromium, with visitors in other time zones.

The browser's clock cannot be frozen, so these tests pick days relative to now.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from schedules.models import Meeting
from schedules.selectors.booking import public_page
from schedules.services.bookings import booking_create
from tests.factories import set_week

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
BUSY = "The person is busy at that time. Please select a new time"


@pytest.fixture
def booking_page(booking_page, alice):
    """The shared page, open every day 09:00-17:00 in New York and bookable right away."""
    set_week(alice, days=7)
    booking_page.minimum_notice = 0
    booking_page.save()
    return booking_page


def owner_time(days_ahead: int, hour: int) -> dt.datetime:
    """``hour`` o'clock in New York, ``days_ahead`` days from today there, in UTC."""
    day = timezone.now().astimezone(NEW_YORK).date() + dt.timedelta(days=days_ahead)
    return dt.datetime.combine(day, dt.time(hour), tzinfo=NEW_YORK).astimezone(dt.UTC)


def open_day(tab, day: dt.date) -> None:
    """Click ``day`` on the month calendar, moving a month ahead when needed."""
    cell = tab.locator(f'#days button[data-day="{day.isoformat()}"]')
    if not cell.count():
        tab.locator("#next-month").click()
    expect(cell).to_be_enabled()
    cell.click()


def time_button(tab, instant: dt.datetime, zone: str):
    local = instant.astimezone(zoneinfo.ZoneInfo(zone))
    return tab.locator(f'#times button[data-start="{local.isoformat()}"]')


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_visitor_in_kolkata_books_in_their_own_time(browser, live_server, booking_page):
    context = browser.new_context(timezone_id="Asia/Kolkata")
    tab = context.new_page()
    tab.goto(f"{live_server.url}/book/intro/")
    expect(tab.locator("#tz")).to_have_value("Asia/Kolkata")

    start = owner_time(3, 10)  # 10:00 in New York is 19:30 or 20:30 in Kolkata
    local = start.astimezone(zoneinfo.ZoneInfo("Asia/Kolkata"))
    open_day(tab, local.date())
    button = time_button(tab, start, "Asia/Kolkata")
    expect(button).to_have_text(local.strftime("%H:%M"))
    button.click()

    tab.get_by_label("Name").fill("Priya Raman")
    tab.get_by_label("Email").fill("priya@example.org")
    tab.get_by_label("Phone (optional)").fill("+91 22 5555 0100")
    tab.get_by_role("button", name="Book").click()

    expect(tab.locator("#confirmation")).to_be_visible()
    expect(tab.locator("#confirmed-when")).to_contain_text(
        f"{local:%H:%M}\N{EN DASH}{local + dt.timedelta(minutes=30):%H:%M} (Asia/Kolkata)"
    )
    meeting = Meeting.objects.get()
    assert (meeting.start, meeting.attendee_timezone) == (start, "Asia/Kolkata")
    assert meeting.attendee_phone == "+91 22 5555 0100"
    manage = tab.locator("#manage-link").get_attribute("href")
    assert manage.startswith("/book/intro/manage/")
    context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_someone_else_taking_the_time_shows_the_busy_message(browser, live_server, booking_page):
    context = browser.new_context(timezone_id="Europe/London")
    tab = context.new_page()
    tab.goto(f"{live_server.url}/book/intro/")
    expect(tab.locator("#tz")).to_have_value("Europe/London")

    start = owner_time(4, 11)
    # Switching the zone redraws the times in it.
    tab.locator("#tz").select_option("America/New_York")
    open_day(tab, start.astimezone(NEW_YORK).date())
    button = time_button(tab, start, "America/New_York")
    expect(button).to_have_text("11:00")
    button.click()
    tab.get_by_label("Name").fill("Late Comer")
    tab.get_by_label("Email").fill("late@example.org")

    booking_create(  # someone else, a moment earlier
        page=public_page(slug="intro"),
        name="Early Bird",
        email="early@example.org",
        start=start,
        attendee_timezone="UTC",
    )
    tab.get_by_role("button", name="Book").click()

    expect(tab.locator("#picker-message")).to_have_text(BUSY)
    expect(time_button(tab, start, "America/New_York")).to_have_count(0)
    expect(tab.locator("#details")).to_be_hidden()
    assert list(Meeting.objects.values_list("attendee_name", flat=True)) == ["Early Bird"]
    context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_manage_page_reschedules_then_cancels(browser, live_server, booking_page):
    meeting, token = booking_create(
        page=public_page(slug="intro"),
        name="Jane Doe",
        email="jane@example.org",
        start=owner_time(2, 9),
        attendee_timezone="America/New_York",
    )
    context = browser.new_context(timezone_id="America/New_York")
    tab = context.new_page()
    tab.goto(f"{live_server.url}/book/intro/manage/{token}/")
    expect(tab.locator("#current-when")).to_contain_text("09:00\N{EN DASH}09:30 (America/New_York)")

    tab.get_by_role("button", name="Reschedule").click()
    new_start = owner_time(5, 14)
    open_day(tab, new_start.astimezone(NEW_YORK).date())
    time_button(tab, new_start, "America/New_York").click()
    tab.get_by_role("button", name="Move my appointment here").click()
    expect(tab.locator("#manage-message")).to_contain_text("Appointment rescheduled successfully.")
    expect(tab.locator("#current-when")).to_contain_text("14:00\N{EN DASH}14:30 (America/New_York)")
    meeting.refresh_from_db()
    assert (meeting.start, meeting.sequence) == (new_start, 1)

    tab.get_by_label("Reason (optional, sent to Alice Example)").fill("Something came up")
    tab.get_by_role("button", name="Cancel appointment").click()
    expect(tab.locator("#manage-message")).to_have_text("Appointment was cancelled")
    expect(tab.locator("#status")).to_have_text("This appointment is cancelled.")
    meeting.refresh_from_db()
    assert (meeting.status, meeting.cancel_reason) == ("cancelled", "Something came up")
    context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_unknown_booking_link_is_a_clear_404_page(page, live_server):
    response = page.goto(f"{live_server.url}/book/nobody/")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Page not found")
