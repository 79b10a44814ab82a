"""The contacts job in Chromium, at desktop and phone widths."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from schedules.models import Contact
from tests.browser import WIDTHS, fits_the_width, signed_in_tab

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", WIDTHS)
def test_an_owner_adds_finds_edits_and_deletes_a_contact(browser, live_server, alice, width):
    tab = signed_in_tab(browser, live_server, alice, width=width)
    tab.goto(f"{live_server.url}/app/contacts/")
    expect(tab.get_by_role("heading", name="Contacts")).to_be_visible()
    expect(tab.get_by_role("link", name="Contacts")).to_have_attribute("aria-current", "page")

    tab.get_by_role("link", name="Add a contact").click()
    tab.get_by_label("First name").fill("Jane")
    tab.get_by_label("Last name").fill("Doe")
    tab.get_by_label("Email").fill("not-an-email")
    tab.get_by_role("button", name="Add contact").click()
    expect(tab.get_by_text("Invalid email address")).to_be_visible()
    tab.get_by_label("Email").fill("jane@example.org")
    tab.get_by_role("button", name="Add contact").click()
    expect(tab.get_by_text("Jane Doe is in your contacts.")).to_be_visible()
    assert fits_the_width(tab)

    tab.get_by_label("Search contacts").fill("jane")
    tab.get_by_role("button", name="Search").click()
    tab.get_by_role("link", name="Jane Doe").click()
    tab.get_by_label("First name").fill("Janet")
    tab.get_by_role("button", name="Save").click()
    expect(tab.get_by_text("Janet Doe is saved.")).to_be_visible()

    tab.get_by_role("link", name="Janet Doe").click()
    tab.get_by_role("link", name="Delete Janet Doe").click()
    expect(tab.get_by_text("Delete Janet Doe?")).to_be_visible()
    assert Contact.objects.filter(owner=alice).exists()  # asking deletes nothing
    tab.get_by_role("button", name="Delete").click()
    expect(tab.get_by_text("Janet Doe is no longer in your contacts.")).to_be_visible()
    assert not Contact.objects.filter(owner=alice).exists()
    assert fits_the_width(tab)
    tab.context.close()
