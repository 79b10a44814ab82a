"""Contacts: the people an owner invites to 1-on-1 rounds."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
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
    for name, value in changes.items():
        setattr(contact, name, value)
    try:
        with transaction.atomic():
            contact.save(update_fields=list(changes))
    except IntegrityError as exc:
        raise ApplicationError(messages.CONTACT_DUPLICATE, field="email") from exc
    return contact


def contact_delete(*, contact: Contact) -> None:
    """Delete a contact; their invitations go with it, finalized meetings stay on the agenda."""
    contact.delete()


@dataclass
class ImportResult:
    created: list[Contact] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # one sentence per row left out


def contacts_import(*, owner: User, rows: list[tuple[int, str, str, str]]) -> ImportResult:
    """Add contacts from (line, first name, last name, email) rows; each row that cannot
    be added (a bad email, one already in the address book or earlier in the file) is
    skipped with a sentence saying why, and the rest go in."""
    result = ImportResult()
    seen = {e.lower() for e in Contact.objects.filter(owner=owner).values_list("email", flat=True)}
    fresh = []
    for line, first_name, last_name, email in rows:
        email = email.strip()
        try:
            validate_email(email)
        except ValidationError:
            result.skipped.append(messages.IMPORT_BAD_EMAIL.format(line=line, email=email))
            continue
        if email.lower() in seen:
            result.skipped.append(messages.IMPORT_DUPLICATE.format(line=line, email=email))
            continue
        if not first_name.strip():
            result.skipped.append(messages.IMPORT_NO_NAME.format(line=line))
            continue
        seen.add(email.lower())
        fresh.append(
            Contact(
                owner=owner,
                first_name=first_name.strip()[:150],
                last_name=last_name.strip()[:150],
                email=email,
            )
        )
    with transaction.atomic():
        result.created = Contact.objects.bulk_create(fresh)
    return result
