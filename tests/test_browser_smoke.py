"""The site in a real browser: the landing page leads to a working login."""

from __future__ import annotations

import pytest

from tests.factories import PASSWORD


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_owner_logs_in_from_the_home_page(page, live_server, alice):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Log in").first.click()
    page.get_by_label("Username or email").fill("alice@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/office/")
    assert "Rendezvous back office" in page.content()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_api_docs_render_without_a_cdn(page, live_server):
    page.goto(live_server.url + "/api/docs/")
    page.wait_for_selector("text=/accounts/signup/", timeout=15000)
    assert "Rendezvous API" in page.content()
