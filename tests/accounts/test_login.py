from __future__ import annotations

import pytest

from accounts.models import User
from tests.factories import PASSWORD

NO_ACCOUNT = "No active account found with the given credentials"


@pytest.mark.django_db
def test_it_returns_refresh_and_access_tokens(api, alice):
    r = api.post("/accounts/login/", {"username": "alice", "password": PASSWORD}, format="json")
    assert r.status_code == 200
    assert set(r.json()) == {"refresh", "access"}


@pytest.mark.django_db
def test_it_accepts_the_email_as_username(api, alice):
    r = api.post(
        "/accounts/login/", {"username": "ALICE@example.org", "password": PASSWORD}, format="json"
    )
    assert r.status_code == 200


@pytest.mark.django_db
def test_the_access_token_authenticates_api_requests(api, alice):
    access = api.post("/accounts/login/", {"username": "alice", "password": PASSWORD}).json()[
        "access"
    ]
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    r = api.get("/api/schema/")
    assert r.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("username", "password"),
    [("alice", "wrong password"), ("nobody", PASSWORD), ("nobody@example.org", PASSWORD)],
)
def test_it_refuses_wrong_credentials(api, alice, username, password):
    r = api.post("/accounts/login/", {"username": username, "password": password}, format="json")
    assert r.status_code == 401
    assert r.json() == {"detail": NO_ACCOUNT}


@pytest.mark.django_db
def test_it_refuses_an_unconfirmed_account(api, alice):
    User.objects.filter(pk=alice.pk).update(is_active=False)
    r = api.post("/accounts/login/", {"username": "alice", "password": PASSWORD}, format="json")
    assert r.status_code == 401
    assert r.json() == {"detail": NO_ACCOUNT}


@pytest.mark.django_db
def test_it_requires_both_fields(api):
    r = api.post("/accounts/login/", {}, format="json")
    assert r.status_code == 400
    assert r.json() == {
        "username": ["This field is required."],
        "password": ["This field is required."],
    }
