"""/schedules/home/: the owner's finalized round meetings and open calendars (seed 004)."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from schedules.api.rounds_schema import NOT_AUTHENTICATED
from schedules.selectors.rounds import home


class HomeMeetingSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The meeting's id.")
    name = serializers.CharField(help_text="The calendar's name.")
    description = serializers.CharField()
    start_time = serializers.DateTimeField()
    end_time = serializers.DateTimeField()
    calendar_id = serializers.IntegerField()
    contact_id = serializers.IntegerField(allow_null=True)
    attendee_name = serializers.CharField()


class UnfinalizedMeetingSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The calendar's id.")
    name = serializers.CharField()
    description = serializers.CharField()
    deadline = serializers.DateTimeField()
    invitee_count = serializers.IntegerField()
    responded_count = serializers.IntegerField()


class HomeOutputSerializer(serializers.Serializer):
    finalized_meetings = HomeMeetingSerializer(
        many=True, help_text="Confirmed round meetings: upcoming (soonest first), then past."
    )
    unfinalized_meetings = UnfinalizedMeetingSerializer(
        many=True, help_text="Calendars not finalized yet, nearest deadline first."
    )


class HomeApi(APIView):
    @extend_schema(
        summary="Main page data",
        responses={
            200: HomeOutputSerializer,
            401: NOT_AUTHENTICATED,
        },
    )
    def get(self, request):
        return Response(home(owner=request.user, now=timezone.now()))
