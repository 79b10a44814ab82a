"""Response headers for pages whose URL is a secret (a token in the path or query)."""

from __future__ import annotations

from functools import wraps

from django.utils.cache import add_never_cache_headers


def mark_secret(response):
    """Keep a token URL out of caches, search engines and other sites' Referer headers."""
    add_never_cache_headers(response)  # Cache-Control: no-store (and friends)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


def secret_link(view):
    """A view whose URL carries a secret: every response gets ``mark_secret``."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return mark_secret(view(request, *args, **kwargs))

    return wrapped
