"""Calendars of 1-on-1 rounds (seed 004): create, see and edit details, remind invitees."""

from __future__ import annotations

from collections.abc import Mapping

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.views import APIView

from config import messages
from config.errors import ApplicationError
from schedules.api.fields import (
    ContactSerializer,
    IdListField,
    OwnerSlotListField,
    RawDatetimeField,
    RoundSlotsField,
    TimezoneField,
    ZonedDateTimeField,
    parse_each,
    parse_owner_slot,
    parse_slots,
    read_datetime,
    slot_list_key,
)
from schedules.api.schema import NOT_AUTHENTICATED, detail, field_errors
from schedules.models import Calendar, Invitation
from schedules.selectors.rounds import calendar_details, calendar_for_owner, invitation_for_reminder
from schedules.services import calendars as services
from schedules.services.invitations import invitation_remind
from schedules.timeutils import zone


def DurationField(**kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(
        min_value=5, max_value=24 * 60, help_text="Minutes per meeting.", **kwargs
    )


# --- input -------------------------------------------------------------------------------


class CalendarCreateInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=150)
    description = serializers.CharField(max_length=5000, allow_blank=True)
    deadline = RawDatetimeField()
    invitees = IdListField(required=False, default=list)
    availability = OwnerSlotListField(required=False, allow_empty=False)
    available_slots = OwnerSlotListField(
        required=False, allow_empty=False, help_text="Another name for `availability`."
    )
    timezone = TimezoneField(required=False)
    meeting_duration = DurationField(required=False, default=30)

    def validate(self, attrs: dict) -> dict:
        key = slot_list_key(attrs)
        tz = zone(attrs.get("timezone") or self.context["owner"].timezone)
        attrs = parse_each(
            attrs, _readers(tz, deadline="deadline", slots=key, form=messages.SLOT_FORM)
        )
        attrs["slots"], attrs["slots_key"], attrs["timezone"] = attrs.pop(key), key, tz.key
        return attrs


def _readers(tz, *, deadline: str, slots: str, form: str) -> dict:
    """Seed 004's deadline and owner-slot list, read in the calendar's zone ``tz``."""
    return {
        deadline: lambda text: read_datetime(text, tz),
        slots: lambda items: parse_slots(items, lambda item: parse_owner_slot(item, tz, form=form)),
    }


class CalendarUpdateInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=150, required=False)
    description = serializers.CharField(max_length=5000, allow_blank=True, required=False)
    deadline = RawDatetimeField(required=False)
    timezone = TimezoneField(required=False)
    meeting_duration = DurationField(required=False)
    add_invitees = IdListField(required=False)
    remove_invitees = IdListField(required=False)
    add_availabilities = OwnerSlotListField(required=False)
    remove_availabilities = IdListField(required=False, help_text="Ids of the owner's slots.")

    def to_internal_value(self, data):
        if isinstance(data, Mapping) and not (set(data) & set(self.fields)):
            raise serializers.ValidationError({"non_field_errors": [messages.NO_INPUT]})
        return super().to_internal_value(data)

    def validate(self, attrs: dict) -> dict:
        tz = zone(attrs.get("timezone") or self.context["calendar_timezone"])
        attrs.setdefault("add_availabilities", [])
        readers = _readers(
            tz, deadline="deadline", slots="add_availabilities", form=messages.SLOT_FORM_UPDATE
        )
        return parse_each(attrs, readers)

    def changes(self) -> services.CalendarChanges:
        data = self.validated_data
        return services.CalendarChanges(
            name=data.get("name"),
            description=data.get("description"),
            deadline=data.get("deadline"),
            tz_name=data.get("timezone"),
            meeting_duration=data.get("meeting_duration"),
            add_invitee_ids=data.get("add_invitees", ()),
            remove_invitee_ids=data.get("remove_invitees", ()),
            add_slots=data["add_availabilities"],
            remove_slot_ids=data.get("remove_availabilities", ()),
        )


# --- output: serializers of a Calendar from ``selectors.rounds.calendar_details`` ---------


class CalendarSerializer(serializers.ModelSerializer):
    deadline = ZonedDateTimeField(help_text="ISO 8601 with the calendar zone's offset.")
    invitees = serializers.SerializerMethodField(help_text="Contact ids.")
    finalized = serializers.BooleanField()

    class Meta:
        model = Calendar
        fields = [
            "id",
            "name",
            "description",
            "deadline",
            "invitees",
            "finalized",
            "timezone",
            "meeting_duration",
        ]

    def get_invitees(self, calendar: Calendar) -> list[int]:
        return [i.contact_id for i in calendar.invitation_list]


class OwnerAvailabilitySerializer(serializers.Serializer):
    slots = RoundSlotsField(source="owner_slots")


