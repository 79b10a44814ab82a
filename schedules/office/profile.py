"""The owner's own profile: name and time zone."""

from __future__ import annotations

from django.contrib import admin

from accounts.models import User
from schedules.office.mixins import OwnerAdmin
from schedules.office.site import office


@admin.register(User, site=office)
class ProfileAdmin(OwnerAdmin):
    """Owners edit their own name and time zone; nothing else about accounts."""

    owner_field = None

    def get_queryset(self, request):
        return super().get_queryset(request).filter(pk=request.user.pk)

    fields = ("username", "email", "first_name", "last_name", "timezone")
    readonly_fields = ("username", "email")

    def has_add_permission(self, request, *args) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
