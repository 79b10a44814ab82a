"""The invitee's web page /calendars/<id>/respond/<token>/, served and in a real browser."""

from __future__ import annotations

import datetime as dt
import json
import re
import zoneinfo

import pytest
from django.utils import timezone

from schedules.models import Availability, Invitation
from tests.factories import contact, make_calendar

H = dt.timedelta(hours=1)
DASH = "\N{EN DASH}"  # the page writes time ranges with an en dash


def upcoming_slot_start() -> dt.datetime:
    """13:00 UTC two weeks from now: in the future whatever day the suite runs."""
    day = timezone.now().date() + dt.timedelta(days=14)
    return dt.datetime.combine(day, dt.time(13), tzinfo=dt.UTC)


def make_round(owner, **extra):
    jane = contact(owner, "Jane", "Doe")
    start = upcoming_slot_start()
    calendar = make_calendar(
        owner, invitees=[jane], slots=[(start, 2, 3), (start + 24 * H, 1, 1)], **extra
    )
    calendar.deadline = timezone.now() + dt.timedelta(days=7)
    calendar.save()
    calendar.jane, calendar.slot_start = jane, start
    calendar.path = f"/calendars/{calendar.pk}/respond/{calendar.raw_tokens[jane.pk]}/"
    return calendar


def local(value: dt.datetime, zone: str) -> str:
    return value.astimezone(zoneinfo.ZoneInfo(zone)).strftime("%H:%M")


# --- served page ----------------------------------------------------------------


@pytest.mark.django_db
def test_the_page_embeds_the_round_and_posts_to_the_json_endpoint(web, alice):
    calendar = make_round(alice, description="Bring <b>notes</b>")
    r = web.get(calendar.path)
    assert r.status_code == 200
    html = r.content.decode()
    assert "Bring &lt;b&gt;notes&lt;/b&gt;" in html
    assert f'data-api-url="/schedules{calendar.path}"' in html
    assert "Alice Example invites you, Jane, to a 1-on-1 meeting" in html
    assert r.headers["Cache-Control"].startswith("max-age=0")
    data = json.loads(re.search(r'id="respond-data"[^>]*>(.*?)</script>', html, re.S).group(1))
    assert data["contact"]["id"] == calendar.jane.pk
    assert len(data["owner_availability"]) == 2


@pytest.mark.django_db
def test_a_bad_link_explains_itself_and_a_missing_calendar_is_404(web, alice):
    calendar = make_round(alice)
    r = web.get(f"/calendars/{calendar.pk}/respond/stale-token/")
    assert r.status_code == 403
    assert "use the newest email you received about this round" in r.content.decode()
    r = web.get(f"/calendars/999/respond/{calendar.raw_tokens[calendar.jane.pk]}/")
    assert r.status_code == 404
    assert "This calendar does not exist." in r.content.decode()


# --- in a browser -----------------------------------------------------------------


def open_page(browser, live_server, path, timezone_id="America/New_York"):
    context = browser.new_context(timezone_id=timezone_id, locale="en-US")
    page = context.new_page()
    page.goto(live_server.url + path)
    return context, page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_invitee_in_new_york_picks_a_time_in_their_zone(browser, live_server, alice):
    calendar = make_round(alice, tz="Europe/Paris")
    context, page = open_page(browser, live_server, calendar.path)
    start = calendar.slot_start
    ny = "America/New_York"
    first = page.locator(".slot").first
    assert (
        first.locator(".slot-time").inner_text()
        == f"{local(start, ny)} {DASH} {local(start + 2 * H, ny)}"
    )
    assert page.locator("#tz").input_value() == ny
    assert ny in page.locator("#deadline-local").inner_text()

    first.get_by_role("button", name="I can make some of this time").click()
    first.get_by_label("From").select_option(label=local(start + H / 2, ny))
    first.get_by_label("To").select_option(label=local(start + 3 * H / 2, ny))
    first.get_by_label("Preference").select_option(label="Best for me")
    page.get_by_role("button", name="Send my availability").click()
    page.locator("#done").wait_for()
    assert "Thank you! Alice Example has your availability" in page.locator("#done").inner_text()
    context.close()

    invitation = Invitation.objects.get()
    assert invitation.responded
    assert list(invitation.slots.values_list("start", "end", "preference")) == [
        (start + H / 2, start + 3 * H / 2, 3)
    ]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_switching_zones_relabels_without_moving_the_choice(browser, live_server, alice):
    calendar = make_round(alice)
    context, page = open_page(browser, live_server, calendar.path)
    start = calendar.slot_start
    first = page.locator(".slot").first
    first.get_by_role("button", name="I can make some of this time").click()
    page.locator("#tz").select_option("Asia/Tokyo")
    assert first.locator(".slot-time").inner_text().startswith(local(start, "Asia/Tokyo"))
    assert first.get_by_label("From").locator("option:checked").inner_text() == local(
        start, "Asia/Tokyo"
    )
    page.get_by_role("button", name="Send my availability").click()
    page.locator("#done").wait_for()
    context.close()
    (slot,) = Availability.objects.filter(invitation__isnull=False)
    assert (slot.start, slot.end, slot.preference) == (start, start + 2 * H, 2)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_page_shows_overlaps_and_server_errors(browser, live_server, alice):
    calendar = make_round(alice)
    context, page = open_page(browser, live_server, calendar.path, timezone_id="UTC")
    first = page.locator(".slot").first
    add = first.get_by_role("button", name="I can make some of this time")
    add.click()
    add.click()  # no room is left after the first range, so the second repeats it
    assert "Two of your times overlap" in page.locator("#errors").inner_text()
    assert page.get_by_role("button", name="Send my availability").is_disabled()
    first.get_by_role("button", name="Remove").first.click()
    assert page.locator("#errors").inner_text() == ""

    calendar.deadline = timezone.now() - dt.timedelta(minutes=1)
    calendar.save()
    page.get_by_role("button", name="Send my availability").click()
    page.get_by_text("Deadline has passed").wait_for()
    assert not Invitation.objects.get().responded
    context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_page_says_when_it_is_closed(browser, live_server, alice):
    calendar = make_round(alice)
    invitation = Invitation.objects.get()
    start = calendar.slot_start
    Availability.objects.create(
        calendar=calendar, invitation=invitation, start=start, end=start + H, preference=3
    )
    invitation.responded_at = timezone.now()
    invitation.save()
    context, page = open_page(browser, live_server, calendar.path, timezone_id="UTC")
    closed = page.locator("#closed")
    assert "You have already responded" in closed.inner_text()
    assert (
        f"{local(start, 'UTC')} {DASH} {local(start + H, 'UTC')}: Best for me"
        in closed.inner_text()
    )
    assert page.locator("#respond-form").is_hidden()

    Invitation.objects.update(responded_at=None)
    calendar.deadline = timezone.now() - H
    calendar.save()
    page.reload()
    assert "The deadline has passed" in page.locator("#closed").inner_text()

    calendar.finalized_at = timezone.now()
    calendar.save()
    page.reload()
    assert "has finalized this calendar" in page.locator("#closed").inner_text()
    context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_stale_link_explains_itself_in_the_browser(page, live_server, alice):
    calendar = make_round(alice)
    page.goto(f"{live_server.url}/calendars/{calendar.pk}/respond/old-link/")
    assert (
        "use the newest email you received about this round"
        in page.locator("#link-error").inner_text()
    )
