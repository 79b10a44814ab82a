"""The office renders and reads times in the owner's zone: saving unchanged moves nothing.

Regression: the calendar form used to render after leaving the owner's zone, so its inputs
showed UTC wall-clock times that the next save read as the owner's, moving the deadline and
every slot by the UTC offset on each save.
"""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

import pytest
from model_bakery import baker

from schedules.models import Availability, Calendar

pytestmark = pytest.mark.django_db


class FormValues(HTMLParser):
    """What a browser would submit from the page's main form, unchanged."""

    def __init__(self):
        super().__init__()
        self.values: dict[str, str] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in {"submit", "button", "file"}:
            if attrs.get("type") in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self.values[name] = attrs.get("value", "on" if attrs.get("type") == "checkbox" else "")
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.values[self._select] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.values[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        if tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data


def resubmit(client, url: str):
    page = client.get(url)
    assert page.status_code == 200
    form = FormValues()
    form.feed(page.content.decode())
    form.values.pop("_addanother", None)
    form.values.pop("_continue", None)
    response = client.post(url, form.values | {"_save": "Save"})
    assert response.status_code == 302, response.context and response.context.get("errors")
    return form.values


@pytest.mark.parametrize("zone", ["America/New_York", "Europe/Paris"])
def test_saving_a_calendar_twice_unchanged_moves_nothing(web, alice, zone, clock):
    alice.timezone = zone
    alice.save()
    calendar = baker.make(
        Calendar,
        owner=alice,
        name="Round",
        timezone=zone,
        deadline=dt.datetime(2026, 3, 9, 17, tzinfo=dt.UTC),
    )
    slot = Availability.objects.create(
        calendar=calendar,
        start=dt.datetime(2026, 3, 10, 14, tzinfo=dt.UTC),
        end=dt.datetime(2026, 3, 10, 16, tzinfo=dt.UTC),
        preference=3,
    )
    web.force_login(alice)
    url = f"/office/schedules/calendar/{calendar.pk}/change/"
    shown = resubmit(web, url)
    resubmit(web, url)
    calendar.refresh_from_db()
    slot.refresh_from_db()
    assert calendar.deadline == dt.datetime(2026, 3, 9, 17, tzinfo=dt.UTC)
    assert (slot.start, slot.end) == (
        dt.datetime(2026, 3, 10, 14, tzinfo=dt.UTC),
        dt.datetime(2026, 3, 10, 16, tzinfo=dt.UTC),
    )
    # The form showed the owner's wall clock: 17:00 UTC is 13:00 in New York (EDT since
    # 8 March), 18:00 in Paris.
    # 8 March), 18:00 in Paris.
    expected = {"America/New_York": "13:00:00", "Europe/Paris": "18:00:00"}[zone]
    assert shown["deadline_1"] == expected


def test_the_office_says_which_zone_its_times_are_in(web, alice):
    alice.timezone = "America/New_York"
    alice.save()
    web.force_login(alice)
    html = web.get("/office/schedules/calendar/add/").content.decode()
    assert "In your time zone (America/New_York)." in html
    assert "UTC timezone" not in html
