"""Account use cases: sign up, confirm the email, log out."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import password_validation
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.tokens import RefreshToken

from accounts.models import EmailConfirmation, User
from accounts.tokens import hash_token, new_token
from config import emails
from config.errors import ApplicationError, NotFound


def user_signup(
    *, username: str, email: str, password: str, first_name: str = "", last_name: str = ""
) -> User:
    """Create an inactive account and email it a confirmation link.

    Callers validate the input (see SignupInputSerializer); the unique
    constraints on username and email are the backstop for races.
    """
    with transaction.atomic():
        user = User(username=username, email=email, first_name=first_name, last_name=last_name)
        password_validation.validate_password(password, user)
        user.set_password(password)
        user.is_active = False
        user.save()
        email_confirmation_send(user=user)
    return user


def email_confirmation_send(*, user: User) -> None:
    raw, token_hash = new_token()
    EmailConfirmation.objects.create(
        user=user,
        token_hash=token_hash,
        expires_at=timezone.now() + settings.EMAIL_CONFIRMATION_TIMEOUT,
    )
    url = settings.SITE_URL + reverse("confirm_email", args=[raw])
    emails.send_email_confirmation(user, url)


def email_confirmation_resend(*, email: str) -> None:
    """Send a fresh link to an unconfirmed account; silent otherwise (no enumeration)."""
    user = User.objects.filter(email__iexact=email, is_active=False, last_login=None).first()
    if user is not None:
        with transaction.atomic():
            email_confirmation_send(user=user)


def email_confirm(*, token: str) -> User:
    """Activate the account behind a confirmation link, once."""
    with transaction.atomic():
        confirmation = (
            EmailConfirmation.objects.select_for_update()
            .select_related("user")
            .filter(token_hash=hash_token(token))
            .first()
        )
        if confirmation is None:
            raise NotFound("This confirmation link is not valid. Check that you copied all of it.")
        if confirmation.used_at is not None:
            raise ApplicationError("This confirmation link has already been used. You can log in.")
        if confirmation.is_expired:
            raise ApplicationError("This confirmation link has expired. Ask for a new one below.")
        confirmation.used_at = timezone.now()
        confirmation.save(update_fields=["used_at"])
        user = confirmation.user
        user.is_active = True
        user.save(update_fields=["is_active"])
    return user


def user_logout(*, refresh: str) -> None:
    """Blacklist a refresh token so it can never mint access tokens again."""
    try:
        RefreshToken(refresh).blacklist()
    except TokenError as exc:
        raise ApplicationError("Token is invalid or expired", field="refresh") from exc
