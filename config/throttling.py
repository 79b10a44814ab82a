"""Who is asking, and how often they may: the one home of client addresses and rate limits.

- ``client_ip`` is the only code that decides a request's address: the socket's, unless
  ``TRUSTED_PROXIES`` (the number of proxies in front of us) says to read that many hops
  from the right of ``X-Forwarded-For``. A made-up header therefore changes nothing.
- DRF throttles (``ScopedRateThrottle`` here), the login lockout (django-axes) and the
  web-form limits (django-ratelimit) all key on it, and count in the shared cache
  (the database cache by default, Redis with ``REDIS_URL``), so every process agrees.
"""

from __future__ import annotations

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from rest_framework import throttling
from rest_framework.settings import api_settings

from config import messages

API_PREFIXES = ("/accounts/", "/schedules/", "/book/", "/api/")


def client_ip(request) -> str:
    """The caller's address: the socket's, or the one ``TRUSTED_PROXIES`` hops back."""
    request = getattr(request, "_request", request)  # a DRF Request wraps Django's
    remote = request.META.get("REMOTE_ADDR", "")
    hops = settings.TRUSTED_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if not hops or not forwarded:
        return remote
    addresses = [a.strip() for a in forwarded.split(",") if a.strip()]
    return addresses[-min(hops, len(addresses))] if addresses else remote


def ip_key(group, request) -> str:
    """django-ratelimit's key for a web form: the client address."""
    return client_ip(request)


def email_key(group, request) -> str:
    """django-ratelimit's key for the person a form mails (password reset, resend)."""
    return request.POST.get("email", "").strip().lower()


class ScopedRateThrottle(throttling.ScopedRateThrottle):
    """DRF's scoped throttle, keyed on ``client_ip`` for anonymous callers (signed-in
    owners count per account, as DRF does)."""

    @property
    def THROTTLE_RATES(self):
        return api_settings.DEFAULT_THROTTLE_RATES

    def get_ident(self, request) -> str:
        return client_ip(request)


def _wants_json(request) -> bool:
    return request.path.startswith(API_PREFIXES) and not request.path.startswith(
        ("/accounts/confirm", "/book/") if request.method == "GET" else ()
    )


def too_many(request, exception=None):
    """django-ratelimit's view for a blocked web form: a page (or JSON) with 429."""
    if _wants_json(request):
        response = JsonResponse({"detail": messages.TOO_MANY_REQUESTS}, status=429)
    else:
        context = {"message": messages.TOO_MANY_REQUESTS}
        response = render(request, "too_many.html", context, status=429)
    response["Retry-After"] = "60"
    return response


def login_locked(request, original_response=None, credentials=None):
    """django-axes' answer once an account and address are locked out."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    text = messages.LOGIN_LOCKED.format(minutes=minutes)
    if _wants_json(request):
        response = JsonResponse({"detail": text}, status=429)
    else:
        response = render(request, "too_many.html", {"message": text}, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response


def login_account(request, credentials) -> str:
    """The account a login attempt is about, however it was typed (username or email)."""
    from accounts.models import User

    typed = ((credentials or {}).get("username") or "").strip().lower()
    if "@" in typed:
        user = User.objects.filter(email__iexact=typed).only("username").first()
        if user is not None:
            return user.username.lower()
    return typed
