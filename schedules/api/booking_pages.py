"""/schedules/booking-pages/: the owner's booking pages and "Send my invitation" (seed 000)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from config import messages
from config.throttling import ScopedRateThrottle
from schedules.api.fields import NoteField, TimezoneField
from schedules.models import BookingPage
from schedules.selectors.booking import booking_pages_for_owner
from schedules.services.booking_pages import (
    MAX_INVITES,
    booking_page_create,
    booking_page_delete,
    booking_page_invite,
    booking_page_update,
    booking_page_url,
)

# --- booking pages ---------------------------------------------------------------


class BookingPageSerializer(serializers.ModelSerializer):
    slug = serializers.SlugField(
        max_length=80,
        required=False,
        allow_blank=True,
        help_text="The public link is /book/<slug>/; made from the title when left out.",
    )
    timezone = TimezoneField(
        required=False,
        help_text="Zone for naive times sent to the public API; the owner's when left out.",
    )
    url = serializers.SerializerMethodField(help_text="The public booking link to share.")

    class Meta:
        model = BookingPage
        fields = ["id", *BookingPage.OWNER_FIELDS, "url", "created_at"]
        read_only_fields = ["id", "url", "created_at"]
        extra_kwargs = {
            "duration": {"help_text": "Minutes per booking (5-720)."},
            "buffer_before": {"help_text": "Minutes kept free before each booking (0-240)."},
            "buffer_after": {"help_text": "Minutes kept free after each booking (0-240)."},
            "minimum_notice": {
                "max_value": 366 * 24 * 60,
                "help_text": "Minutes: no booking can start sooner than this from now.",
            },
            "horizon_days": {"help_text": "Dates up to today + this many days can be booked."},
        }

    def get_url(self, page: BookingPage) -> str:
        return booking_page_url(page)


class InviteSerializer(serializers.Serializer):
    emails = serializers.ListField(
        child=serializers.EmailField(), allow_empty=False, max_length=MAX_INVITES
    )
    note = NoteField(help_text="A personal line for the email.")


class InviteResultSerializer(serializers.Serializer):
    detail = serializers.CharField()
    sent = serializers.IntegerField(help_text="Emails sent (repeated addresses count once).")
    emails = serializers.ListField(child=serializers.EmailField())


class BookingPageViewSet(viewsets.ModelViewSet):
    """The owner's booking pages; each has a public link anyone can book through."""

    serializer_class = BookingPageSerializer
    lookup_value_regex = "[0-9]+"
    throttle_scope: str | None = None  # set on the invite action only

    def get_queryset(self):
        return booking_pages_for_owner(owner=self.request.user)

    def perform_create(self, serializer):
        serializer.instance = booking_page_create(
            owner=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = booking_page_update(
            page=serializer.instance, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        booking_page_delete(page=instance)

    @extend_schema(request=InviteSerializer, responses={200: InviteResultSerializer})
    @action(
        detail=True,
        methods=["post"],
        throttle_classes=[ScopedRateThrottle],
        throttle_scope="invite",  # it emails arbitrary addresses: keep it from being a spam cannon
    )
    def invite(self, request, pk=None):
        """Email the page's public link to each address (seed 000's "Send my invitation")."""
        page = self.get_object()
        serializer = InviteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        sent = booking_page_invite(
            page=page,
            emails_to=serializer.validated_data["emails"],
            note=serializer.validated_data.get("note", ""),
        )
        noun = "address" if len(sent) == 1 else "addresses"
        detail = messages.INVITATION_SENT.format(count=len(sent), noun=noun)
        return Response({"detail": detail, "sent": len(sent), "emails": sent})
