"""Owner API for booking pages: working hours (with date exceptions) and the pages themselves."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from accounts.validators import validate_timezone
from schedules.models import BookingPage, DateOverride, WorkingHours
from schedules.services.booking_pages import (
    MAX_INVITES,
    booking_page_create,
    booking_page_delete,
    booking_page_invite,
    booking_page_update,
    booking_page_url,
)
from schedules.services.working_hours import working_hours_set

TIME_FORMATS = ["%H:%M:%S", "%H:%M"]


class TimezoneField(serializers.CharField):
    """An optional IANA zone name ("Europe/Paris"), refused with a message otherwise."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(max_length=64, validators=[validate_timezone], **kwargs)


class DayField(serializers.DateField):
    """A YYYY-MM-DD date in years that zone arithmetic can handle (1900-2999)."""

    def __init__(self, **kwargs):
        super().__init__(input_formats=["%Y-%m-%d"], **kwargs)

    def to_internal_value(self, value):
        day = super().to_internal_value(value)
        if not 1900 <= day.year <= 2999:
            raise serializers.ValidationError("Use a date between 1900-01-01 and 2999-12-31.")
        return day


# --- working hours -------------------------------------------------------------


class HoursSerializer(serializers.Serializer):
    weekday = serializers.IntegerField(
        min_value=0, max_value=6, help_text="Monday = 0 … Sunday = 6."
    )
    start_time = serializers.TimeField(input_formats=TIME_FORMATS)
    end_time = serializers.TimeField(input_formats=TIME_FORMATS)


class OverrideSerializer(serializers.Serializer):
    """One date exception: ``{"date", "day_off": true}`` or ``{"date", "start_time",
    "end_time"}`` (several of those for one date make several ranges)."""

    date = DayField()
    day_off = serializers.BooleanField(default=False)
    start_time = serializers.TimeField(input_formats=TIME_FORMATS, required=False, allow_null=True)
    end_time = serializers.TimeField(input_formats=TIME_FORMATS, required=False, allow_null=True)

    def validate(self, attrs: dict) -> dict:
        has_times = attrs.get("start_time") is not None or attrs.get("end_time") is not None
        if attrs["day_off"] and has_times:
            raise serializers.ValidationError(
                "A day off has no times: leave out start_time and end_time, or send day_off false."
            )
        if not attrs["day_off"] and (
            attrs.get("start_time") is None or attrs.get("end_time") is None
        ):
            raise serializers.ValidationError(
                'Give both start_time and end_time for different hours, or "day_off": true.'
            )
        return attrs

    def to_representation(self, instance: DateOverride) -> dict:
        return {
            "date": instance.date.isoformat(),
            "day_off": instance.is_day_off,
            "start_time": instance.start_time.isoformat() if instance.start_time else None,
            "end_time": instance.end_time.isoformat() if instance.end_time else None,
        }


class WorkingHoursSerializer(serializers.Serializer):
    timezone = TimezoneField(
        help_text="The owner's IANA zone; hours are wall-clock times in it. "
        "Unchanged when left out.",
    )
    hours = HoursSerializer(many=True, max_length=100, help_text="The whole week; replaces it.")
    overrides = OverrideSerializer(
        many=True,
        max_length=1000,
        required=False,
        help_text="Date exceptions; when given they replace all stored ones, "
        "else they stay as they are.",
    )


class WorkingHoursApi(APIView):
    """The owner's working week, their zone, and date exceptions (a day off or other hours)."""

    def _payload(self, owner) -> dict:
        return {
            "timezone": owner.timezone,
            "hours": HoursSerializer(WorkingHours.objects.filter(owner=owner), many=True).data,
            "overrides": OverrideSerializer(
                DateOverride.objects.filter(owner=owner), many=True
            ).data,
        }

    @extend_schema(responses=WorkingHoursSerializer)
    def get(self, request):
        return Response(self._payload(request.user))

    @extend_schema(request=WorkingHoursSerializer, responses=WorkingHoursSerializer)
    def put(self, request):
        serializer = WorkingHoursSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        overrides = data.get("overrides")
        working_hours_set(
            owner=request.user,
            timezone=data.get("timezone"),
            hours=[(h["weekday"], h["start_time"], h["end_time"]) for h in data["hours"]],
            overrides=None
            if overrides is None
            else [(o["date"], o.get("start_time"), o.get("end_time")) for o in overrides],
        )
        return Response(self._payload(request.user))


# --- booking pages ---------------------------------------------------------------


class BookingPageSerializer(serializers.ModelSerializer):
    slug = serializers.SlugField(
        max_length=80,
        required=False,
        allow_blank=True,
        help_text="The public link is /book/<slug>/; made from the title when left out.",
    )
    timezone = TimezoneField(
        help_text="Zone for naive times sent to the public API; the owner's when left out.",
    )
    url = serializers.SerializerMethodField(help_text="The public booking link to share.")

    class Meta:
        model = BookingPage
        fields = [
            "id",
            "title",
            "slug",
            "url",
            "description",
            "duration",
            "slot_interval",
            "buffer_before",
            "buffer_after",
            "minimum_notice",
            "horizon_days",
            "timezone",
            "is_active",
            "created_at",
        ]
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
    note = serializers.CharField(
        max_length=2000,
        required=False,
        allow_blank=True,
        help_text="A personal line for the email.",
    )


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
        return BookingPage.objects.filter(owner=self.request.user)

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
        detail = f"Invitation sent to {len(sent)} {noun}."
        return Response({"detail": detail, "sent": len(sent), "emails": sent})
