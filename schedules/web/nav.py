"""The areas of the owner app, in navigation order. Each area adds itself here."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class Area:
    key: str  # what a view sets as ``nav`` to mark itself current
    label: str
    url_name: str


AREAS: list[Area] = [
    Area("home", "Home", "app:home"),
    Area("calendar", "Calendar", "app:calendar"),
    Area("hours", "Working schedule", "app:hours"),
    Area("pages", "Booking pages", "app:pages"),
    Area("rounds", "1-on-1 rounds", "app:rounds"),
    Area("contacts", "Contacts", "app:contacts"),
    Area("frontdesk", "Front desk", "app:frontdesk"),
    Area("messages", "Messages sent", "app:messages"),
    Area("settings", "Settings", "app:settings"),
]


def links(current: str) -> list[dict]:
    """The navigation: every area that exists (has a URL), marking the current one."""
    found = []
    for area in AREAS:
        try:
            url = reverse(area.url_name)
        except NoReverseMatch:
            continue  # an area not built (or not enabled) yet is simply not shown
        found.append({"label": area.label, "url": url, "current": area.key == current})
    return found
