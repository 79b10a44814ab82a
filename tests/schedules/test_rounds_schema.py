"""The OpenAPI schema documents the rounds endpoints, and what they answer matches it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from drf_spectacular.generators import SchemaGenerator

from schedules.models import Availability, Invitation, Meeting
from tests.factories import NOW, contact, create_payload, make_calendar
from tests.openapi import assert_matches

pytestmark = pytest.mark.django_db


def test_the_schema_validates_without_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yml"))


def test_every_rounds_endpoint_is_documented_with_bodies():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    paths = schema["paths"]
    expected = {
        "/schedules/home/": {"get"},
        "/schedules/contacts/": {"get", "post", "patch", "delete"},
        "/schedules/calendars/create/": {"post"},
        "/schedules/calendars/{calendar_id}/details/": {"get", "put"},
        "/schedules/calendars/remind/{calendar_id}/{contact_id}/": {"get"},
        "/schedules/calendars/{calendar_id}/respond/{token}/": {"get", "post"},
    }
    for path, methods in expected.items():
        assert set(paths[path]) == methods, path
        for method in methods:
            operation = paths[path][method]
            assert (
                "200" in operation["responses"]
                or "201" in operation["responses"]
                or ("204" in operation["responses"])
            )
            if method in {"post", "put", "patch", "delete"}:
                assert "requestBody" in operation, (path, method)
            ok = operation["responses"].get("200") or operation["responses"].get("201")
            if ok:
                assert "content" in ok, (path, method)


@pytest.mark.usefixtures("clock")
def test_responses_match_their_documented_shapes(api, alice_api, alice):
    jane = contact(alice)
    created = alice_api.post(
        "/schedules/calendars/create/", create_payload(invitees=[jane.pk]), format="json"
    ).json()
    assert_matches(created, path="/schedules/calendars/create/", method="post", status=201)

    calendar = make_calendar(alice, invitees=[contact(alice, "John")])
    invitation = Invitation.objects.get(calendar=calendar)
    start = Availability.objects.filter(calendar=calendar).first().start
    Availability.objects.create(
        calendar=calendar,
        invitation=invitation,
        start=start,
        end=start + dt.timedelta(hours=1),
        preference=2,
    )
    Invitation.objects.filter(pk=invitation.pk).update(responded_at=NOW, last_reminded_at=NOW)
    details = alice_api.get(f"/schedules/calendars/{calendar.pk}/details/").json()
    assert details["Invitee_availability"][0]["slots"]
    assert_matches(details, path="/schedules/calendars/{calendar_id}/details/")

    token = calendar.raw_tokens[invitation.contact_id]
    page = api.get(f"/schedules/calendars/{calendar.pk}/respond/{token}/").json()
    assert page["availability"]
    assert_matches(page, path="/schedules/calendars/{calendar_id}/respond/{token}/")

    Meeting.objects.create(
        owner=alice,
        kind=Meeting.Kind.ROUND,
        calendar=calendar,
        contact=invitation.contact,
        start=start,
        end=start + dt.timedelta(minutes=30),
        attendee_name="John",
        attendee_email="john@example.com",
    )
    home = alice_api.get("/schedules/home/").json()
    assert home["finalized_meetings"] and home["unfinalized_meetings"]
    assert_matches(home, path="/schedules/home/")

    assert_matches(alice_api.get("/schedules/contacts/").json(), path="/schedules/contacts/")
