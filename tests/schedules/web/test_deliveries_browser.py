"""Messages sent, in Chromium at desktop and phone widths."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser import WIDTHS, fits_the_width, signed_in_tab
from tests.factories import failed_delivery

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", WIDTHS)
def test_an_owner_sees_a_failed_email_and_sends_it_again(browser, live_server, alice, width):
    failed_delivery(alice, recipient="jane@example.org", last_error="SMTP 550 no such user")
    tab = signed_in_tab(browser, live_server, alice, width=width)
    tab.goto(f"{live_server.url}/app/messages/")
    expect(tab.get_by_role("heading", name="Messages sent")).to_be_visible()
    expect(tab.get_by_text("SMTP 550 no such user")).to_be_visible()
    assert fits_the_width(tab)
    tab.get_by_role("button", name="Send again to jane@example.org").click()
    expect(tab.get_by_text("1 message will be sent again in a moment.")).to_be_visible()
    tab.context.close()
