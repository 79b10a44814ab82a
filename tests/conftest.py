"""Shared fixtures: the cast, the clients, the clock, a booking page and the browser.

The cast: alice owns things, bob is another owner, charlie should have no access to
either's data. Rows are built with the factories in tests/factories.py.
"""

from __future__ import annotations

import pytest
import time_machine
from django.test import Client, TestCase
from rest_framework.test import APIClient

from tests.factories import NOW, make_owner, make_page, set_week

# --- the cast -----------------------------------------------------------------------------


@pytest.fixture
def alice(db):
    return make_owner("alice")


@pytest.fixture
def bob(db):
    return make_owner("bob")


@pytest.fixture
def charlie(db):
    return make_owner("charlie")


# --- clients ------------------------------------------------------------------------------


class CommitOnResponse:
    """A test client mixin that runs on_commit callbacks at the end of each request.

    Tests run inside one transaction that never commits, so without this no
    email would ever be queued; in production the request's transaction
    commits and then the callbacks run, which is what this mirrors.
    """

    def request(self, **kwargs):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return super().request(**kwargs)


class CommitOnResponseAPIClient(CommitOnResponse, APIClient):
    """DRF's client, for the JSON API."""


class CommitOnResponseWebClient(CommitOnResponse, Client):
    """Django's client, for the HTML pages and the office: a browser without JavaScript."""


@pytest.fixture
def api():
    """An anonymous API client."""
    return CommitOnResponseAPIClient()


@pytest.fixture
def api_as():
    """``api_as(user)``: an API client authenticated as ``user``."""

    def make(user):
        client = CommitOnResponseAPIClient()
        client.force_authenticate(user)
        return client

    return make


@pytest.fixture
def alice_api(api_as, alice):
    return api_as(alice)


@pytest.fixture
def web():
    """An anonymous web client."""
    return CommitOnResponseWebClient()


@pytest.fixture
def web_as():
    """``web_as(user)``: a web client with ``user`` logged in (a session cookie)."""

    def make(user):
        client = CommitOnResponseWebClient()
        client.force_login(user)
        return client

    return make


@pytest.fixture
def alice_web(web_as, alice):
    return web_as(alice)


# --- the clock ----------------------------------------------------------------------------


@pytest.fixture
def clock():
    """Time frozen at ``NOW`` (tick=False); yields time_machine's traveller.

    A test that needs another moment moves it: ``clock.move_to(moment)`` or
    ``clock.shift(delta)``; one whose threads must see time pass lets it run with
    ``clock.move_to(NOW, tick=True)``.
    """
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


# --- a booking page -----------------------------------------------------------------------


@pytest.fixture
def booking_page(alice):
    """Alice's public page /book/intro/: 30 minutes on a 30-minute grid, an hour's notice,
    Monday to Friday 09:00-17:00 New York time. A module needing other settings
    overrides this fixture, starting from it."""
    set_week(alice)
    return make_page(alice)


# --- the browser --------------------------------------------------------------------------


NO_BROWSER = (
    "Debian's Chromium is not installed: `make test` installs it when it may (root or "
    "passwordless sudo), otherwise run `apt-get install -y chromium` as root"
)
skipped_for_browser: list[str] = []


def chromium() -> str | None:
    """Debian's Chromium, if this machine has it (never a browser a test tool downloads).
    ``CHROMIUM`` names another executable (a test points it nowhere to act out a fresh
    machine)."""
    import os
    import shutil

    executable = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    return executable if os.path.exists(executable) else None


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright. Without it the browser tests skip, saying why,
    unless REQUIRE_BROWSER is set (CI sets it, so they can never silently not run)."""
    import os

    from playwright.sync_api import sync_playwright

    executable = chromium()
    if executable is None:
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(f"{NO_BROWSER}, and REQUIRE_BROWSER is set.")
        pytest.skip(NO_BROWSER)
    # Playwright's sync API runs an event loop in this thread; the ORM calls
    # that tests make between page actions are still synchronous and safe.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as p:
        instance = p.chromium.launch(
            executable_path=executable,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    """A fresh browser page; pass ``timezone_id`` via ``browser.new_context`` when it matters."""
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


def pytest_runtest_logreport(report):
    if report.skipped and NO_BROWSER in str(report.longrepr):
        skipped_for_browser.append(report.nodeid)


def pytest_terminal_summary(terminalreporter):
    if skipped_for_browser:
        terminalreporter.write_line(
            f"{len(skipped_for_browser)} browser tests skipped: {NO_BROWSER}.", yellow=True
        )