class InviteeAvailabilitySerializer(serializers.ModelSerializer):
    contact = ContactSerializer()
    status = serializers.BooleanField(
        source="responded", help_text="True once the invitee has responded."
    )
    slots = RoundSlotsField(source="slot_rows")
    responded_at = ZonedDateTimeField(allow_null=True)
    last_reminded_at = ZonedDateTimeField(allow_null=True)

    class Meta:
        model = Invitation
        fields = ["contact", "status", "slots", "responded_at", "last_reminded_at"]


class CalendarDetailsSerializer(serializers.Serializer):
    Calendar = CalendarSerializer(source="*")
    Owner_availability = OwnerAvailabilitySerializer(source="*")
    Invitee_availability = InviteeAvailabilitySerializer(source="invitation_list", many=True)


def _details(request, calendar_id: int) -> dict:
    calendar = calendar_details(owner=request.user, calendar_id=calendar_id)
    return CalendarDetailsSerializer(calendar, context={"tz": zone(calendar.timezone)}).data


BAD_INPUT = field_errors(
    f'Invalid input: {{"field": ["message"]}}, e.g. {{"deadline": ["{messages.DEADLINE_PAST}"]}}.'
)
CALENDAR_NOT_FOUND = detail(f'"{messages.CALENDAR_NOT_FOUND}": none with this id is yours.')


class CalendarCreateApi(APIView):
    parser_classes = [JSONParser]  # nested lists of slots only make sense as JSON

    @extend_schema(
        summary="Create a calendar and invite its contacts",
        request=CalendarCreateInputSerializer,
        responses={201: CalendarSerializer, 400: BAD_INPUT, 401: NOT_AUTHENTICATED},
    )
    def post(self, request):
        serializer = CalendarCreateInputSerializer(
            data=request.data, context={"owner": request.user}
        )
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            calendar = services.calendar_create(
                owner=request.user,
                name=data["name"],
                description=data["description"],
                deadline=data["deadline"],
                tz_name=data["timezone"],
                meeting_duration=data["meeting_duration"],
                invitee_ids=data["invitees"],
                slots=data["slots"],
            )
        except ApplicationError as exc:
            if exc.field == "availability":  # name the key the client used
                exc.field = data["slots_key"]
            raise
        return Response(_details(request, calendar.pk)["Calendar"], status=status.HTTP_201_CREATED)


class CalendarDetailsApi(APIView):
    parser_classes = [JSONParser]

    @extend_schema(
        summary="See a calendar's details",
        responses={
            200: CalendarDetailsSerializer,
            401: NOT_AUTHENTICATED,
            404: CALENDAR_NOT_FOUND,
        },
    )
    def get(self, request, calendar_id: int):
        return Response(_details(request, calendar_id))

    @extend_schema(
        summary="Update a calendar's details",
        request=CalendarUpdateInputSerializer,
        responses={
            200: CalendarDetailsSerializer,
            400: field_errors(
                'Invalid input ({"field": ["message"]}), or {"detail": "..."} for a finalized '
                "calendar."
            ),
            401: NOT_AUTHENTICATED,
            404: CALENDAR_NOT_FOUND,
        },
    )
    def put(self, request, calendar_id: int):
        calendar = calendar_for_owner(owner=request.user, calendar_id=calendar_id)
        serializer = CalendarUpdateInputSerializer(
            data=request.data, context={"calendar_timezone": calendar.timezone}
        )
        serializer.is_valid(raise_exception=True)
        services.calendar_update(
            calendar_id=calendar.pk, owner=request.user, changes=serializer.changes()
        )
        return Response(_details(request, calendar_id))


class ReminderOutputSerializer(serializers.Serializer):
    message = serializers.CharField()


class RemindApi(APIView):
    @extend_schema(
        summary="Remind an invitee who has not responded (emails them a fresh link)",
        responses={
            200: ReminderOutputSerializer,
            400: detail(
                "The invitee has responded, the deadline passed, or the round is finalized."
            ),
            401: NOT_AUTHENTICATED,
            403: detail("The calendar is someone else's."),
            404: detail("No such calendar or contact, or the contact is not invited."),
        },
    )
    def get(self, request, calendar_id: int, contact_id: int):
        invitation = invitation_for_reminder(
            owner=request.user, calendar_id=calendar_id, contact_id=contact_id
        )
        invitation = invitation_remind(invitation_id=invitation.pk)
        name = invitation.contact.full_name
        return Response({"message": messages.REMINDER_SENT.format(name=name)})


@extend_schema(exclude=True)
class RemindNoSlashApi(RemindApi):
    """The seed writes this path without its trailing slash; both work."""
