"""Contacts: the people an owner invites to 1-on-1 rounds."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from accounts.models import User
from config import messages
from config.errors import ApplicationError
from schedules.models import Contact


def contact_check_email(*, owner_id: int, email: str, exclude_id: int | None = None) -> None:
    """One owner never has two contacts with the same email (case-insensitively)."""
    same = Contact.objects.filter(owner_id=owner_id, email__iexact=email)
    if same.exclude(pk=exclude_id).exists():
        raise ApplicationError(messages.CONTACT_DUPLICATE, field="email")


def contact_create(*, owner: User, first_name: str, last_name: str, email: str) -> Contact:
    contact_check_email(owner_id=owner.pk, email=email)
    try:
        with transaction.atomic():
            return Contact.objects.create(
                owner=owner, first_name=first_name, last_name=last_name, email=email
            )
    except IntegrityError as exc:  # a concurrent request added the same email first
        raise ApplicationError(messages.CONTACT_DUPLICATE, field="email") from exc


def contact_update(*, contact: Contact, changes: dict[str, str]) -> Contact:
    """Apply ``changes`` (first_name, last_name, email) to ``contact``."""
    if changes.get("email") is not None:
        contact_check_email(
            owner_id=contact.owner_id, email=changes["email"], exclude_id=contact.pk
        )
    for field, value in changes.items():
        setattr(contact, field, value)
    try:
        with transaction.atomic():
            contact.save(update_fields=list(changes))
    except IntegrityError as exc:
        raise ApplicationError(messages.CONTACT_DUPLICATE, field="email") from exc
    return contact


def contact_delete(*, contact: Contact) -> None:
    """Delete a contact; their invitations go with it, finalized meetings stay on the agenda."""
    contact.delete()
