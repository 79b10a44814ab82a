"""What every owner page shares: sign-in, scoping to the owner, navigation, messages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404

from config.errors import ApplicationError, NotFound
from schedules.web import nav


class OwnerView(LoginRequiredMixin):
    """A page of the owner app. Set ``nav`` (the area) and ``title``.

    ``self.owner`` is the signed-in account; querysets come from selectors called with it,
    so another owner's row is simply not found (404).
    """

    nav = ""
    title = ""

    @property
    def owner(self):
        return self.request.user

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("title", self.title)
        return context | {"app_nav": nav.links(self.nav)}


def owned_or_404(selector, **kwargs):
    """Call a selector that raises NotFound (another owner's row, or none) as a page: 404."""
    try:
        return selector(**kwargs)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def refuse_on(form, exc: ApplicationError) -> None:
    """Show a service's refusal next to the field it names (or above the form)."""
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, exc.message)


def done(request, text: str) -> None:
    messages.success(request, text)
