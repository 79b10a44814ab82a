"""What every office registration shares: rows scoped to the owner, times in their zone."""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import User
from config.errors import ApplicationError
from schedules.timeutils import zone


def refusal(exc: ApplicationError) -> ValidationError:
    """A service's refusal, shown on the form like any validation error."""
    return ValidationError(exc.message)


class OwnerScopedMixin:
    """For ModelAdmins and inlines: rows, foreign-key choices and permissions are the
    signed-in owner's. ``owner_field`` is the path from a row to its owner (``None`` for an
    inline, whose parent is already scoped)."""

    owner_field: str | None = "owner"

    def get_queryset(self, request):
        rows = super().get_queryset(request)
        return rows.filter(**{self.owner_field: request.user}) if self.owner_field else rows

    def has_module_permission(self, request) -> bool:
        return request.user.is_active

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_active

    def has_add_permission(self, request, *args) -> bool:
        return request.user.is_active

    def has_change_permission(self, request, obj=None) -> bool:
        return request.user.is_active

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_active

    def get_exclude(self, request, obj=None):
        return [*(super().get_exclude(request, obj) or []), "owner"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.related_model
        if related is not User and hasattr(related, "owner"):
            kwargs["queryset"] = related._default_manager.filter(owner=request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_form(self, request, obj=None, **kwargs):
        """Forms learn whose rows they edit (``form.owner``) for the services' checks."""
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"owner": request.user})

    def save_model(self, request, obj, form, change):
        if not change and self.owner_field == "owner":
            obj.owner = request.user
        super().save_model(request, obj, form, change)


class OwnerTimezoneMixin:
    """Show *and read* every datetime in the owner's zone.

    Both happen inside the override: the form is bound and cleaned in the view,
    and the TemplateResponse is rendered before leaving it (rendering lazily,
    after the override ends, would print UTC into the inputs and shift every
    time by the UTC offset on the next save).
    """

    def _in_owner_zone(self, request, view, *args, **kwargs):
        with timezone.override(zone(request.user.timezone)):
            response = view(request, *args, **kwargs)
            return response.render() if hasattr(response, "render") else response

    def changeform_view(self, request, *args, **kwargs):
        return self._in_owner_zone(request, super().changeform_view, *args, **kwargs)

    def changelist_view(self, request, *args, **kwargs):
        return self._in_owner_zone(request, super().changelist_view, *args, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and db_field.get_internal_type() == "DateTimeField":
            field.help_text = f"In your time zone ({request.user.timezone})."
        return field


class OwnerAdmin(OwnerScopedMixin, admin.ModelAdmin):
    pass


class OwnerInline(OwnerScopedMixin, admin.TabularInline):
    owner_field = None
    extra = 0
