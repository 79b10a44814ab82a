"""/schedules/calendars/<id>/respond/<token>/: an invitee reads the round and answers.

No login: the secret token in the path is the credential. Errors use the key
``error`` as seed 004 shows them (``{"error": "<message>"}``).
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.decorators import method_decorator
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.parsers import JSONParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from config import messages
from config.http import secret_link
from config.throttling import ScopedRateThrottle
from schedules.api.fields import (
    InviteeSlotListField,
    PersonSerializer,
    RoundSlotsPreferenceField,
    ZonedDateTimeField,
    parse_invitee_slot,
    parse_slots,
    slot_list_key,
)
from schedules.api.schema import error, field_errors
from schedules.core.availability import Slot, stretches
from schedules.models import Invitation
from schedules.selectors.rounds import invitation_for_token, respond_view
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


class StretchSerializer(serializers.Serializer):
    start = ZonedDateTimeField()
    end = ZonedDateTimeField()


class RespondSerializer(serializers.ModelSerializer):
    """An ``Invitation`` prepared by ``selectors.rounds.respond_view``."""

    calendar_id = serializers.IntegerField()
    name = serializers.CharField(source="calendar.name")
    description = serializers.CharField(source="calendar.description")
    deadline = ZonedDateTimeField(source="calendar.deadline")
    owner = PersonSerializer(source="calendar.owner")
    invitees = serializers.SerializerMethodField(help_text="Ids are contact ids.")
    owner_availability = RoundSlotsPreferenceField(source="owner_slots")
    owner_stretches = serializers.SerializerMethodField(
        help_text="The owner's continuous stretches of time: touching slots join, and an "
        "answer may span them (schedules.core.availability)."
    )
    timezone = serializers.CharField(source="calendar.timezone", help_text="The calendar's zone.")
    meeting_duration = serializers.IntegerField(
        source="calendar.meeting_duration", help_text="Minutes."
    )
    finalized = serializers.BooleanField(source="calendar.finalized")
    deadline_passed = serializers.SerializerMethodField()
    contact = PersonSerializer(help_text="The invitee this link belongs to.")
    responded = serializers.BooleanField()
    responded_at = ZonedDateTimeField(allow_null=True)
    availability = RoundSlotsPreferenceField(
        source="own_slots", help_text="This invitee's submitted slots."
    )

    class Meta:
        model = Invitation
        fields = [
            "calendar_id",
            "name",
            "description",
            "deadline",
            "owner",
            "invitees",
            "owner_availability",
            "owner_stretches",
            "timezone",
            "meeting_duration",
            "finalized",
            "deadline_passed",
            "contact",
            "responded",
            "responded_at",
            "availability",
        ]

    @staticmethod
    def for_invitation(invitation: Invitation) -> RespondSerializer:
        return RespondSerializer(
            respond_view(invitation=invitation),
            context={"tz": zone(invitation.calendar.timezone), "now": timezone.now()},
        )

    def get_invitees(self, invitation) -> PersonSerializer(many=True):
        return PersonSerializer([i.contact for i in invitation.invitees], many=True).data

    def get_owner_stretches(self, invitation) -> StretchSerializer(many=True):
        slots = [Slot(s.start, s.end, s.preference) for s in invitation.owner_slots]
        spans = [{"start": start, "end": end} for start, end in stretches(slots)]
        return StretchSerializer(spans, many=True, context=self.context).data

    def get_deadline_passed(self, invitation) -> bool:
        return invitation.calendar.deadline <= self.context["now"]


class RespondSuccessSerializer(serializers.Serializer):
    success_message = serializers.CharField()


TOKEN_ERRORS = {
    401: error("The link's token is not valid (any more)."),
    404: error("The calendar does not exist."),
}


@method_decorator(secret_link, name="dispatch")
class RespondApi(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "public"
    parser_classes = [JSONParser]
    error_key = "error"

    @extend_schema(
        summary="Respond to invite: read the round",
        responses={200: RespondSerializer, **TOKEN_ERRORS},
    )
    def get(self, request, calendar_id: int, token: str):
        invitation = invitation_for_token(calendar_id=calendar_id, token=token)
        return Response(RespondSerializer.for_invitation(invitation).data)

    @extend_schema(
        summary="Respond to invite: submit availability",
        request=RespondInputSerializer,
        responses={
            200: RespondSuccessSerializer,
            400: field_errors(
                f'{{"error": "{messages.RESPOND_DEADLINE}"}}, '
                f'{{"error": "{messages.RESPOND_ALREADY}"}}, '
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
        return Response({"success_message": messages.RESPOND_SUCCESS})


@extend_schema(exclude=True)
class RespondNoSlashApi(RespondApi):
    """The seed writes this path without its trailing slash; both work."""
