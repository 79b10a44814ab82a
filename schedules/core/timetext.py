"""Every way a time or a span of time is written for people, in one place.

Messages name the zone a time is in; emails spell times out in their reader's zone.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo


def span_text(
    start: dt.datetime, end: dt.datetime, tz: zoneinfo.ZoneInfo, *, zone: bool = False
) -> str:
    """``2024-03-12 13:00-15:00`` in ``tz`` (the end's date too when it differs);
    ``zone=True`` appends `` (Europe/Paris)``."""
    start, end = start.astimezone(tz), end.astimezone(tz)
    until = f"{end:%H:%M}" if end.date() == start.date() else f"{end:%Y-%m-%d %H:%M}"
    text = f"{start:%Y-%m-%d %H:%M}-{until}"
    return f"{text} ({tz.key})" if zone else text


def clock_range(start: dt.time, end: dt.time) -> str:
    """``09:00-17:00``: a wall-clock range of working hours."""
    return f"{start:%H:%M}-{end:%H:%M}"


def offset_text(value: dt.datetime) -> str:
    """``UTC+05:30`` for an aware datetime."""
    offset = value.strftime("%z")
    return f"UTC{offset[:3]}:{offset[3:]}"


def moment_text(value: dt.datetime, tz: zoneinfo.ZoneInfo) -> str:
    """``Friday 15 March 2024 at 17:00 Europe/London (UTC+00:00)``: unambiguous anywhere."""
    local = value.astimezone(tz)
    return f"{local:%A} {local.day} {local:%B %Y at %H:%M} {tz.key} ({offset_text(local)})"


def when_text(start: dt.datetime, end: dt.datetime, tz: zoneinfo.ZoneInfo) -> str:
    """``Monday 9 March 2026, 09:00-09:30 (America/New_York)``: a meeting in its reader's zone."""
    start, end = start.astimezone(tz), end.astimezone(tz)
    until = f"{end:%H:%M}" if end.date() == start.date() else f"{end:%A} {end.day} {end:%B %H:%M}"
    return f"{start:%A} {start.day} {start:%B %Y}, {start:%H:%M}-{until} ({tz.key})"


def short_when_text(start: dt.datetime, tz: zoneinfo.ZoneInfo) -> str:
    """``Thu 3 Dec, 09:00 JST``-style for subject lines: ``Thu 3 Dec 2026, 09:00 (Asia/Tokyo)``."""
    local = start.astimezone(tz)
    return f"{local:%a} {local.day} {local:%b %Y}, {local:%H:%M} ({tz.key})"
