"""demo_data gives alice a sample round: three invitees, Jane has answered."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import TestCase

from schedules.models import Availability, Calendar

pytestmark = pytest.mark.django_db


def run() -> str:
    out = StringIO()
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("demo_data", stdout=out)
    return out.getvalue()


def test_it_loads_a_sample_round_once():
    assert "Sample round" in run()
    calendar = Calendar.objects.get(owner__username="alice", name="Project check-ins")
    invitations = calendar.invitations.select_related("contact")
    assert invitations.count() == 3
    assert [i.contact.first_name for i in invitations if i.responded] == ["Jane"]
    assert Availability.objects.filter(calendar=calendar, invitation=None).count() == 3
    assert Availability.objects.filter(calendar=calendar, invitation__isnull=False).count() == 2
    assert len(mail.outbox) == 3
    assert "Sample round" not in run()
    assert Calendar.objects.count() == 1
    assert len(mail.outbox) == 3
