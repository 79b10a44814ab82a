"""Parsing the inputs of seed 004 (ids, datetimes, slot lists), its messages word for word.

Owner slots are ``{"date", "start_time", "end_time", "preference_level"}`` in
wall-clock time; invitee slots are ``{"start_time", "end_time",
"preference_level"}`` with full datetimes. ``preference`` is accepted for
``preference_level`` (the seed uses both). Errors come back as a flat list of
messages under the field, one per distinct problem, as the seed shows them.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from config.errors import ApplicationError
from schedules.services.calendars import MAX_ITEMS, SlotSpec
from schedules.timeutils import localize, parse_datetime

SLOT_FORM = (
    "Invalid slot data. Must be in the form: 'date', 'start_time', 'end_time', 'preference_level' "
)
# The seed spells the update message without the first space; both are kept verbatim.
SLOT_FORM_UPDATE = (
    "Invalid slot data. Must be in the form: 'date','start_time', 'end_time', 'preference_level' "
)
INVITEE_SLOT_FORM = (
    "Invalid slot data. Must be in the form: 'start_time', 'end_time', 'preference_level'"
)
DATE_STRING = "Date must be a string."
TIMES_STRINGS = "Start and end times must be strings."
DATE_FORMAT = "Date must be in a valid date format YYYY-MM-DD."
TIME_FORMAT = "Start and end times must be in a valid date format HH:MM:SS."
DATETIME_FORMAT = (
    "Start and end times must be in the format YYYY/MM/DD HH:MM:SS "
    "(or ISO 8601, e.g. 2024-03-12T13:00:00-04:00)."
)
END_AFTER_START = "End time must be after start time."
PREFERENCE_INT = "Preference level must be an integer."
PREFERENCE_RANGE = "Preference level must be either 1, 2, or 3 (3 being highest preference)."
DATETIME_WRONG = "Datetime has wrong format."
NO_INPUT = "No input."


def IdField(**kwargs) -> serializers.IntegerField:
    """A database id: bounded, so an absurd number is a 400, not a database error."""
    return serializers.IntegerField(min_value=1, max_value=2**63 - 1, **kwargs)


def IdListField(**kwargs) -> serializers.ListField:
    return serializers.ListField(child=IdField(), max_length=MAX_ITEMS, **kwargs)


class SlotError(Exception):
    pass


def _preference(item: dict) -> int:
    value = item["preference_level"] if "preference_level" in item else item["preference"]
    if not isinstance(value, int) or isinstance(value, bool):
        raise SlotError(PREFERENCE_INT)
    if value not in (1, 2, 3):
        raise SlotError(PREFERENCE_RANGE)
    return value


def _has_form(item: object, keys: tuple[str, ...]) -> bool:
    return (
        isinstance(item, dict)
        and all(k in item for k in keys)
        and ("preference_level" in item or "preference" in item)
    )


def _time(text: str) -> dt.time | None:
    for fmt in ("%H:%M:%S", "%H:%M"):
        try:
            return dt.datetime.strptime(text, fmt).time()  # noqa: DTZ007 a wall-clock time
        except ValueError:
            continue
    return None


def parse_owner_slot(item: object, tz: zoneinfo.ZoneInfo, *, form: str) -> SlotSpec:
    """A wall-clock owner slot read in ``tz``; ``end_time`` "24:00:00" is the next midnight."""
    if not _has_form(item, ("date", "start_time", "end_time")):
        raise SlotError(form)
    if not isinstance(item["date"], str):
        raise SlotError(DATE_STRING)
    if not (isinstance(item["start_time"], str) and isinstance(item["end_time"], str)):
        raise SlotError(TIMES_STRINGS)
    try:
        day = dt.datetime.strptime(item["date"].strip(), "%Y-%m-%d").date()  # noqa: DTZ007
    except ValueError as exc:
        raise SlotError(DATE_FORMAT) from exc
    start = _time(item["start_time"].strip())
    end_text = item["end_time"].strip()
    end_of_day = end_text in ("24:00", "24:00:00")
    end = dt.time(0) if end_of_day else _time(end_text)
    if start is None or end is None:
        raise SlotError(TIME_FORMAT)
    if not end_of_day and end <= start:
        raise SlotError(END_AFTER_START)
    preference = _preference(item)
    end_day = day + dt.timedelta(days=1) if end_of_day else day
    try:
        return SlotSpec(
            start=localize(dt.datetime.combine(day, start), tz).astimezone(dt.UTC),
            end=localize(dt.datetime.combine(end_day, end), tz).astimezone(dt.UTC),
            preference=preference,
        )
    except ApplicationError as exc:  # a wall-clock time skipped by a DST change
        raise SlotError(exc.message) from exc


def parse_invitee_slot(item: object, tz: zoneinfo.ZoneInfo) -> SlotSpec:
    """Full datetimes ("YYYY/MM/DD HH:MM:SS", ISO 8601); the owner's form is accepted too."""
    if isinstance(item, dict) and "date" in item:
        return parse_owner_slot(item, tz, form=INVITEE_SLOT_FORM)
    if not _has_form(item, ("start_time", "end_time")):
        raise SlotError(INVITEE_SLOT_FORM)
    if not (isinstance(item["start_time"], str) and isinstance(item["end_time"], str)):
        raise SlotError(TIMES_STRINGS)
    try:
        start = parse_datetime(item["start_time"], tz)
        end = parse_datetime(item["end_time"], tz)
    except ApplicationError as exc:
        raise SlotError(exc.message) from exc
    if start is None or end is None:
        raise SlotError(DATETIME_FORMAT)
    if end <= start:
        raise SlotError(END_AFTER_START)
    return SlotSpec(start=start, end=end, preference=_preference(item))


