"""Throttles that hold: keyed on the socket's address, shared by every process, with a
login lockout on the API and the web form, and limits on every form that mails someone."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import RequestFactory, override_settings
from rest_framework.settings import api_settings

from config.throttling import client_ip

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent

RATES = {"login": "20/min", "signup": "10/min", "public": "120/min", "invite": "20/hour"}
counter = itertools.count()


@pytest.fixture(autouse=True)
def clean_counters():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def throttled(settings):
    """The production rates, for one test (tests run without throttles otherwise)."""
    settings.REST_FRAMEWORK = settings.REST_FRAMEWORK | {"DEFAULT_THROTTLE_RATES": RATES}
    yield
    api_settings.reload()


def production_settings(*expressions: str) -> list[str]:
    """Values of config.settings as a process without pytest (and without REDIS_URL) sees."""
    code = "import config.settings as s; " + "; ".join(f"print(s.{e})" for e in expressions)
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "TASKS_BACKEND"}}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return out.stdout.split()


def made_up_address() -> str:
    return f"203.0.113.{next(counter) % 250}"


def test_the_client_address_is_the_sockets_unless_proxies_are_trusted(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="1.2.3.4")
    settings.TRUSTED_PROXIES = 0
    assert client_ip(request) == "10.0.0.9"
    settings.TRUSTED_PROXIES = 1
    assert client_ip(request) == "1.2.3.4"
    chain = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="6.6.6.6, 1.2.3.4"
    )
    assert client_ip(chain) == "1.2.3.4"  # the hop our proxy added, not what the client sent


def test_a_made_up_forwarded_for_header_does_not_escape_the_api_throttle(api, throttled):
    statuses = [
        api.post(
            "/accounts/signup/", {"username": "x"}, HTTP_X_FORWARDED_FOR=made_up_address()
        ).status_code
        for _ in range(12)
    ]
    assert statuses == [400] * 10 + [429] * 2  # signup: 10 a minute from one address


def test_without_redis_counters_and_tasks_live_in_the_database_every_process_shares():
    shown = production_settings("CACHES['default']['BACKEND']", "TASKS['default']['BACKEND']")
    assert shown == [
        "django.core.cache.backends.db.DatabaseCache",
        "django_tasks_db.DatabaseBackend",
    ]


def test_the_api_login_locks_an_account_after_five_failures_from_one_address(api, alice):
    statuses = [
        api.post("/accounts/login/", {"username": "alice", "password": "wrong"}).status_code
        for _ in range(5)
    ]
    assert statuses == [401] * 4 + [429]
    right = {"username": "alice", "password": "correct horse battery staple"}
    r = api.post("/accounts/login/", right)
    assert r.status_code == 429
    assert "Too many failed logins" in r.json()["detail"]
    assert int(r["Retry-After"]) > 0


def test_the_lockout_counts_the_account_however_it_is_typed(api, alice):
    for name in ["alice", "ALICE@example.org", "alice@example.org", "Alice", "alice"]:
        api.post("/accounts/login/", {"username": name, "password": "wrong"})
    r = api.post(
        "/accounts/login/",
        {"username": "alice@example.org", "password": "correct horse battery staple"},
    )
    assert r.status_code == 429


def test_the_web_login_locks_after_five_failures_then_refuses_the_right_password(web, alice):
    statuses = [
        web.post("/login/", {"username": "alice", "password": "wrong"}).status_code
        for _ in range(5)
    ]
    assert statuses == [200] * 4 + [429]  # the form again with its error, then the lockout
    r = web.post("/login/", {"username": "alice", "password": "correct horse battery staple"})
    assert r.status_code == 429
    assert "Too many failed logins" in r.content.decode()
    assert "_auth_user_id" not in web.session


def test_a_locked_address_cannot_guess_other_accounts_either(api, alice, bob):
    for _ in range(5):
        api.post("/accounts/login/", {"username": "alice", "password": "wrong"})
    r = api.post(
        "/accounts/login/", {"username": "bob", "password": "correct horse battery staple"}
    )
    assert r.status_code == 429


def test_another_address_can_still_log_in_to_the_account(api, alice):
    for _ in range(5):
        api.post("/accounts/login/", {"username": "alice", "password": "wrong"})
    right = {"username": "alice", "password": "correct horse battery staple"}
    assert api.post("/accounts/login/", right, REMOTE_ADDR="198.51.100.7").status_code == 200


@override_settings(RATELIMIT_ENABLE=True)
def test_the_web_signup_form_is_rate_limited(web):
    statuses = []
    for n in range(7):
        body = {
            "email": f"n{n}@example.org",
            "username": f"n{n}",
            "password": "x",
            "password2": "y",
        }
        statuses.append(web.post("/signup/", body).status_code)
    assert statuses[:5] == [200] * 5
    assert statuses[5:] == [429, 429]


@override_settings(RATELIMIT_ENABLE=True)
def test_password_reset_mails_one_person_at_most_five_times_an_hour(web, alice):
    from django.core import mail

    for n in range(8):
        web.post("/password-reset/", {"email": "alice@example.org"}, REMOTE_ADDR=f"10.1.0.{n}")
    assert len(mail.outbox) == 5


@override_settings(RATELIMIT_ENABLE=True)
def test_the_confirmation_resend_is_rate_limited(web):
    statuses = [
        web.post("/accounts/confirm-resend/", {"email": "x@example.org"}).status_code
        for _ in range(7)
    ]
    assert statuses[-1] == 429
