"""Fields and small serializers shared by the API modules (the only module they share
besides ``schema``): ids, zones, days, zoned datetimes, and seed 004's slot shapes.

Seed 004's owner slots are ``{"date", "start_time", "end_time", "preference_level"}``
in wall-clock time; invitee slots are ``{"start_time", "end_time",
"preference_level"}`` with full datetimes; ``preference`` is accepted for
``preference_level`` (the seed uses both). Slot errors come back as a flat list
of messages under the field, one per distinct problem, as the seed shows them.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from config import messages
from config.errors import ApplicationError
from schedules.core.availability import Slot
from schedules.models import Contact
from schedules.services.calendars import MAX_ITEMS
from schedules.timeutils import localize, parse_datetime, zone

TIME_FORMATS = ["%H:%M:%S", "%H:%M"]


# --- scalars ----------------------------------------------------------------------------


def IdField(**kwargs) -> serializers.IntegerField:
    """A database id: bounded, so an absurd number is a 400, not a database error."""
    return serializers.IntegerField(min_value=1, max_value=2**63 - 1, **kwargs)


def IdListField(**kwargs) -> serializers.ListField:
    return serializers.ListField(child=IdField(), max_length=MAX_ITEMS, **kwargs)


class TimezoneField(serializers.CharField):
    """An IANA zone name ("Europe/Paris"), returned in its canonical spelling."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "IANA time zone, e.g. Europe/Paris.")
        super().__init__(max_length=64, **kwargs)

    def to_internal_value(self, data):
        name = super().to_internal_value(data)
        try:
            return zone(name).key
        except ApplicationError as exc:
            raise serializers.ValidationError(exc.message) from exc


class DayField(serializers.DateField):
    """A YYYY-MM-DD date in years that zone arithmetic can handle (1900-2999)."""

    def __init__(self, **kwargs):
        super().__init__(input_formats=["%Y-%m-%d"], **kwargs)

    def to_internal_value(self, value):
        day = super().to_internal_value(value)
        if not 1900 <= day.year <= 2999:
            raise serializers.ValidationError(messages.DATE_RANGE)
        return day


@extend_schema_field(OpenApiTypes.DATETIME)
class ZonedDateTimeField(serializers.Field):
    """Output: ISO 8601 with the offset of the zone in ``context["tz"]``."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value: dt.datetime | None) -> str | None:
        return value.astimezone(self.context["tz"]).isoformat() if value is not None else None


@extend_schema_field(OpenApiTypes.INT)
class MinutesField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value: dt.timedelta) -> int:
        return int(value.total_seconds() // 60)


def NoteField(*, help_text: str) -> serializers.CharField:
    """A person's optional free text (a reason, a personal line), bounded."""
    return serializers.CharField(
        max_length=2000, required=False, allow_blank=True, help_text=help_text
    )


# --- people ------------------------------------------------------------------------------


class ContactSerializer(serializers.ModelSerializer):
    """A contact as seed 004 spells it (``first_Name``, ``last_Name``), plus its id."""

    first_Name = serializers.CharField(source="first_name")
    last_Name = serializers.CharField(source="last_name")

    class Meta:
        model = Contact
        fields = ["id", "first_Name", "last_Name", "email"]


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    first_name = serializers.CharField()
    last_name = serializers.CharField()


# --- seed 004 slots, out -------------------------------------------------------------


class _SlotShape(serializers.Serializer):
    id = serializers.IntegerField()
    date = serializers.DateField(help_text="In the calendar's time zone.")
    start_time = serializers.TimeField()
    end_time = serializers.TimeField()
    start = serializers.DateTimeField(help_text="ISO 8601 with offset.")
    end = serializers.DateTimeField(help_text="ISO 8601 with offset.")


class _SlotLevelShape(_SlotShape):
    preference_level = serializers.IntegerField(min_value=1, max_value=3)


class _SlotPreferenceShape(_SlotShape):
    preference = serializers.IntegerField(min_value=1, max_value=3)


