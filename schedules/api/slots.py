"""OpenAPI shapes of ``schedules.selectors.slots.slot_dict``: one slot, two key spellings.

Seed 004 calls the preference ``preference_level`` in calendar details and
``preference`` on the respond and confirm endpoints; both shapes live here so
the schema cannot drift from the one function that builds them.
"""

from __future__ import annotations

from rest_framework import serializers


class _SlotBase(serializers.Serializer):
    id = serializers.IntegerField()
    date = serializers.DateField(help_text="In the calendar's time zone.")
    start_time = serializers.TimeField()
    end_time = serializers.TimeField()
    start = serializers.DateTimeField(help_text="ISO 8601 with offset.")
    end = serializers.DateTimeField(help_text="ISO 8601 with offset.")


class RoundSlotSerializer(_SlotBase):
    preference_level = serializers.IntegerField(min_value=1, max_value=3)


class RoundSlotPreferenceSerializer(_SlotBase):
    preference = serializers.IntegerField(min_value=1, max_value=3)
