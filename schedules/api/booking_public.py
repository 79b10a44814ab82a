"""Public booking API under /book/<slug>/: free slots, and seed 001's schedule, cancel and
reschedule (with the secret manage token). No login; throttled as "public"; errors are
``{"message": "..."}`` as seed 001 writes them. Also the owner's private .ics feed.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from accounts.tokens import hash_token
from config.errors import ApplicationError
from schedules import ics
from schedules.api.booking import DayField, TimezoneField
from schedules.models import AgendaFeed, Meeting
from schedules.selectors.booking import (
    booking_by_token,
    local_days,
    page_slots,
    public_page,
)
from schedules.services.bookings import (
    booking_cancel,
    booking_create,
    booking_reschedule,
    manage_url,
)
from schedules.timeutils import localize, parse_datetime, zone

MAX_DAYS = 62
INVALID_FORMAT = "Invalid date or time format."
TIME_FORMATS = ("%H:%M", "%H:%M:%S")
FEED_HISTORY = dt.timedelta(days=365)

MessageSerializer = inline_serializer("BookingMessage", {"message": serializers.CharField()})


def _errors(*codes: int) -> dict:
    described = {
        400: "Invalid input, or the time is not available (seed 001's message).",
        404: "Unknown page, appointment or token.",
    }
    return {code: OpenApiResponse(MessageSerializer, description=described[code]) for code in codes}


class PublicApi(APIView):
    permission_classes = [AllowAny]
    # No authentication: a stale login cookie or token must not change what the public sees,
    # and without SessionAuthentication these JSON endpoints need no CSRF token.
    authentication_classes: list = []
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "public"
    error_key = "message"


# --- slots ---------------------------------------------------------------------


class SlotsQuerySerializer(serializers.Serializer):
    start = DayField(help_text="First day, in ``timezone``.")
    end = DayField(help_text=f"Last day, inclusive; at most {MAX_DAYS} days after start.")
    timezone = TimezoneField(
        help_text="The visitor's IANA zone: which days start..end are and how times print. "
        "The page's zone when left out.",
    )
    token = serializers.CharField(
        max_length=200,
        required=False,
        help_text="A manage token: slots for moving that booking (its own time counts as free).",
    )

    def validate(self, attrs: dict) -> dict:
        days = (attrs["end"] - attrs["start"]).days + 1
        if days < 1:
            raise serializers.ValidationError({"end": ["end must be on or after start."]})
        if days > MAX_DAYS:
            raise serializers.ValidationError(
                {"end": [f"Ask for at most {MAX_DAYS} days at a time; this asks for {days}."]}
            )
        return attrs


class SlotSerializer(serializers.Serializer):
    start = serializers.DateTimeField(help_text="ISO 8601 with the visitor's offset.")
    end = serializers.DateTimeField()


class SlotsSerializer(serializers.Serializer):
    timezone = serializers.CharField()
    slots = SlotSerializer(many=True)


class BookingSlotsApi(PublicApi):
    """Free times of a booking page, in the visitor's zone: only what can really be booked."""

    @extend_schema(
        parameters=[SlotsQuerySerializer], responses={200: SlotsSerializer, **_errors(400, 404)}
    )
    def get(self, request, slug: str):
        page = public_page(slug=slug)
        query = SlotsQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        tz_name = data.get("timezone") or page.timezone
        meeting = None
        if token := data.get("token"):
            meeting = booking_by_token(slug=slug, token=token)
        start, end = local_days(data["start"], data["end"], tz_name)
        slots = page_slots(page=page, start=start, end=end, now=timezone.now(), meeting=meeting)
        tz = zone(tz_name)
        return Response(
            {
                "timezone": tz_name,
                "slots": [
                    {"start": s.astimezone(tz).isoformat(), "end": e.astimezone(tz).isoformat()}
                    for s, e in slots
                ],
            }
        )


# --- schedule, cancel, reschedule (seed 001) -------------------------------------


class WhenSerializer(serializers.Serializer):
    # Blank or malformed values get seed 001's "Invalid date or time format."
    date = serializers.CharField(required=False, allow_blank=True, help_text="YYYY-MM-DD")
    time = serializers.CharField(required=False, allow_blank=True, help_text="HH:MM (or HH:MM:SS)")
    start = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="Instead of date and time: an ISO 8601 instant, e.g. a slot's start.",
    )
    timezone = TimezoneField(
        help_text="Zone of date and time, and the attendee's zone for emails. "
        "The page's zone when left out.",
    )

    def validate(self, attrs: dict) -> dict:
        if "start" not in attrs:
            missing = {f: ["This field is required."] for f in ("date", "time") if f not in attrs}
            if missing:
                raise serializers.ValidationError(missing)
        return attrs


def requested_start(data: dict, tz_name: str) -> dt.datetime:
    """The instant asked for: ``start``, or ``date`` + ``time`` read in ``tz_name``.

    A wall-clock time the clocks skip (DST) is refused with its own message;
    an ambiguous one means its first occurrence (send ``start`` for the second).
    """
    tz = zone(tz_name)
    if "start" in data:
        instant = parse_datetime(data["start"], tz)
        if instant is None or not 1900 <= instant.year <= 2999:
            raise ApplicationError(INVALID_FORMAT)
        return instant
    try:
        day = dt.datetime.strptime(data["date"].strip(), "%Y-%m-%d").date()  # noqa: DTZ007
    except ValueError as exc:
        raise ApplicationError(INVALID_FORMAT) from exc
    for fmt in TIME_FORMATS:
        try:
            time = dt.datetime.strptime(data["time"].strip(), fmt).time()  # noqa: DTZ007
            break
        except ValueError:
            continue
    else:
        raise ApplicationError(INVALID_FORMAT)
    if not 1900 <= day.year <= 2999:
        raise ApplicationError(INVALID_FORMAT)
    # In UTC from here on: aware datetimes of an ambiguous hour never compare equal
    # across zones (PEP 495), and invites must not carry a TZID without its VTIMEZONE.
    return localize(dt.datetime.combine(day, time), tz).astimezone(dt.UTC)