def slot_dict(slot, tz: zoneinfo.ZoneInfo, preference_key: str) -> dict:
    """One slot, an ``Availability`` or a ``(pk, start, end, preference)`` row, in ``tz``:
    seed 004's wall-clock ``date``/``start_time``/``end_time`` plus ISO ``start``/``end``.
    A slot that crosses midnight keeps the ``date`` of its start."""
    if isinstance(slot, tuple):
        pk, start, end, preference = slot
    else:
        pk, start, end, preference = slot.pk, slot.start, slot.end, slot.preference
    start, end = start.astimezone(tz), end.astimezone(tz)
    return {
        "id": pk,
        "date": start.date().isoformat(),
        "start_time": start.time().isoformat("seconds"),
        "end_time": end.time().isoformat("seconds"),
        preference_key: preference,
        "start": start.isoformat(),
        "end": end.isoformat(),
    }


class _RoundSlotsField(serializers.Field):
    """Output: a list of slots in the calendar's zone (``context["tz"]``).

    A field rather than a nested serializer: calendar details may hold tens of
    thousands of slots, and this renders each with one function call.
    """

    preference_key = "preference_level"

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, slots) -> list[dict]:
        tz = self.context["tz"]
        return [slot_dict(slot, tz, self.preference_key) for slot in slots]


@extend_schema_field(_SlotLevelShape(many=True))
class RoundSlotsField(_RoundSlotsField):
    """Slots with ``preference_level`` (calendar details)."""


@extend_schema_field(_SlotPreferenceShape(many=True))
class RoundSlotsPreferenceField(_RoundSlotsField):
    """Slots with ``preference`` (respond and confirm, as the seed spells them there)."""

    preference_key = "preference"


# --- seed 004 slots, in ------------------------------------------------------------------


class SlotError(Exception):
    pass


def _preference(item: dict) -> int:
    value = item["preference_level"] if "preference_level" in item else item["preference"]
    if not isinstance(value, int) or isinstance(value, bool):
        raise SlotError(messages.PREFERENCE_INT)
    if value not in (1, 2, 3):
        raise SlotError(messages.PREFERENCE_RANGE)
    return value


def _has_form(item: object, keys: tuple[str, ...]) -> bool:
    return (
        isinstance(item, dict)
        and all(k in item for k in keys)
        and ("preference_level" in item or "preference" in item)
    )


def _time(text: str) -> dt.time | None:
    for fmt in TIME_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).time()  # noqa: DTZ007 a wall-clock time
        except ValueError:
            continue
    return None


def parse_owner_slot(item: object, tz: zoneinfo.ZoneInfo, *, form: str) -> Slot:
    """A wall-clock owner slot read in ``tz``; ``end_time`` "24:00:00" is the next midnight."""
    if not _has_form(item, ("date", "start_time", "end_time")):
        raise SlotError(form)
    if not isinstance(item["date"], str):
        raise SlotError(messages.DATE_STRING)
    if not (isinstance(item["start_time"], str) and isinstance(item["end_time"], str)):
        raise SlotError(messages.TIMES_STRINGS)
    try:
        day = dt.datetime.strptime(item["date"].strip(), "%Y-%m-%d").date()  # noqa: DTZ007
    except ValueError as exc:
        raise SlotError(messages.DATE_FORMAT) from exc
    start = _time(item["start_time"].strip())
    end_text = item["end_time"].strip()
    end_of_day = end_text in ("24:00", "24:00:00")
    end = dt.time(0) if end_of_day else _time(end_text)
    if start is None or end is None:
        raise SlotError(messages.TIME_FORMAT)
    if not end_of_day and end <= start:
        raise SlotError(messages.END_AFTER_START)
    preference = _preference(item)
    end_day = day + dt.timedelta(days=1) if end_of_day else day
    try:
        return Slot(
            start=localize(dt.datetime.combine(day, start), tz).astimezone(dt.UTC),
            end=localize(dt.datetime.combine(end_day, end), tz).astimezone(dt.UTC),
            preference=preference,
        )
    except ApplicationError as exc:  # a wall-clock time skipped by a DST change
        raise SlotError(exc.message) from exc


