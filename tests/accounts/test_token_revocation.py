"""A new password ends every API session: refresh tokens are blacklisted, access tokens die."""

from __future__ import annotations

import re

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def login(api) -> dict:
    return api.post("/accounts/login/", {"username": "alice", "password": PASSWORD}).json()


def reset_password(web, new: str) -> None:
    web.post("/password-reset/", {"email": "alice@example.org"})
    link = re.search(r"https?://[^/\s]+(/password-reset/[^\s]+/)", mail.outbox[-1].body).group(1)
    form = web.get(link, follow=True)
    set_url = form.redirect_chain[-1][0] if form.redirect_chain else link
    r = web.post(set_url, {"new_password1": new, "new_password2": new})
    assert r.status_code == 302, r.content.decode()[:500]


def test_a_password_reset_revokes_refresh_tokens(api, web, alice):
    tokens = login(api)
    reset_password(web, "a-brand-new-secret-42")
    r = api.post("/accounts/token/refresh/", {"refresh": tokens["refresh"]})
    assert r.status_code == 401


def test_a_password_reset_ends_access_tokens_too(api, web, alice):
    from rest_framework.test import APIClient

    tokens = login(api)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens['access']}")
    assert client.get("/accounts/me/").status_code == 200
    reset_password(web, "a-brand-new-secret-42")
    assert client.get("/accounts/me/").status_code == 401


def test_the_new_password_logs_in(api, web, alice):
    reset_password(web, "a-brand-new-secret-42")
    r = api.post("/accounts/login/", {"username": "alice", "password": "a-brand-new-secret-42"})
    assert r.status_code == 200
