"""Every page a signed-in owner sees shows and reads times in their own zone."""

from __future__ import annotations

from django.utils import timezone

from schedules.timeutils import zone


class OwnerTimezoneMiddleware:
    """Activate the signed-in user's IANA zone for the whole request, rendering included.

    Forms parse naive input in it and templates print datetimes in it, so a time an
    owner types or reads means the same wall clock on every page, and saving a form
    unchanged moves nothing.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            with timezone.override(zone(user.timezone)):
                return self.get_response(request)
        return self.get_response(request)
