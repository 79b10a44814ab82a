"""/schedules/booking-pages/: the owner's pages, their public URL, and emailed invitations."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from schedules.models import BookingPage
from tests.factories import NOW, block, html_of, make_page

URL = "/schedules/booking-pages/"


@pytest.mark.django_db
def test_it_creates_a_page_with_a_slug_a_url_and_the_owners_zone(alice_api, alice):
    alice.timezone = "Europe/Lisbon"
    alice.save()
    r = alice_api.post(URL, {"title": "Café chat, 30 min!", "duration": 30}, format="json")
    assert r.status_code == 201
    body = r.json()
    assert body["slug"] == "cafe-chat-30-min"
    assert body["url"] == "http://127.0.0.1:8000/book/cafe-chat-30-min/"
    assert body["timezone"] == "Europe/Lisbon"
    assert (body["buffer_before"], body["minimum_notice"], body["horizon_days"]) == (0, 60, 60)
    assert BookingPage.objects.get().owner == alice


@pytest.mark.django_db
def test_slugs_are_unique_across_owners(alice_api, api_as, bob):
    api_as(bob).post(URL, {"title": "Intro"}, format="json")
    r = alice_api.post(URL, {"title": "Intro"}, format="json")
    assert r.json()["slug"] == "intro-2"
    r = alice_api.post(URL, {"title": "Other", "slug": "Intro"}, format="json")
    assert (r.status_code, r.json()) == (
        400,
        {"slug": ["This link is already taken. Choose another slug."]},
    )
    r = alice_api.post(URL, {"title": "Other", "slug": "My-Page"}, format="json")
    assert r.json()["slug"] == "my-page"
    r = alice_api.post(URL, {"title": "Other", "slug": "no spaces/or slashes"}, format="json")
    assert r.status_code == 400


@pytest.mark.django_db
def test_it_updates_and_keeps_the_slug_unless_told(alice_api, alice):
    page = make_page(alice)
    r = alice_api.patch(f"{URL}{page.pk}/", {"title": "New title", "duration": 45}, format="json")
    assert (r.json()["slug"], r.json()["duration"]) == ("intro", 45)
    r = alice_api.patch(f"{URL}{page.pk}/", {"slug": "hello"}, format="json")
    assert r.json()["url"].endswith("/book/hello/")
    r = alice_api.put(f"{URL}{page.pk}/", {"title": "Whole", "slug": ""}, format="json")
    assert (r.status_code, r.json()["slug"]) == (200, "whole")
    r = alice_api.put(f"{URL}{page.pk}/", {"title": "Whole", "slug": ""}, format="json")
    assert r.json()["slug"] == "whole"  # its own slug is not taken


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("duration", 3),
        ("duration", 721),
        ("slot_interval", 2),
        ("buffer_before", 241),
        ("minimum_notice", -1),
        ("horizon_days", 0),
        ("horizon_days", 366),
        ("timezone", "Moon/Base"),
        ("is_active", "perhaps"),
        ("title", ""),
    ],
)
def test_bad_settings_are_400s(alice_api, field, value):
    r = alice_api.post(URL, {"title": "Intro", field: value}, format="json")
    assert r.status_code == 400
    assert field in r.json()


@pytest.mark.django_db
def test_another_owners_pages_are_not_found(alice_api, bob):
    page = make_page(bob)
    assert alice_api.get(URL).json() == []
    assert alice_api.get(f"{URL}{page.pk}/").status_code == 404
    assert alice_api.patch(f"{URL}{page.pk}/", {"title": "x"}, format="json").status_code == 404
    assert alice_api.delete(f"{URL}{page.pk}/").status_code == 404
    assert (
        alice_api.post(
            f"{URL}{page.pk}/invite/", {"emails": ["a@b.org"]}, format="json"
        ).status_code
        == 404
    )
    assert alice_api.get(f"{URL}abc/").status_code == 404


@pytest.mark.django_db
def test_a_page_with_upcoming_bookings_is_deactivated_not_deleted(alice_api, alice, clock):
    page = make_page(alice)
    block(alice, NOW + dt.timedelta(days=1), booking_page=page)
    r = alice_api.delete(f"{URL}{page.pk}/")
    assert r.status_code == 400
    assert "Deactivate it instead" in r.json()["detail"]
    clock.move_to(NOW + dt.timedelta(days=2))
    assert alice_api.delete(f"{URL}{page.pk}/").status_code == 204
    assert not BookingPage.objects.exists()


@pytest.mark.django_db
def test_it_requires_authentication(api):
    assert api.get(URL).status_code == 401
    assert api.post(URL, {"title": "x"}, format="json").status_code == 401


# --- invitations (seed 000: "Send my invitation") ----------------------------------------


@pytest.mark.django_db
def test_invitations_are_rate_limited_per_owner(alice_api, alice, monkeypatch):
    from django.core.cache import cache

    from config.throttling import ScopedRateThrottle

    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"invite": "2/hour"})
    cache.clear()
    page = make_page(alice)
    body = {"emails": ["dana@example.org"]}
    codes = [alice_api.post(f"{URL}{page.pk}/invite/", body, format="json").status_code]
    codes += [alice_api.post(f"{URL}{page.pk}/invite/", body, format="json").status_code]
    codes += [alice_api.post(f"{URL}{page.pk}/invite/", body, format="json").status_code]
    assert codes == [200, 200, 429]
    assert len(mail.outbox) == 2
    assert alice_api.get(f"{URL}{page.pk}/").status_code == 200  # only invitations are limited
    cache.clear()


@pytest.mark.django_db
def test_it_emails_the_link_once_to_each_address(alice_api, booking_page):
    r = alice_api.post(
        f"{URL}{booking_page.pk}/invite/",
        {
            "emails": ["dana@example.org", "eve@example.org", "Dana@Example.org"],
            "note": "Looking forward!",
        },
        format="json",
    )
    assert r.status_code == 200
    assert r.json() == {
        "detail": "Invitation sent to 2 addresses.",
        "sent": 2,
        "emails": ["dana@example.org", "eve@example.org"],
    }
    assert [m.to for m in mail.outbox] == [["dana@example.org"], ["eve@example.org"]]
    message = mail.outbox[0]
    assert message.subject == "Alice Example invites you to book: Intro call"
    assert "http://127.0.0.1:8000/book/intro/" in message.body
    assert "Looking forward!" in message.body
    assert 'href="http://127.0.0.1:8000/book/intro/"' in html_of(message)
    assert message.reply_to == ["alice@example.org"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "says"),
    [
        ({"emails": ["not-an-email"]}, "valid email"),
        ({"emails": []}, "may not be empty"),
        ({"emails": "a@b.org"}, "Expected a list"),
        ({"emails": [f"p{n}@example.org" for n in range(51)]}, "no more than 50"),
        ({}, "required"),
    ],
)
def test_bad_invitation_lists_are_400s_and_send_nothing(alice_api, alice, body, says):
    page = make_page(alice)
    r = alice_api.post(f"{URL}{page.pk}/invite/", body, format="json")
    assert r.status_code == 400
    assert says in str(r.json()["emails"])
    assert mail.outbox == []


@pytest.mark.django_db
def test_an_inactive_page_is_not_sent(alice_api, alice):
    page = make_page(alice, is_active=False)
    r = alice_api.post(f"{URL}{page.pk}/invite/", {"emails": ["a@b.org"]}, format="json")
    assert r.status_code == 400
    assert "Activate it" in r.json()["detail"]
    assert mail.outbox == []
