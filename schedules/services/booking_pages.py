"""Create and change booking pages, and email their public link to people."""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from config import emails, messages
from config.errors import ApplicationError
from schedules.models import BookingPage
from schedules.selectors.booking import page_has_upcoming_bookings
from schedules.services.agenda import agenda_touch
from schedules.services.outreach import outreach_allow

MAX_INVITES = 50


def booking_page_url(page: BookingPage) -> str:
    return settings.SITE_URL + reverse("booking_page", args=[page.slug])


def unique_slug(title: str, *, page: BookingPage | None = None) -> str:
    """A free slug from the title: "intro-call", then "intro-call-2", "intro-call-3", …

    ``page``'s own slug counts as free, so regenerating it can keep it.
    """
    base = slugify(title)[:70].strip("-") or "book"
    others = BookingPage.objects.filter(slug__startswith=base)
    if page is not None:
        others = others.exclude(pk=page.pk)
    taken = set(others.values_list("slug", flat=True))
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def booking_page_check_slug(*, slug: str, exclude_id: int | None = None) -> None:
    """Slugs are unique across every owner (they are public URLs), case-insensitively."""
    if BookingPage.objects.filter(slug__iexact=slug).exclude(pk=exclude_id).exists():
        raise ApplicationError(messages.SLUG_TAKEN, field="slug")


def booking_page_save(*, page: BookingPage) -> BookingPage:
    """Store a new or changed page, refusing a slug someone already has."""
    booking_page_check_slug(slug=page.slug, exclude_id=page.pk)
    try:
        with transaction.atomic():
            page.save()
            agenda_touch(owner_id=page.owner_id)
    except IntegrityError as exc:  # another request took the slug meanwhile
        raise ApplicationError(messages.SLUG_TAKEN, field="slug") from exc
    return page


def booking_page_create(*, owner, title: str, slug: str = "", **fields) -> BookingPage:
    """A new page; the slug comes from the title when not given, the zone from the owner."""
    fields.setdefault("timezone", owner.timezone)
    page = BookingPage(owner=owner, title=title, slug=slug.lower() or unique_slug(title), **fields)
    return booking_page_save(page=page)


def booking_page_update(*, page: BookingPage, **fields) -> BookingPage:
    if "slug" in fields:
        title = fields.get("title", page.title)
        fields["slug"] = fields["slug"].lower() or unique_slug(title, page=page)
    for name, value in fields.items():
        setattr(page, name, value)
    return booking_page_save(page=page)


def booking_page_delete(*, page: BookingPage) -> None:
    """Delete a page unless people still hold upcoming bookings made through it.

    Their manage links go through the page, so deleting it would leave them no
    way to cancel; deactivating stops new bookings and keeps those links working.
    """
    booking_page_check_delete(page=page)
    with transaction.atomic():
        page.delete()
        agenda_touch(owner_id=page.owner_id)


def booking_page_check_delete(*, page: BookingPage) -> None:
    """Refuse to delete a page whose bookings' manage links still need it."""
    if page_has_upcoming_bookings(page=page, now=timezone.now()):
        raise ApplicationError(messages.PAGE_HAS_BOOKINGS)


def booking_page_invite(*, page: BookingPage, emails_to: list[str], note: str = "") -> list[str]:
    """Email the page's link to each address once (case-insensitively); return who got it."""
    if not page.is_active:
        raise ApplicationError(messages.PAGE_INACTIVE_INVITE)
    first_spelling: dict[str, str] = {}
    for address in emails_to:
        first_spelling.setdefault(address.lower(), address)
    unique = list(first_spelling.values())
    outreach_allow(owner_id=page.owner_id, count=len(unique), field="emails")
    url = booking_page_url(page)
    for address in unique:
        emails.send_booking_invitation(page, address, url=url, note=note)
    return unique
