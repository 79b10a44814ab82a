"""How an availability slot looks in every API response (seed 004 shape).

Slots are stored as aware UTC ranges and shown as the seed's wall-clock
``date`` / ``start_time`` / ``end_time`` in the calendar's zone, plus ISO 8601
``start`` / ``end`` with an offset for clients that want exact instants. A slot
that crosses midnight in that zone keeps ``date`` of its start.
"""

from __future__ import annotations

import zoneinfo

from schedules.models import Availability


def slot_dict(
    slot: Availability, tz: zoneinfo.ZoneInfo, *, preference_key: str = "preference_level"
) -> dict:
    return slot_row_dict(
        (slot.pk, slot.start, slot.end, slot.preference), tz, preference_key=preference_key
    )


SLOT_ROW = ("pk", "start", "end", "preference")


def slot_row_dict(
    row: tuple, tz: zoneinfo.ZoneInfo, *, preference_key: str = "preference_level"
) -> dict:
    """The same shape from a ``values_list(*SLOT_ROW)`` row: big reads skip model instances."""
    pk, start, end, preference = row
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
