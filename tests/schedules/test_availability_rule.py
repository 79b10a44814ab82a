"""One decision, used everywhere: touching owner slots form one stretch of available time.

The respond API, the suggestions and finalize validation all accept a meeting that spans
10:00-11:00 (preferred) and 11:00-12:00 (possible), at the lower preference.
"""

from __future__ import annotations

import datetime as dt

import pytest
from model_bakery import baker

from accounts.tokens import new_token
from schedules.models import Availability, Calendar, Invitation
from tests.factories import NOW, contact

DAY = dt.datetime(2026, 3, 10, tzinfo=dt.UTC)
H = dt.timedelta(hours=1)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]


@pytest.fixture
def round_(alice):
    calendar = baker.make(
        Calendar, owner=alice, name="Check-ins", deadline=NOW + 7 * 24 * H, meeting_duration=60
    )
    Availability.objects.create(
        calendar=calendar, start=DAY + 10 * H, end=DAY + 11 * H, preference=3
    )
    Availability.objects.create(
        calendar=calendar, start=DAY + 11 * H, end=DAY + 12 * H, preference=1
    )
    jane = contact(alice)
    token, token_hash = new_token()
    invitation = Invitation.objects.create(calendar=calendar, contact=jane, token_hash=token_hash)
    return calendar, invitation, token


def test_an_invitee_may_answer_across_two_touching_owner_slots(api, round_):
    calendar, _invitation, token = round_
    body = {
        "availability": [
            {
                "start_time": "2026-03-10T10:30:00Z",
                "end_time": "2026-03-10T11:30:00Z",
                "preference_level": 3,
            }
        ]
    }
    r = api.post(f"/schedules/calendars/{calendar.pk}/respond/{token}/", body, format="json")
    assert r.status_code == 200, r.json()


def test_the_suggestion_spans_the_stretch_at_the_lower_owner_preference(alice_api, round_):
    calendar, invitation, _ = round_
    Availability.objects.create(
        calendar=calendar,
        invitation=invitation,
        start=DAY + 10.5 * H,
        end=DAY + 11.5 * H,
        preference=3,
    )
    Invitation.objects.filter(pk=invitation.pk).update(responded_at=NOW)
    data = alice_api.get(f"/schedules/calendars/{calendar.pk}/confirm/").json()
    best = data["suggested_schedules"][0]
    assert [(m["start_time"], m["end_time"]) for m in best] == [
        ("2026-03-10T10:30:00+00:00", "2026-03-10T11:30:00+00:00")
    ]
    assert data["suggestion_scores"][0]["score"] == 1 + 3  # owner: lowest of 3 and 1


def test_finalize_accepts_a_meeting_across_the_stretch_for_someone_who_did_not_answer(
    alice_api, round_
):
    calendar, invitation, _ = round_
    body = {
        "finalized_schedule": [
            {
                "contact_id": invitation.contact_id,
                "start_time": "2026/03/10 10:45:00",
                "end_time": "2026/03/10 11:45:00",
            }
        ]
    }
    r = alice_api.post(f"/schedules/calendars/{calendar.pk}/confirm/", body, format="json")
    assert r.status_code == 201, r.json()
