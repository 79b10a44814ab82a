"""Seed 004 "Finalize calendar": GET suggested schedules, POST the chosen one.

``GET /schedules/calendars/<id>/confirm/`` answers with the seed's shape plus
additive fields (``optimal``, ``message``, ``pending_invitees``,
``suggestion_scores``, ``owner_availability``, ``timezone``,
``meeting_duration``, ``responded``). ``POST`` with ``finalized_schedule``
creates the meetings and emails everyone (201).
"""

from __future__ import annotations

from types import SimpleNamespace

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
)
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from config import messages
from config.errors import ApplicationError
from schedules.api.fields import PersonSerializer, RoundSlotsPreferenceField, ZonedDateTimeField
from schedules.api.schema import detail
from schedules.models import Invitation
from schedules.selectors.finalize import calendar_confirmation, calendar_to_finalize
from schedules.services.finalize import ProposedMeeting, ScheduleInvalid, calendar_finalize
from schedules.timeutils import parse_datetime, zone

MAX_MEETINGS = 500


# --- input ---------------------------------------------------------------------------


@extend_schema_field(
    {"type": "string", "example": "2026/03/12 13:00:00", "description": messages.FINALIZE_DATETIME}
)
class CalendarDateTimeField(serializers.Field):
    """A datetime as people type it; naive values are read in the calendar's zone."""

    default_error_messages = {
        "invalid": messages.FINALIZE_DATETIME,
        "required": messages.FINALIZE_MISSING,
        "null": messages.FINALIZE_MISSING,
    }

    def to_internal_value(self, data):
        try:
            value = parse_datetime(data, self.context["tz"])
        except ApplicationError as exc:  # a wall-clock time skipped by DST
            raise serializers.ValidationError(exc.message) from exc
        if value is None:
            self.fail("invalid")
        return value

    def to_representation(self, value):
        return value.isoformat()


class FinalizeMeetingInputSerializer(serializers.Serializer):
    default_error_messages = {"invalid": messages.FINALIZE_NOT_OBJECT}

    contact_id = serializers.IntegerField(
        min_value=1,
        max_value=2**63 - 1,
        error_messages={
            "required": messages.FINALIZE_MISSING,
            "null": messages.FINALIZE_MISSING,
            "invalid": messages.FINALIZE_BAD_CONTACT_ID,
            "min_value": messages.FINALIZE_BAD_CONTACT_ID,
            "max_value": messages.FINALIZE_BAD_CONTACT_ID,
            "max_string_length": messages.FINALIZE_BAD_CONTACT_ID,
        },
    )
    start_time = CalendarDateTimeField()
    end_time = CalendarDateTimeField()

    def validate(self, attrs: dict) -> dict:
        if attrs["end_time"] <= attrs["start_time"]:
            raise serializers.ValidationError({"end_time": [messages.END_AFTER_START]})
        return attrs


def _sentences(errors) -> list[str]:
    """DRF's nested errors as "Meeting 2 (start_time): ..." sentences, one list for all."""
    if isinstance(errors, list):
        return [str(e) for e in errors]
    if set(errors) == {"non_field_errors"}:
        return [str(e) for e in errors["non_field_errors"]]
    sentences = []
    for index in sorted(errors, key=int):
        fields_by_message: dict[str, list[str]] = {}
        for field, problems in errors[index].items():
            for problem in problems:
                fields_by_message.setdefault(str(problem), []).append(field)
        for problem, fields in fields_by_message.items():
            named = [f for f in fields if f != "non_field_errors"]
            where = f" ({', '.join(named)})" if named else ""
            sentences.append(
                messages.FINALIZE_MEETING_ERROR.format(
                    number=int(index) + 1, where=where, message=problem
                )
            )
    return sentences


