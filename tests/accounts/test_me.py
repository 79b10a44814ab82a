from __future__ import annotations

import pytest


@pytest.mark.django_db
def test_it_shows_the_signed_in_owner(alice_api, alice):
    r = alice_api.get("/accounts/me/")
    assert r.status_code == 200
    assert r.json() == {
        "id": alice.id,
        "username": "alice",
        "email": "alice@example.org",
        "first_name": "Alice",
        "last_name": "Example",
        "timezone": "UTC",
    }


@pytest.mark.django_db
def test_it_changes_the_time_zone(alice_api, alice):
    r = alice_api.patch("/accounts/me/", {"timezone": "America/New_York"}, format="json")
    assert r.status_code == 200
    alice.refresh_from_db()
    assert alice.timezone == "America/New_York"


@pytest.mark.django_db
def test_it_refuses_unknown_zones_and_read_only_fields(alice_api, alice):
    r = alice_api.patch("/accounts/me/", {"timezone": "EST5EDT+1"}, format="json")
    assert r.status_code == 400
    assert "not a known time zone" in r.json()["timezone"][0]
    alice_api.patch("/accounts/me/", {"username": "mallory"}, format="json")
    alice.refresh_from_db()
    assert alice.username == "alice"


@pytest.mark.django_db
def test_it_requires_authentication(api):
    assert api.get("/accounts/me/").status_code == 401
