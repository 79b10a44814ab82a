"""/schedules/calendars/<id>/respond/<token>/: an invitee reads the round and answers.

No login: the secret token in the path is the credential. Errors use the key
``error`` as seed 004 shows them ({"error": "Deadline has passed"}).
"""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.parsers import JSONParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from schedules.api.rounds_input import (
    InviteeSlotListField,
    parse_invitee_slot,
    parse_slots,
    slot_list_key,
)
from schedules.api.rounds_schema import field_errors
from schedules.api.slots import RoundSlotPreferenceSerializer
from schedules.selectors.rounds import respond_data
from schedules.services.invitations import invitation_for_token
from schedules.services.responses import response_check_open, response_submit
from schedules.timeutils import zone


class RespondInputSerializer(serializers.Serializer):
    availability = InviteeSlotListField(required=False, allow_empty=False)
    available_slots = InviteeSlotListField(
        required=False, allow_empty=False, help_text="Another name for `availability`."
    )

    def validate(self, attrs: dict) -> dict:
        key = slot_list_key(attrs)
        tz = self.context["tz"]
        try:
            slots = parse_slots(attrs[key], lambda item: parse_invitee_slot(item, tz))
        except serializers.ValidationError as exc:
            raise serializers.ValidationError({key: exc.detail}) from exc
        return {"slots": slots}


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()


class RespondOutputSerializer(serializers.Serializer):
    calendar_id = serializers.IntegerField()
    name = serializers.CharField()
    description = serializers.CharField()
    deadline = serializers.DateTimeField()
    owner = PersonSerializer()
    invitees = PersonSerializer(many=True, help_text="Ids are contact ids.")
    owner_availability = RoundSlotPreferenceSerializer(many=True)
    timezone = serializers.CharField(help_text="The calendar's IANA zone.")
    meeting_duration = serializers.IntegerField(help_text="Minutes.")
    finalized = serializers.BooleanField()
    deadline_passed = serializers.BooleanField()
    contact = PersonSerializer(help_text="The invitee this link belongs to.")
    responded = serializers.BooleanField()
    responded_at = serializers.DateTimeField(allow_null=True)
    availability = RoundSlotPreferenceSerializer(
        many=True, help_text="This invitee's submitted slots."
    )


class RespondSuccessSerializer(serializers.Serializer):
    success_message = serializers.CharField()


class ErrorSerializer(serializers.Serializer):
    error = serializers.CharField()


TOKEN_ERRORS = {
    401: OpenApiResponse(ErrorSerializer, description="The link's token is not valid (any more)."),
    404: OpenApiResponse(ErrorSerializer, description="The calendar does not exist."),
}


class RespondApi(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "public"
    parser_classes = [JSONParser]
    error_key = "error"

    @extend_schema(
        summary="Respond to invite: read the round",
        responses={200: RespondOutputSerializer, **TOKEN_ERRORS},
    )
    def get(self, request, calendar_id: int, token: str):
        invitation = invitation_for_token(calendar_id=calendar_id, token=token)
        return Response(respond_data(invitation=invitation, now=timezone.now()))

    @extend_schema(
        summary="Respond to invite: submit availability",
        request=RespondInputSerializer,
        responses={
            200: RespondSuccessSerializer,
            400: field_errors(
                '{"error": "Deadline has passed"}, {"error": "Already responded"}, '
                'or {"availability": ["..."]} saying which slot is wrong and why.'
            ),
            **TOKEN_ERRORS,
        },
    )
    def post(self, request, calendar_id: int, token: str):
        invitation = invitation_for_token(calendar_id=calendar_id, token=token)
        response_check_open(invitation=invitation, now=timezone.now())
        serializer = RespondInputSerializer(
            data=request.data, context={"tz": zone(invitation.calendar.timezone)}
        )
        serializer.is_valid(raise_exception=True)
        response_submit(invitation_id=invitation.pk, slots=serializer.validated_data["slots"])
        return Response({"success_message": "Availability submitted successfully."})


@extend_schema(exclude=True)
class RespondNoSlashApi(RespondApi):
    """The seed writes this path without its trailing slash; both work."""
