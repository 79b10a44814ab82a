"""Refresh and logout: rotation, and a blacklisted refresh token is refused."""

from __future__ import annotations

import pytest

from tests.factories import PASSWORD


def login(api) -> dict:
    return api.post("/accounts/login/", {"username": "alice", "password": PASSWORD}).json()


@pytest.mark.django_db
def test_refresh_returns_a_new_access_and_rotated_refresh(api, alice):
    tokens = login(api)
    r = api.post("/accounts/token/refresh/", {"refresh": tokens["refresh"]}, format="json")
    assert r.status_code == 200
    assert set(r.json()) == {"access", "refresh"}
    assert r.json()["refresh"] != tokens["refresh"]


@pytest.mark.django_db
def test_a_rotated_refresh_token_cannot_be_used_again(api, alice):
    tokens = login(api)
    api.post("/accounts/token/refresh/", {"refresh": tokens["refresh"]}, format="json")
    r = api.post("/accounts/token/refresh/", {"refresh": tokens["refresh"]}, format="json")
    assert r.status_code == 401


@pytest.mark.django_db
def test_logout_blacklists_the_refresh_token(api, alice):
    tokens = login(api)
    r = api.post("/accounts/logout/", {"refresh": tokens["refresh"]}, format="json")
    assert r.status_code == 200
    assert r.json() == {"detail": "Logged out."}
    r = api.post("/accounts/token/refresh/", {"refresh": tokens["refresh"]}, format="json")
    assert r.status_code == 401
    assert r.json()["detail"] == "Token is blacklisted"


@pytest.mark.django_db
def test_logout_refuses_garbage_and_missing_tokens(api):
    r = api.post("/accounts/logout/", {"refresh": "garbage"}, format="json")
    assert r.status_code == 400
    assert r.json() == {"refresh": ["Token is invalid or expired"]}
    r = api.post("/accounts/logout/", {}, format="json")
    assert r.status_code == 400
    assert r.json() == {"refresh": ["This field is required."]}


@pytest.mark.django_db
def test_refresh_refuses_garbage(api):
    r = api.post("/accounts/token/refresh/", {"refresh": "garbage"}, format="json")
    assert r.status_code == 401
