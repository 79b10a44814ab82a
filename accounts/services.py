"""Account use cases: sign up, confirm the email, log out."""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.tokens import RefreshToken

from accounts.models import EmailConfirmation, User
from accounts.tokens import hash_token, new_token
from config import emails, messages
from config.errors import ApplicationError, NotFound


def user_signup_check(
    *,
    username: str,
    email: str,
    password: str,
    password2: str,
    first_name: str = "",
    last_name: str = "",
) -> dict[str, list[str]]:
    """Every reason this signup cannot go ahead, by field; empty when it can.

    The web form and the API both show these next to their fields.
    """
    problems: dict[str, list[str]] = defaultdict(list)
    if User.objects.filter(username__iexact=username).exists():
        problems["username"].append(messages.USERNAME_TAKEN)
    if User.objects.filter(email__iexact=email).exists():
        problems["email"].append(messages.EMAIL_TAKEN)
    if password != password2:
        problems["password2"].append(messages.PASSWORDS_DIFFER)
    else:
        candidate = User(username=username, email=email, first_name=first_name, last_name=last_name)
        try:
            password_validation.validate_password(password, candidate)
        except DjangoValidationError as exc:
            problems["password"].extend(exc.messages)
    return dict(problems)


def user_signup(
    *, username: str, email: str, password: str, first_name: str = "", last_name: str = ""
) -> User:
    """Create an inactive account and email it a confirmation link.

    The unique constraints on username and email are the backstop for races.
    """
    fields = {"username": username, "email": email, "first_name": first_name}
    problems = user_signup_check(
        password=password, password2=password, last_name=last_name, **fields
    )
    if problems:
        field, (problem, *_) = next(iter(problems.items()))
        raise ApplicationError(problem, field=field)
    with transaction.atomic():
        user = User(last_name=last_name, **fields)
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
            raise NotFound(messages.CONFIRM_INVALID)
        if confirmation.used_at is not None:
            raise ApplicationError(messages.CONFIRM_USED)
        if confirmation.is_expired:
            raise ApplicationError(messages.CONFIRM_EXPIRED)
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
        raise ApplicationError(messages.REFRESH_INVALID, field="refresh") from exc


def user_tokens_revoke(*, user: User) -> int:
    """End every API session of ``user``: blacklist all their refresh tokens.

    Called whenever the password changes (a reset by email, or a change while signed
    in), so someone who learned the old password keeps nothing. Access tokens carry a
    hash of the password (simplejwt's CHECK_REVOKE_TOKEN) and stop working too.
    """
    pending = OutstandingToken.objects.filter(user=user).exclude(blacklistedtoken__isnull=False)
    return len(BlacklistedToken.objects.bulk_create(BlacklistedToken(token=t) for t in pending))