class FinalizeInputSerializer(serializers.Serializer):
    finalized_schedule = FinalizeMeetingInputSerializer(
        many=True,
        max_length=MAX_MEETINGS,
        error_messages={
            "required": messages.FINALIZE_MISSING,
            "null": messages.FINALIZE_MISSING,
            "not_a_list": messages.FINALIZE_NOT_LIST,
            "empty": messages.NOTHING_SELECTED,
            "max_length": messages.FINALIZE_TOO_LONG.format(limit=MAX_MEETINGS),
        },
    )

    def to_internal_value(self, data):
        # One shape for every error: a list of sentences under finalized_schedule.
        try:
            return super().to_internal_value(data)
        except serializers.ValidationError as exc:
            if isinstance(exc.detail, dict) and "finalized_schedule" in exc.detail:
                errors = _sentences(exc.detail["finalized_schedule"])
                raise serializers.ValidationError({"finalized_schedule": errors}) from exc
            raise


class ConfirmQuerySerializer(serializers.Serializer):
    include_partial = serializers.BooleanField(default=False)


# --- output: a ``selectors.finalize.Confirmation`` and the finalized meetings ------------


class ConfirmSuggestedMeetingSerializer(PersonSerializer):
    start_time = ZonedDateTimeField(source="start", help_text="ISO 8601 in the calendar's zone.")
    end_time = ZonedDateTimeField(source="end")


def _seat(contact, placement) -> SimpleNamespace:
    """One meeting of a suggested schedule: who (the contact) and when (the placement)."""
    return SimpleNamespace(
        pk=contact.pk,
        first_name=contact.first_name,
        last_name=contact.last_name,
        start=placement.start,
        end=placement.end,
    )


class ConfirmScoreSerializer(serializers.Serializer):
    seated = serializers.IntegerField(help_text="Invitees this schedule gives a meeting.")
    score = serializers.IntegerField(
        source="weight", help_text="Sum of owner + invitee preference per meeting."
    )
    unseated = serializers.SerializerMethodField(help_text="Contact ids left without a meeting.")

    def get_unseated(self, schedule) -> list[int]:
        seated = {p.invitee for p in schedule.placements}
        return [contact_id for contact_id in self.context["contacts"] if contact_id not in seated]


class ConfirmInviteeAvailabilitySerializer(serializers.ModelSerializer):
    contact = PersonSerializer()
    responded = serializers.BooleanField()
    availability = RoundSlotsPreferenceField(source="slots_list")

    class Meta:
        model = Invitation
        fields = ["contact", "responded", "availability"]


class ConfirmSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="calendar.pk")
    name = serializers.CharField(source="calendar.name")
    description = serializers.CharField(source="calendar.description")
    deadline = ZonedDateTimeField(source="calendar.deadline")
    timezone = serializers.CharField(source="calendar.timezone")
    meeting_duration = serializers.IntegerField(
        source="calendar.meeting_duration", help_text="Minutes per suggested meeting."
    )
    invitees = serializers.SerializerMethodField()
    pending_invitees = serializers.SerializerMethodField(
        help_text="Invitees who have not responded."
    )
    suggested_schedules = serializers.SerializerMethodField(
        help_text="At most 5, best first: most invitees seated, then highest total preference."
    )
    suggestion_scores = ConfirmScoreSerializer(
        source="schedules", many=True, help_text="One per suggested schedule."
    )
    optimal = serializers.BooleanField(
        help_text="False when the solver's time limit was hit: the first suggestion may then "
        "not be the best possible."
    )
    message = serializers.CharField(help_text="Why there are no suggestions, or caveats.")
    owner_availability = RoundSlotsPreferenceField(source="owner_slots")
    invitee_availability = ConfirmInviteeAvailabilitySerializer(source="invitations", many=True)

    def get_invitees(self, confirmation) -> PersonSerializer(many=True):
        return PersonSerializer([i.contact for i in confirmation.invitations], many=True).data

    def get_pending_invitees(self, confirmation) -> PersonSerializer(many=True):
        pending = [i.contact for i in confirmation.invitations if not i.responded]
        return PersonSerializer(pending, many=True).data

    def get_suggested_schedules(self, confirmation) -> serializers.ListField(
        child=ConfirmSuggestedMeetingSerializer(many=True)
    ):
        contacts = self.context["contacts"]
        return [
            ConfirmSuggestedMeetingSerializer(
                [_seat(contacts[p.invitee], p) for p in schedule.placements],
                many=True,
                context=self.context,
            ).data
            for schedule in confirmation.schedules
        ]


class FinalizedMeetingSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The meeting's id.")
    contact_id = serializers.IntegerField()
    first_name = serializers.CharField(source="contact.first_name")
    last_name = serializers.CharField(source="contact.last_name")
    email = serializers.EmailField(source="attendee_email")
    start_time = ZonedDateTimeField(source="start")
    end_time = ZonedDateTimeField(source="end")


class FinalizeOutputSerializer(serializers.Serializer):
    meetings = FinalizedMeetingSerializer(many=True)


class FinalizeErrorsSerializer(serializers.Serializer):
    finalized_schedule = serializers.ListField(
        child=serializers.CharField(),
        help_text="Every problem found, as sentences that start with seed 004's category "
        "(a missing field, an unknown or uninvited contact, overlapping meetings, a time the "
        "contact is not available, a clash with the agenda, nobody selected), or "
        "'Meeting N (field): ...' for a malformed entry.",
    )


ERRORS = {
    401: detail("Not authenticated."),
    403: detail("The calendar is someone else's."),
    404: detail("No such calendar, or it is already finalized."),
}


# --- view ----------------------------------------------------------------------------


class CalendarConfirmApi(APIView):
    """Finalize a 1-on-1 round (seed 004): 403 for another owner's calendar, 404 once final."""

    @extend_schema(
        summary="Suggested schedules and everyone's availability",
        parameters=[
            OpenApiParameter(
                "include_partial",
                OpenApiTypes.BOOL,
                description="Suggest schedules for the invitees who have responded even "
                "while others have not (by default there are none until everyone has).",
            )
        ],
        responses={200: ConfirmSerializer, 400: OpenApiTypes.OBJECT, **ERRORS},
    )
    def get(self, request, calendar_id: int):
        calendar = calendar_to_finalize(calendar_id=calendar_id, user=request.user)
        query = ConfirmQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        confirmation = calendar_confirmation(
            calendar=calendar,
            include_partial=query.validated_data["include_partial"],
            now=timezone.now(),
        )
        context = {"tz": zone(calendar.timezone), "contacts": confirmation.contacts}
        return Response(ConfirmSerializer(confirmation, context=context).data)

    @extend_schema(
        summary="Finalize a schedule: create the meetings and email everyone",
        request=FinalizeInputSerializer,
        responses={201: FinalizeOutputSerializer, 400: FinalizeErrorsSerializer, **ERRORS},
        examples=[
            OpenApiExample(
                "Two meetings",
                request_only=True,
                value={
                    "finalized_schedule": [
                        {
                            "contact_id": 1,
                            "start_time": "2026/03/12 13:00:00",
                            "end_time": "2026/03/12 13:30:00",
                        },
                        {
                            "contact_id": 2,
                            "start_time": "2026-03-12T13:30:00-04:00",
                            "end_time": "2026-03-12T14:00:00-04:00",
                        },
                    ]
                },
            )
        ],
    )
    def post(self, request, calendar_id: int):
        calendar = calendar_to_finalize(calendar_id=calendar_id, user=request.user)
        tz = zone(calendar.timezone)
        serializer = FinalizeInputSerializer(data=request.data, context={"tz": tz})
        serializer.is_valid(raise_exception=True)
        schedule = [
            ProposedMeeting(contact_id=m["contact_id"], start=m["start_time"], end=m["end_time"])
            for m in serializer.validated_data["finalized_schedule"]
        ]
        try:
            meetings = calendar_finalize(
                calendar_id=calendar.pk, by=request.user, schedule=schedule
            )
        except ScheduleInvalid as exc:
            raise serializers.ValidationError({"finalized_schedule": exc.problems}) from exc
        output = FinalizeOutputSerializer({"meetings": meetings}, context={"tz": tz})
        return Response(output.data, status=status.HTTP_201_CREATED)
