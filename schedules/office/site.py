"""The AdminSite owners sign in to; staff keep the full ``/admin/``."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse


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
