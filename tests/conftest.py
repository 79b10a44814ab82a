"""Shared fixtures. The cast: alice owns things, bob is another owner, charlie
should have no access to either's data."""

from __future__ import annotations

import pytest
from django.test import TestCase
from model_bakery import baker
from rest_framework.test import APIClient


class CommitOnResponseClient(APIClient):
    """An API client that runs on_commit callbacks at the end of each request.

    Tests run inside one transaction that never commits, so without this no
    email would ever be queued; in production the request's transaction
    commits and then the callbacks run, which is what this mirrors.
    """

    def request(self, **kwargs):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return super().request(**kwargs)


def make_owner(username: str, **extra):
    user = baker.make(
        "accounts.User",
        username=username,
        email=f"{username}@example.org",
        first_name=username.capitalize(),
        last_name="Example",
        is_active=True,
        **extra,
    )
    user.set_password("correct horse battery staple")
    user.save()
    return user


@pytest.fixture
def alice(db):
    return make_owner("alice")


@pytest.fixture
def bob(db):
    return make_owner("bob")


@pytest.fixture
def charlie(db):
    return make_owner("charlie")


@pytest.fixture
def api():
    """An anonymous API client."""
    return CommitOnResponseClient()


@pytest.fixture
def api_as():
    """``api_as(user)``: an API client authenticated as ``user``."""

    def make(user):
        client = CommitOnResponseClient()
        client.force_authenticate(user)
        return client

    return make


@pytest.fixture
def alice_api(api_as, alice):
    return api_as(alice)


@pytest.fixture
def web():
    """A browser-like Django test client that also runs on_commit callbacks."""
    from django.test import Client

    class CommitClient(Client):
        def request(self, **kwargs):
            with TestCase.captureOnCommitCallbacks(execute=True):
                return super().request(**kwargs)

    return CommitClient()
