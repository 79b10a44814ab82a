"""The owner's private iCalendar feed: its settings (JWT) and the secret .ics URL itself."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.decorators import method_decorator
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from config import messages
from config.http import secret_link
from config.throttling import ScopedRateThrottle
from schedules import ics
from schedules.api.schema import NOT_AUTHENTICATED
from schedules.selectors.agenda import feed_by_token, feed_entries, feed_for_owner
from schedules.services.feeds import agenda_feed_create, agenda_feed_revoke


class FeedStateSerializer(serializers.Serializer):
    """``{"feed": AgendaFeed or None}``."""

    active = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField(source="feed.created_at", allow_null=True)

    def get_active(self, state) -> bool:
        return state["feed"] is not None


class FeedCreatedSerializer(serializers.Serializer):
    url = serializers.URLField(help_text="Shown this once: subscribe to it in a calendar app.")
    created_at = serializers.DateTimeField(source="feed.created_at")


class AgendaFeedApi(APIView):
    """The private iCalendar feed of the owner's agenda, for Google, Apple or Outlook."""

    @extend_schema(responses={200: FeedStateSerializer, 401: NOT_AUTHENTICATED})
    def get(self, request):
        return Response(FeedStateSerializer({"feed": feed_for_owner(owner=request.user)}).data)

    @extend_schema(request=None, responses={201: FeedCreatedSerializer, 401: NOT_AUTHENTICATED})
    def post(self, request):
        """Create the secret feed URL, or replace it (the old URL stops working)."""
        feed, url = agenda_feed_create(owner=request.user)
        created = FeedCreatedSerializer({"url": url, "feed": feed})
        return Response(created.data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={204: None, 401: NOT_AUTHENTICATED})
    def delete(self, request):
        """Revoke the feed: its URL answers 404 from now on."""
        agenda_feed_revoke(owner=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


@method_decorator(secret_link, name="dispatch")
class AgendaFeedIcsApi(APIView):
    """The owner's agenda as an iCalendar feed; the secret URL is the only credential."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "public"

    @extend_schema(
        responses={
            (200, "text/calendar"): OpenApiTypes.STR,
            (404, "text/plain"): OpenApiTypes.STR,
        }
    )
    def get(self, request, token: str):
        feed = feed_by_token(token=token)
        if feed is None:
            return HttpResponse(
                messages.FEED_INVALID, status=404, content_type="text/plain; charset=utf-8"
            )
        owner = feed.owner
        body = ics.calendar_ics(
            feed_entries(owner=owner, now=timezone.now()),
            name=f"{settings.SITE_NAME}: {owner.display_name}",
        )
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="agenda.ics"'
        return response
