"""The owner back office: a second admin site where each owner sees only their rows.

Staff keep the full ``/admin/``. Here any active, confirmed owner signs in
(through the normal login page) and manages their own contacts, rounds,
booking pages and agenda. Every ModelAdmin registered here inherits
``OwnerScopedAdmin``: querysets, foreign-key choices and object permissions
are all filtered by ``request.user``, so another owner's row is simply absent.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse

from accounts.models import User


class OwnerSite(admin.AdminSite):
    site_header = "Rendezvous back office"
    site_title = "Rendezvous"
    index_title = "Your scheduling"
    site_url = "/"

    def has_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_authenticated

    def login(self, request, extra_context=None):
        return redirect_to_login(request.GET.get("next", reverse("office:index")))


office = OwnerSite(name="office")


class OwnerScopedAdmin(admin.ModelAdmin):
    """Rows belong to ``owner_field`` (a path to the owning user)."""

    owner_field = "owner"

    def get_queryset(self, request):
        return super().get_queryset(request).filter(**{self.owner_field: request.user})

    def has_module_permission(self, request) -> bool:
        return request.user.is_active

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_active

    def has_add_permission(self, request) -> bool:
        return request.user.is_active

    def has_change_permission(self, request, obj=None) -> bool:
        return request.user.is_active

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_active

    def get_exclude(self, request, obj=None):
        return [*(super().get_exclude(request, obj) or []), "owner"]

    def save_model(self, request, obj, form, change):
        if not change and self.owner_field == "owner":
            obj.owner = request.user
        super().save_model(request, obj, form, change)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.related_model
        if related is not User and hasattr(related, "owner"):
            kwargs["queryset"] = related._default_manager.filter(owner=request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class OwnerScopedInline(admin.TabularInline):
    extra = 0

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_active

    def has_add_permission(self, request, obj=None) -> bool:
        return request.user.is_active

    def has_change_permission(self, request, obj=None) -> bool:
        return request.user.is_active

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_active

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.related_model
        if related is not User and hasattr(related, "owner"):
            kwargs["queryset"] = related._default_manager.filter(owner=request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(User, site=office)
class ProfileAdmin(OwnerScopedAdmin):
    """Owners edit their own name and time zone; nothing else about accounts."""

    owner_field = "pk"
    fields = ("username", "email", "first_name", "last_name", "timezone")
    readonly_fields = ("username", "email")
    verbose_name = "profile"

    def get_queryset(self, request):
        return User.objects.filter(pk=request.user.pk)

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


# --- rounds -------------------------------------------------------------------
# Contacts, 1-on-1 calendars and invitations: registered in schedules/office_rounds.py.
from schedules import office_rounds  # noqa: E402, F401
