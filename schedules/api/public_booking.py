"""Public booking API under /book/<slug>/: free slots, and seed 001's schedule, cancel and
reschedule (with the secret manage token). No login; throttled as "public"; errors are
``{"message": "..."}`` as seed 001 writes them.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from config import messages
from config.errors import ApplicationError
from config.http import mark_secret
from config.throttling import ScopedRateThrottle
from schedules.api.fields import DayField, NoteField, TimezoneField, ZonedDateTimeField
from schedules.api.schema import message
from schedules.selectors.booking import booking_by_token, local_days, page_slots, public_page
from schedules.services.bookings import (
    booking_cancel,
    booking_create,
    booking_reschedule,
    manage_url,
)
from schedules.timeutils import localize, parse_datetime, zone

MAX_DAYS = 62
TIME_FORMATS = ("%H:%M", "%H:%M:%S")
ERRORS = {
    400: message("Invalid input, or the time is not available (seed 001's message)."),
    404: message("Unknown page, appointment or token."),
}


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
        required=False,
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
            raise serializers.ValidationError({"end": [messages.SLOTS_END_BEFORE_START]})
        if days > MAX_DAYS:
            raise serializers.ValidationError(
                {"end": [messages.SLOTS_TOO_MANY_DAYS.format(limit=MAX_DAYS, days=days)]}
            )
        return attrs


class SlotsSerializer(serializers.Serializer):
    """Free slots ``[(start, end), ...]`` in the visitor's zone (``context["tz"]``)."""

    timezone = serializers.CharField()
    slots = serializers.SerializerMethodField()

    def get_slots(self, data) -> serializers.ListField(
        child=inline_serializer(
            "FreeSlot",
            {"start": serializers.DateTimeField(), "end": serializers.DateTimeField()},
        )
    ):
        tz = self.context["tz"]
        return [
            {"start": start.astimezone(tz).isoformat(), "end": end.astimezone(tz).isoformat()}
            for start, end in data["slots"]
        ]


class BookingSlotsApi(PublicApi):
    """Free times of a booking page, in the visitor's zone: only what can really be booked."""

    @extend_schema(parameters=[SlotsQuerySerializer], responses={200: SlotsSerializer, **ERRORS})
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
        data = {"timezone": tz_name, "slots": slots}
        response = Response(SlotsSerializer(data, context={"tz": zone(tz_name)}).data)
        return mark_secret(response) if meeting is not None else response


# --- schedule, cancel, reschedule (seed 001) -------------------------------------


class WhenSerializer(serializers.Serializer):
    # Blank or malformed values get seed 001's message for an invalid date or time.
    date = serializers.CharField(required=False, allow_blank=True, help_text="YYYY-MM-DD")
    time = serializers.CharField(required=False, allow_blank=True, help_text="HH:MM (or HH:MM:SS)")
    start = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="Instead of date and time: an ISO 8601 instant, e.g. a slot's start.",
    )
    timezone = TimezoneField(
        required=False,
        help_text="Zone of date and time, and the attendee's zone for emails. "
        "The page's zone when left out.",
    )

    def validate(self, attrs: dict) -> dict:
        if "start" not in attrs:
            missing = {f: [messages.FIELD_REQUIRED] for f in ("date", "time") if f not in attrs}
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
            raise ApplicationError(messages.INVALID_DATE_TIME)
        return instant
    try:
        day = dt.datetime.strptime(data["date"].strip(), "%Y-%m-%d").date()  # noqa: DTZ007
    except ValueError as exc:
        raise ApplicationError(messages.INVALID_DATE_TIME) from exc
    for fmt in TIME_FORMATS:
        try:
            time = dt.datetime.strptime(data["time"].strip(), fmt).time()  # noqa: DTZ007
            break
        except ValueError:
            continue
    else:
        raise ApplicationError(messages.INVALID_DATE_TIME)
    if not 1900 <= day.year <= 2999:
        raise ApplicationError(messages.INVALID_DATE_TIME)
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
        error_messages={"invalid": messages.PHONE_INVALID},
    )


class ScheduledSerializer(serializers.Serializer):
    """A new booking (``meeting``) with its raw manage ``token``, in the attendee's zone."""

    message = serializers.SerializerMethodField()
    appointment_id = serializers.IntegerField(source="meeting.pk")
    manage_token = serializers.CharField(
        source="token", help_text="Keep it: cancel and reschedule need it."
    )
    manage_url = serializers.SerializerMethodField(help_text="The page to cancel or reschedule.")
    start = ZonedDateTimeField(source="meeting.start")
    end = ZonedDateTimeField(source="meeting.end")
    timezone = serializers.CharField(source="meeting.attendee_timezone")

    def get_message(self, data) -> str:
        return messages.SCHEDULED

    def get_manage_url(self, data) -> str:
        return manage_url(data["meeting"], data["token"])


class BookingScheduleApi(PublicApi):
    """Book a time (seed 001 ``POST /schedule``), without an account.

    The path works with or without the trailing slash, as do cancel and reschedule."""

    @extend_schema(request=ScheduleInputSerializer, responses={201: ScheduledSerializer, **ERRORS})
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
        output = ScheduledSerializer(
            {"meeting": meeting, "token": token}, context={"tz": zone(tz_name)}
        )
        return Response(output.data, status=status.HTTP_201_CREATED)


class CancelInputSerializer(serializers.Serializer):
    token = serializers.CharField(max_length=200, help_text="The manage token from booking.")
    reason = NoteField(help_text="Told to the owner in the cancellation email.")


class BookingCancelApi(PublicApi):
    """Cancel an appointment (seed 001 ``POST /cancel/<id>``) with its manage token."""

    @extend_schema(
        request=CancelInputSerializer,
        responses={200: message(messages.CANCELED), **ERRORS},
    )
    def post(self, request, slug: str, appointment_id: str):
        serializer = CancelInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        meeting = booking_by_token(
            slug=slug, token=data["token"], appointment_id=int(appointment_id)
        )
        booking_cancel(meeting=meeting, reason=data.get("reason", ""))
        return Response({"message": messages.CANCELED})


class RescheduleInputSerializer(WhenSerializer):
    token = serializers.CharField(max_length=200, help_text="The manage token from booking.")


class RescheduledSerializer(serializers.Serializer):
    """A moved booking, in the attendee's zone."""

    message = serializers.SerializerMethodField()
    start = ZonedDateTimeField()
    end = ZonedDateTimeField()
    timezone = serializers.CharField(source="attendee_timezone")

    def get_message(self, meeting) -> str:
        return messages.RESCHEDULED


class BookingRescheduleApi(PublicApi):
    """Move an appointment (seed 001 ``POST /reschedule/<id>``) with its manage token."""

    @extend_schema(
        request=RescheduleInputSerializer,
        responses={200: RescheduledSerializer, **ERRORS},
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
        context = {"tz": zone(meeting.attendee_timezone)}
        return Response(RescheduledSerializer(meeting, context=context).data)
