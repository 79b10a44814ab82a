"""The site shell: landing page, admin, API docs, and JSON errors for API clients."""

from __future__ import annotations

import pytest


@pytest.mark.django_db
def test_home_page_links_to_signup_login_docs_and_admin(web):
    r = web.get("/")
    assert r.status_code == 200
    for href in (b'href="/signup/"', b'href="/login/"', b'href="/api/docs/"', b'href="/admin/"'):
        assert href in r.content


@pytest.mark.django_db
def test_admin_login_page_renders(web):
    assert web.get("/admin/login/").status_code == 200


@pytest.mark.django_db
def test_api_docs_and_schema_render(web):
    r = web.get("/api/docs/")
    assert r.status_code == 200
    assert b"/static/drf_spectacular_sidecar/swagger-ui-dist/" in r.content
    assert b"cdn.jsdelivr" not in r.content
    r = web.get("/api/schema/")
    assert r.status_code == 200
    assert b"/accounts/signup/" in r.content


@pytest.mark.django_db
def test_unknown_paths_are_json_for_api_clients_and_html_for_browsers(web):
    r = web.get("/schedules/nope/", HTTP_ACCEPT="application/json")
    assert r.status_code == 404
    assert r.json() == {"detail": "Not found."}
    r = web.get("/nope/", HTTP_ACCEPT="text/html")
    assert r.status_code == 404
    assert b"Page not found" in r.content


@pytest.mark.django_db
def test_the_office_requires_login_and_shows_only_the_owners_profile(web, alice, bob):
    r = web.get("/office/", follow=True)
    assert r.redirect_chain[-1][0] == "/login/?next=/office/"
    web.force_login(alice)
    r = web.get("/office/accounts/user/")
    assert r.status_code == 200
    assert b"alice" in r.content
    assert b"bob" not in r.content
    assert web.get(f"/office/accounts/user/{bob.pk}/change/").status_code == 302


@pytest.mark.django_db
def test_the_office_profile_edits_the_time_zone(alice_web, alice):
    r = alice_web.post(
        f"/office/accounts/user/{alice.pk}/change/",
        {"first_name": "Alice", "last_name": "Liddell", "timezone": "Europe/Paris"},
    )
    assert r.status_code == 302
    alice.refresh_from_db()
    assert alice.timezone == "Europe/Paris"
    r = alice_web.post(
        f"/office/accounts/user/{alice.pk}/change/",
        {"first_name": "Alice", "last_name": "Liddell", "timezone": "Mars/Olympus"},
    )
    assert r.status_code == 200
    assert "not a known time zone" in r.content.decode()