class ScheduleInputSerializer(WhenSerializer):
    client_name = serializers.CharField(max_length=200)
    email = serializers.EmailField(max_length=254)
    phone = serializers.RegexField(
        r"^\+?[0-9 ().-]{4,31}$",
        required=False,
        allow_blank=True,
        error_messages={
            "invalid": "Enter a phone number with digits, spaces and + - ( ) only, e.g. "
            "+44 20 7946 0958."
        },
    )


class ScheduledSerializer(serializers.Serializer):
    message = serializers.CharField()
    appointment_id = serializers.IntegerField()
    manage_token = serializers.CharField(help_text="Keep it: cancel and reschedule need it.")
    manage_url = serializers.URLField(help_text="The web page to cancel or reschedule.")
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    timezone = serializers.CharField()


class BookingScheduleApi(PublicApi):
    """Book a time (seed 001 ``POST /schedule``), without an account.

    The path works with or without the trailing slash, as do cancel and reschedule."""

    @extend_schema(
        request=ScheduleInputSerializer, responses={201: ScheduledSerializer, **_errors(400, 404)}
    )
    def post(self, request, slug: str):
        page = public_page(slug=slug)
        serializer = ScheduleInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        tz_name = data.get("timezone") or page.timezone
        meeting, token = booking_create(
            page=page,
            name=data["client_name"],
            email=data["email"],
            phone=data.get("phone", ""),
            start=requested_start(data, tz_name),
            attendee_timezone=tz_name,
        )
        tz = zone(tz_name)
        return Response(
            {
                "message": "Appointment scheduled successfully.",
                "appointment_id": meeting.pk,
                "manage_token": token,
                "manage_url": manage_url(meeting, token),
                "start": meeting.start.astimezone(tz).isoformat(),
                "end": meeting.end.astimezone(tz).isoformat(),
                "timezone": tz_name,
            },
            status=status.HTTP_201_CREATED,
        )


class CancelInputSerializer(serializers.Serializer):
    token = serializers.CharField(max_length=200, help_text="The manage token from booking.")
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class BookingCancelApi(PublicApi):
    """Cancel an appointment (seed 001 ``POST /cancel/<id>``) with its manage token."""

    @extend_schema(
        request=CancelInputSerializer, responses={200: MessageSerializer, **_errors(400, 404)}
    )
    def post(self, request, slug: str, appointment_id: str):
        serializer = CancelInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        meeting = booking_by_token(
            slug=slug, token=data["token"], appointment_id=int(appointment_id)
        )
        booking_cancel(meeting=meeting, reason=data.get("reason", ""))
        return Response({"message": "Appointment canceled successfully."})


class RescheduleInputSerializer(WhenSerializer):
    token = serializers.CharField(max_length=200, help_text="The manage token from booking.")


class RescheduledSerializer(serializers.Serializer):
    message = serializers.CharField()
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    timezone = serializers.CharField()


class BookingRescheduleApi(PublicApi):
    """Move an appointment (seed 001 ``POST /reschedule/<id>``) with its manage token."""

    @extend_schema(
        request=RescheduleInputSerializer,
        responses={200: RescheduledSerializer, **_errors(400, 404)},
    )
    def post(self, request, slug: str, appointment_id: str):
        serializer = RescheduleInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        meeting = booking_by_token(
            slug=slug, token=data["token"], appointment_id=int(appointment_id)
        )
        tz_name = data.get("timezone") or meeting.booking_page.timezone
        meeting = booking_reschedule(
            meeting=meeting,
            token=data["token"],
            start=requested_start(data, tz_name),
            attendee_timezone=data.get("timezone"),
        )
        tz = zone(meeting.attendee_timezone)
        return Response(
            {
                "message": "Appointment rescheduled successfully.",
                "start": meeting.start.astimezone(tz).isoformat(),
                "end": meeting.end.astimezone(tz).isoformat(),
                "timezone": meeting.attendee_timezone,
            }
        )


# --- the owner's private feed ------------------------------------------------------


class AgendaFeedIcsApi(PublicApi):
    """The owner's agenda as an iCalendar feed; the secret URL is the only credential."""

    @extend_schema(
        responses={
            (200, "text/calendar"): OpenApiTypes.STR,
            (404, "text/plain"): OpenApiTypes.STR,
        }
    )
    def get(self, request, token: str):
        feed = (
            AgendaFeed.objects.select_related("owner").filter(token_hash=hash_token(token)).first()
        )
        if feed is None:
            return HttpResponse(
                "This calendar feed link is not valid: it was revoked or replaced.\n",
                status=404,
                content_type="text/plain; charset=utf-8",
            )
        owner = feed.owner
        meetings = (
            Meeting.objects.filter(
                owner=owner,
                status=Meeting.Status.CONFIRMED,
                end__gte=timezone.now() - FEED_HISTORY,
            )
            .select_related("owner", "calendar", "booking_page")
            .order_by("start")
        )
        body = ics.calendar_ics(meetings, name=f"{settings.SITE_NAME}: {owner.display_name}")
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="agenda.ics"'
        response["Cache-Control"] = "private, max-age=300"
        return response
