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
    start, end = slot.start.astimezone(tz), slot.end.astimezone(tz)
    return {
        "id": slot.pk,
        "date": start.date().isoformat(),
        "start_time": start.time().isoformat("seconds"),
        "end_time": end.time().isoformat("seconds"),
        preference_key: slot.preference,
        "start": start.isoformat(),
        "end": end.isoformat(),
    }