def parse_invitee_slot(item: object, tz: zoneinfo.ZoneInfo) -> Slot:
    """Full datetimes ("YYYY/MM/DD HH:MM:SS", ISO 8601); the owner's form is accepted too."""
    if isinstance(item, dict) and "date" in item:
        return parse_owner_slot(item, tz, form=messages.INVITEE_SLOT_FORM)
    if not _has_form(item, ("start_time", "end_time")):
        raise SlotError(messages.INVITEE_SLOT_FORM)
    if not (isinstance(item["start_time"], str) and isinstance(item["end_time"], str)):
        raise SlotError(messages.TIMES_STRINGS)
    try:
        start = parse_datetime(item["start_time"], tz)
        end = parse_datetime(item["end_time"], tz)
    except ApplicationError as exc:
        raise SlotError(exc.message) from exc
    if start is None or end is None:
        raise SlotError(messages.DATETIME_FORMAT)
    if end <= start:
        raise SlotError(messages.END_AFTER_START)
    return Slot(start=start, end=end, preference=_preference(item))


class SlotListField(serializers.Field):
    """A JSON list of slots, parsed in the zone ``tz_context_key`` names in the context.

    The zone is only known once the rest of the payload is read (a calendar's
    own ``timezone``), so this field keeps the raw items and the serializer's
    ``validate`` calls ``parse_slots`` with the zone.
    """

    default_error_messages = {
        "not_a_list": 'Expected a list of items but got type "{input_type}".',
        "empty": "This list may not be empty.",
        "max_length": messages.SLOT_LIST_TOO_LONG.format(limit=MAX_ITEMS),
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
        raise serializers.ValidationError({key: [messages.SLOT_LIST_BOTH]})
    if key not in attrs:
        raise serializers.ValidationError({"availability": [messages.FIELD_REQUIRED]})
    return key


def parse_slots(items: list, parse) -> list[Slot]:
    """Parse every item; raise one ValidationError listing each distinct message."""
    slots, problems = [], []
    for item in items:
        try:
            slots.append(parse(item))
        except SlotError as exc:
            if str(exc) not in problems:
                problems.append(str(exc))
    if problems:
        raise serializers.ValidationError(problems)
    return slots


class OwnerSlotInputSerializer(serializers.Serializer):
    """The OpenAPI shape of one owner slot (``OwnerSlotListField`` parses the real input)."""

    date = serializers.DateField(help_text="YYYY-MM-DD, in the calendar's time zone.")
    start_time = serializers.TimeField(help_text="HH:MM:SS wall-clock time.")
    end_time = serializers.TimeField(help_text="HH:MM:SS; 24:00:00 is the next midnight.")
    preference_level = serializers.IntegerField(
        min_value=1, max_value=3, help_text="3 is the highest preference (`preference` works too)."
    )


class InviteeSlotInputSerializer(serializers.Serializer):
    """The OpenAPI shape of one invitee slot (``InviteeSlotListField`` parses the real input)."""

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


@extend_schema_field(
    {
        "type": "string",
        "description": "YYYY-MM-DDThh:mm:ss, YYYY/MM/DD HH:MM:SS or YYYY-MM-DD (read in the "
        "calendar's zone), or ISO 8601 with an offset.",
        "example": "2024-03-15T17:00:00",
    }
)
class RawDatetimeField(serializers.Field):
    """A datetime string kept raw until the zone it is read in is known."""

    default_error_messages = {"invalid": messages.DATETIME_WRONG}

    def to_internal_value(self, data):
        if not isinstance(data, str) or parse_datetime(data, dt.UTC) is None:
            self.fail("invalid")
        return data

    def to_representation(self, value):
        return value


def parse_each(attrs: dict, readers: dict) -> dict:
    """Run each reader on ``attrs[key]`` (when present); raise all their errors together."""
    errors = {}
    for key, read in readers.items():
        if key in attrs:
            try:
                attrs[key] = read(attrs[key])
            except serializers.ValidationError as exc:
                errors[key] = exc.detail
    if errors:
        raise serializers.ValidationError(errors)
    return attrs


def read_datetime(text: str, tz: zoneinfo.ZoneInfo) -> dt.datetime:
    try:
        value = parse_datetime(text, tz)
    except ApplicationError as exc:
        raise serializers.ValidationError([exc.message]) from exc
    if value is None:
        raise serializers.ValidationError([messages.DATETIME_WRONG])
    return value