class SlotListField(serializers.Field):
    """A JSON list of slots, parsed in the zone ``tz_context_key`` names in the context.

    The zone is only known once the rest of the payload is read (a calendar's
    own ``timezone``), so this field keeps the raw items and the serializer's
    ``validate`` calls ``parse`` with the zone.
    """

    default_error_messages = {
        "not_a_list": 'Expected a list of items but got type "{input_type}".',
        "empty": "This list may not be empty.",
        "max_length": f"Send at most {MAX_ITEMS} slots per request.",
    }

    def __init__(self, *, allow_empty: bool = True, **kwargs):
        self.allow_empty = allow_empty
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, list):
            self.fail("not_a_list", input_type=type(data).__name__)
        if not data and not self.allow_empty:
            self.fail("empty")
        if len(data) > MAX_ITEMS:
            self.fail("max_length")
        return data

    def to_representation(self, value):
        return value


def slot_list_key(attrs: dict) -> str:
    """Which of the seed's two names for the slot list the client used (exactly one)."""
    key = "available_slots" if "available_slots" in attrs else "availability"
    if "availability" in attrs and "available_slots" in attrs:
        raise serializers.ValidationError(
            {key: ["Send either availability or available_slots, not both."]}
        )
    if key not in attrs:
        raise serializers.ValidationError({"availability": ["This field is required."]})
    return key


def parse_slots(items: list, parse) -> list[SlotSpec]:
    """Parse every item; raise one ValidationError listing each distinct message."""
    slots, messages = [], []
    for item in items:
        try:
            slots.append(parse(item))
        except SlotError as exc:
            if str(exc) not in messages:
                messages.append(str(exc))
    if messages:
        raise serializers.ValidationError(messages)
    return slots


class RawDatetimeField(serializers.Field):
    """A datetime string kept raw until the zone it is read in is known."""

    default_error_messages = {"invalid": DATETIME_WRONG}

    def to_internal_value(self, data):
        if not isinstance(data, str) or parse_datetime(data, dt.UTC) is None:
            self.fail("invalid")
        return data

    def to_representation(self, value):
        return value


def read_datetime(text: str, tz: zoneinfo.ZoneInfo) -> dt.datetime:
    try:
        value = parse_datetime(text, tz)
    except ApplicationError as exc:
        raise serializers.ValidationError([exc.message]) from exc
    if value is None:
        raise serializers.ValidationError([DATETIME_WRONG])
    return value


# Shapes for the OpenAPI schema only: the fields above parse the real input.
class OwnerSlotInputSerializer(serializers.Serializer):
    date = serializers.DateField(help_text="YYYY-MM-DD, in the calendar's time zone.")
    start_time = serializers.TimeField(help_text="HH:MM:SS wall-clock time.")
    end_time = serializers.TimeField(help_text="HH:MM:SS; 24:00:00 is the next midnight.")
    preference_level = serializers.IntegerField(
        min_value=1, max_value=3, help_text="3 is the highest preference (`preference` works too)."
    )


class InviteeSlotInputSerializer(serializers.Serializer):
    start_time = serializers.CharField(
        help_text="YYYY/MM/DD HH:MM:SS in the calendar's zone, or ISO 8601 with an offset."
    )
    end_time = serializers.CharField(help_text="Same formats as start_time.")
    preference_level = serializers.IntegerField(
        min_value=1, max_value=3, help_text="3 is the highest preference (`preference` works too)."
    )


@extend_schema_field(OwnerSlotInputSerializer(many=True))
class OwnerSlotListField(SlotListField):
    pass


@extend_schema_field(InviteeSlotInputSerializer(many=True))
class InviteeSlotListField(SlotListField):
    pass


extend_schema_field(
    {
        "type": "string",
        "description": "YYYY-MM-DDThh:mm:ss, YYYY/MM/DD HH:MM:SS or YYYY-MM-DD (read in the "
        "calendar's zone), or ISO 8601 with an offset.",
        "example": "2024-03-15T17:00:00",
    }
)(RawDatetimeField)
