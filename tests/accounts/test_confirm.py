from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail

from accounts.models import User


def signup_and_get_link(api) -> str:
    api.post(
        "/accounts/signup/",
        {
            "email": "dana@example.org",
            "username": "dana",
            "password": "trust-no-1-ever",
            "password2": "trust-no-1-ever",
        },
        format="json",
    )
    return re.search(r"http://\S+/accounts/confirm/\S+/", mail.outbox[-1].body).group(0)


def path(link: str) -> str:
    return link.removeprefix("http://127.0.0.1:8000")


@pytest.mark.django_db
def test_it_shows_a_button_and_does_not_confirm_on_get(api, web):
    link = signup_and_get_link(api)
    r = web.get(path(link))
    assert r.status_code == 200
    assert b"Confirm my email address" in r.content
    assert not User.objects.get(username="dana").is_active


@pytest.mark.django_db
def test_it_activates_the_account_on_post_and_then_login_works(api, web):
    link = signup_and_get_link(api)
    r = web.post(path(link))
    assert r.status_code == 302
    assert r.url == "/login/"
    assert User.objects.get(username="dana").is_active
    r = api.post("/accounts/login/", {"username": "dana", "password": "trust-no-1-ever"})
    assert r.status_code == 200
    assert set(r.json()) == {"refresh", "access"}


@pytest.mark.django_db
def test_it_refuses_a_reused_link(api, web):
    link = signup_and_get_link(api)
    web.post(path(link))
    r = web.post(path(link))
    assert r.status_code == 400
    assert b"already been used" in r.content


@pytest.mark.django_db
def test_it_refuses_an_expired_link(api, web, clock):
    link = signup_and_get_link(api)
    clock.shift(timedelta(hours=49))
    r = web.post(path(link))
    assert r.status_code == 400
    assert b"has expired" in r.content
    assert not User.objects.get(username="dana").is_active


@pytest.mark.django_db
def test_it_refuses_an_unknown_token(web):
    r = web.post("/accounts/confirm/not-a-real-token/")
    assert r.status_code == 404
    assert b"not valid" in r.content


@pytest.mark.django_db
def test_it_resends_a_fresh_link_that_works(api, web, clock):
    old = signup_and_get_link(api)
    clock.shift(timedelta(hours=49))
    web.post("/accounts/confirm-resend/", {"email": "dana@example.org"})
    new = re.search(r"http://\S+/accounts/confirm/\S+/", mail.outbox[-1].body).group(0)
    assert new != old
    web.post(path(new))
    assert User.objects.get(username="dana").is_active


@pytest.mark.django_db
def test_resend_says_nothing_about_unknown_or_active_accounts(web, alice):
    r = web.post("/accounts/confirm-resend/", {"email": "alice@example.org"})
    assert r.status_code == 200
    r = web.post("/accounts/confirm-resend/", {"email": "nobody@example.org"})
    assert r.status_code == 200
    assert mail.outbox == []
