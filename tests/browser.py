"""Helpers for browser tests: a signed-in Chromium tab at a given width."""

from __future__ import annotations

from django.conf import settings
from django.test import Client

WIDTHS = {"desktop": (1280, 800), "phone": (390, 844)}


def signed_in_tab(browser, live_server, user, *, width: str = "desktop", **context):
    """A new tab whose session belongs to ``user`` (no login form typed), ``width`` wide."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    w, h = WIDTHS[width]
    ctx = browser.new_context(viewport={"width": w, "height": h}, **context)
    ctx.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )
    return ctx.new_page()


def fits_the_width(tab) -> bool:
    """Nothing on the page is wider than the screen (no sideways scrolling)."""
    return tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
