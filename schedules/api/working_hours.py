"""/schedules/working-hours/: the owner's working week, their zone and date exceptions."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from config import messages
from schedules.api.fields import TIME_FORMATS, DayField, TimezoneField
from schedules.api.schema import NOT_AUTHENTICATED, field_errors
from schedules.models import DateOverride
from schedules.selectors.booking import working_week
from schedules.services.working_hours import working_hours_set


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
            raise serializers.ValidationError(messages.WHEN_DAY_OFF_TIMES)
        if not attrs["day_off"] and (
            attrs.get("start_time") is None or attrs.get("end_time") is None
        ):
            raise serializers.ValidationError(messages.WHEN_BOTH_TIMES)
        return attrs

    def to_representation(self, instance: DateOverride) -> dict:
        return {
            "date": instance.date.isoformat(),
            "day_off": instance.is_day_off,
            "start_time": instance.start_time.isoformat() if instance.start_time else None,
            "end_time": instance.end_time.isoformat() if instance.end_time else None,
        }


class WorkingHoursSerializer(serializers.Serializer):
    """In: a week to store. Out: a ``selectors.booking.WorkingWeek``."""

    timezone = TimezoneField(
        required=False,
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

    @extend_schema(responses={200: WorkingHoursSerializer, 401: NOT_AUTHENTICATED})
    def get(self, request):
        return Response(WorkingHoursSerializer(working_week(owner=request.user)).data)

    @extend_schema(
        request=WorkingHoursSerializer,
        responses={
            200: WorkingHoursSerializer,
            400: field_errors('Invalid input, e.g. {"hours": ["Monday: 09:00-12:00 overlaps…"]}'),
            401: NOT_AUTHENTICATED,
        },
    )
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
        return Response(WorkingHoursSerializer(working_week(owner=request.user)).data)
