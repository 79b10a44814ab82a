from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from accounts.validators import validate_timezone


class User(AbstractUser):
    """An owner: signs up, confirms their email, owns contacts, rounds and pages."""

    email = models.EmailField("email address", unique=True)
    timezone = models.CharField(
        max_length=64,
        default="UTC",
        validators=[validate_timezone],
        help_text="IANA time zone, e.g. Europe/Paris. Naive times you send are read in it.",
    )
    # Rises, in the same transaction, with every change to what makes this owner free or
    # busy (agenda, working hours, date exceptions, booking pages, other calendars), so
    # anything computed from those (free slots) can be cached and never served stale.
    agenda_version = models.PositiveBigIntegerField(default=0, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class EmailConfirmation(models.Model):
    """A single-use, expiring link that activates a new account."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_confirmations"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Confirmation for {self.user}"

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at
