from __future__ import annotations

import pytest

from accounts.models import User
from tests.factories import PASSWORD


@pytest.mark.django_db
def test_the_login_page_renders_with_remember_me(web):
    r = web.get("/login/")
    assert r.status_code == 200
    assert b"Remember me" in r.content


@pytest.mark.django_db
def test_remember_me_keeps_the_session_two_weeks(web, alice):
    r = web.post("/login/", {"username": "alice", "password": PASSWORD, "remember_me": "on"})
    assert r.status_code == 302
    assert r.url == "/office/"
    assert not web.session.get_expire_at_browser_close()


@pytest.mark.django_db
def test_without_remember_me_the_session_ends_with_the_browser(web, alice):
    web.post("/login/", {"username": "alice@example.org", "password": PASSWORD})
    assert web.session.get_expire_at_browser_close()
    assert web.get("/office/").status_code == 200


@pytest.mark.django_db
def test_it_tells_an_unconfirmed_owner_to_confirm(web, alice):
    User.objects.filter(pk=alice.pk).update(is_active=False)
    r = web.post("/login/", {"username": "alice", "password": PASSWORD})
    assert r.status_code == 200
    assert b"Confirm your email address first" in r.content
    assert "_auth_user_id" not in web.session


@pytest.mark.django_db
def test_it_refuses_a_wrong_password_on_the_page(web, alice):
    r = web.post("/login/", {"username": "alice", "password": "nope"})
    assert r.status_code == 200
    assert b"do not match an account" in r.content


@pytest.mark.django_db
def test_logout_ends_the_session(alice_web):
    r = alice_web.post("/logout/")
    assert r.status_code == 302
    assert "_auth_user_id" not in alice_web.session


@pytest.mark.django_db
def test_web_signup_creates_an_account_and_sends_the_link(web):
    from django.core import mail

    r = web.post(
        "/signup/",
        {
            "email": "dana@example.org",
            "username": "dana",
            "password": "trust-no-1-ever",
            "password2": "trust-no-1-ever",
        },
    )
    assert r.status_code == 200
    assert b"Check your email" in r.content
    assert User.objects.filter(username="dana", is_active=False).exists()
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_web_signup_shows_errors_and_creates_nothing(web, alice):
    r = web.post(
        "/signup/",
        {"email": "x@example.org", "username": "alice", "password": "abc", "password2": "abd"},
    )
    assert b"Username already taken." in r.content
    assert b"Passwords must match." in r.content
    assert not User.objects.filter(email="x@example.org").exists()
