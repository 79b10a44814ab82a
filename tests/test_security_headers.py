"""A Content-Security-Policy everywhere; pages whose URL is a secret stay out of caches,
search engines and Referer headers."""

from __future__ import annotations

import datetime as dt

import pytest
from model_bakery import baker

from accounts.tokens import new_token
from schedules.models import BookingPage, Calendar, Invitation, Meeting

pytestmark = pytest.mark.django_db


def assert_secret(response) -> None:
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "no-referrer"


def test_every_page_carries_a_content_security_policy(web):
    policy = web.get("/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "object-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy


def test_the_api_docs_load_their_script_from_our_origin(web):
    html = web.get("/api/docs/").content.decode()
    assert "<script>" not in html.replace(" ", "")


def test_the_invitees_page_and_its_api_are_secret(web, api, alice):
    calendar = baker.make(Calendar, owner=alice, deadline=dt.datetime(2030, 1, 1, tzinfo=dt.UTC))
    token, token_hash = new_token()
    contact = baker.make("schedules.Contact", owner=alice, email="j@example.org")
    Invitation.objects.create(calendar=calendar, contact=contact, token_hash=token_hash)
    assert_secret(web.get(f"/calendars/{calendar.pk}/respond/{token}/"))
    assert_secret(api.get(f"/schedules/calendars/{calendar.pk}/respond/{token}/"))
    assert_secret(web.get(f"/calendars/{calendar.pk}/respond/wrong-token/"))


def test_the_manage_page_is_secret(web, alice):
    page = baker.make(BookingPage, owner=alice, slug="intro", title="Intro")
    token, token_hash = new_token()
    baker.make(
        Meeting,
        owner=alice,
        kind=Meeting.Kind.BOOKING,
        booking_page=page,
        start=dt.datetime(2030, 1, 1, 9, tzinfo=dt.UTC),
        end=dt.datetime(2030, 1, 1, 10, tzinfo=dt.UTC),
        manage_token_hash=token_hash,
    )
    assert_secret(web.get(f"/book/intro/manage/{token}/"))


def test_the_feed_and_the_confirmation_link_are_secret(web, alice_api):
    url = alice_api.post("/schedules/feed/").json()["url"]
    assert_secret(web.get(url.split("8000", 1)[-1]))
    assert_secret(web.get("/accounts/confirm/some-token/"))
