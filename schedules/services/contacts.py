"""Contacts: the people an owner invites to 1-on-1 rounds."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from accounts.models import User
from config.errors import ApplicationError, Forbidden, NotFound
from schedules.models import Contact

DUPLICATE_EMAIL = "A contact with this email already exists."
INVALID_CONTACT = "Invalid contact"


def contact_get_for_owner(*, owner: User, contact_id: int) -> Contact:
    """The owner's contact; 403 for someone else's (as seed 004 says), 404 for none."""
    contact = Contact.objects.filter(pk=contact_id).first()
    if contact is None:
        raise NotFound("Not found.")
    if contact.owner_id != owner.pk:
        raise Forbidden(INVALID_CONTACT)
    return contact


def _email_taken(*, owner_id: int, email: str, exclude_id: int | None = None) -> bool:
    same = Contact.objects.filter(owner_id=owner_id, email__iexact=email)
    return same.exclude(pk=exclude_id).exists()


def contact_create(*, owner: User, first_name: str, last_name: str, email: str) -> Contact:
    if _email_taken(owner_id=owner.pk, email=email):
        raise ApplicationError(DUPLICATE_EMAIL, field="email")
    try:
        with transaction.atomic():
            return Contact.objects.create(
                owner=owner, first_name=first_name, last_name=last_name, email=email
            )
    except IntegrityError as exc:  # a concurrent request added the same email first
        raise ApplicationError(DUPLICATE_EMAIL, field="email") from exc


def contact_update(*, contact: Contact, changes: dict[str, str]) -> Contact:
    """Apply ``changes`` (first_name, last_name, email) to ``contact``."""
    email = changes.get("email")
    if email is not None and _email_taken(
        owner_id=contact.owner_id, email=email, exclude_id=contact.pk
    ):
        raise ApplicationError(DUPLICATE_EMAIL, field="email")
    for field, value in changes.items():
        setattr(contact, field, value)
    try:
        with transaction.atomic():
            contact.save(update_fields=list(changes))
    except IntegrityError as exc:
        raise ApplicationError(DUPLICATE_EMAIL, field="email") from exc
    return contact


def contact_delete(*, contact: Contact) -> None:
    """Delete a contact; their invitations go with it, finalized meetings stay on the agenda."""
    contact.delete()
