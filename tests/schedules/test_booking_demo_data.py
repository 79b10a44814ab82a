"""`manage.py demo_data` gives alice a working week and a booking page to try."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from schedules.models import BookingPage, WorkingHours


@pytest.mark.django_db
def test_demo_data_gives_alice_hours_and_a_booking_page_once():
    call_command("demo_data", stdout=None)
    call_command("demo_data", stdout=None)
    hours = WorkingHours.objects.filter(owner__username="alice")
    assert sorted(hours.values_list("weekday", "start_time", "end_time")) == [
        (day, dt.time(9), dt.time(17)) for day in range(5)
    ]
    page = BookingPage.objects.get(owner__username="alice")
    assert (page.slug, page.is_active, page.timezone) == ("alice-intro", True, "Europe/London")
