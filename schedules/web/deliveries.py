"""Messages sent: every email and text message sent on the owner's behalf, with the ones
that finally failed shown first in the owner's mind (a filter) and sent again on request."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.views.generic import TemplateView, View

from config import messages
from schedules.models import Delivery
from schedules.selectors.deliveries import deliveries_for_owner
from schedules.services.deliveries import deliveries_retry
from schedules.web.mixins import OwnerView, done

PER_PAGE = 50


class DeliveryListView(OwnerView, TemplateView):
    nav, title = "messages", "Messages sent"
    template_name = "app/deliveries/list.html"

    def get_context_data(self, **kwargs):
        status = self.request.GET.get("status", "")
        rows = deliveries_for_owner(owner=self.owner, status=status)
        page = Paginator(rows, PER_PAGE).get_page(self.request.GET.get("page"))
        filters = [("", "All"), *Delivery.Status.choices]
        context = {"page": page, "status": status, "filters": filters}
        return super().get_context_data(**kwargs) | context


class DeliveryRetryView(OwnerView, View):
    http_method_names = ["post"]

    def post(self, request, pk: int):
        count = deliveries_retry(ids=[pk], owner=self.owner)
        if count:
            noun = "message" if count == 1 else "messages"
            done(request, messages.DELIVERIES_RETRIED.format(count=count, noun=noun))
        else:
            done(request, messages.DELIVERIES_NONE_TO_RETRY)
        return redirect("app:messages")
