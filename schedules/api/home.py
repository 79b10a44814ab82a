"""/schedules/home/: the owner's finalized round meetings and open calendars (seed 004)."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from schedules.api.schema import NOT_AUTHENTICATED
from schedules.models import Calendar, Meeting
from schedules.selectors.rounds import home
from schedules.timeutils import zone


@extend_schema_field({"type": "string", "format": "date-time"})
class CalendarZonedField(serializers.Field):
    """ISO 8601 in the zone of the round the row belongs to (``calendar`` or itself)."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        calendar = instance if isinstance(instance, Calendar) else instance.calendar
        return super().get_attribute(instance), calendar.timezone

    def to_representation(self, value) -> str:
        moment, tz_name = value
        return moment.astimezone(zone(tz_name)).isoformat()


class HomeMeetingSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(help_text="The meeting's id.")
    name = serializers.CharField(source="calendar.name", help_text="The calendar's name.")
    description = serializers.CharField(source="calendar.description")
    start_time = CalendarZonedField(source="start")
    end_time = CalendarZonedField(source="end")
    calendar_id = serializers.IntegerField()
    contact_id = serializers.IntegerField(allow_null=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "name",
            "description",
            "start_time",
            "end_time",
            "calendar_id",
            "contact_id",
            "attendee_name",
        ]


class UnfinalizedMeetingSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(help_text="The calendar's id.")
    deadline = CalendarZonedField()
    invitee_count = serializers.IntegerField()
    responded_count = serializers.IntegerField()

    class Meta:
        model = Calendar
        fields = ["id", "name", "description", "deadline", "invitee_count", "responded_count"]


class HomeSerializer(serializers.Serializer):
    finalized_meetings = HomeMeetingSerializer(
        many=True, help_text="Confirmed round meetings: upcoming (soonest first), then past."
    )
    unfinalized_meetings = UnfinalizedMeetingSerializer(
        many=True, help_text="Calendars not finalized yet, nearest deadline first."
    )


class HomeApi(APIView):
    @extend_schema(
        summary="Main page data", responses={200: HomeSerializer, 401: NOT_AUTHENTICATED}
    )
    def get(self, request):
        return Response(HomeSerializer(home(owner=request.user, now=timezone.now())).data)
