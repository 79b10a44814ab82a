"""Time-zone edges: parse what people type, in the zone they mean, exactly once.

Inside the system every datetime is aware (UTC in the database). Naive input is
read in an IANA zone with ``zoneinfo``; a wall-clock time that does not exist
(the hour skipped when clocks go forward) is refused rather than silently
shifted, and an ambiguous one (the hour repeated when clocks go back) means
its first occurrence.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from functools import lru_cache

from accounts.validators import available_timezones
from config import messages
from config.errors import ApplicationError

UTC = dt.UTC

DATETIME_FORMATS = ("%Y-%m-%dT%H:%M:%S", "%Y/%m/%d %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M")


@lru_cache(maxsize=512)
def zone(name: str) -> zoneinfo.ZoneInfo:
    """The IANA zone called ``name``; ApplicationError for anything else."""
    if name not in available_timezones():
        raise ApplicationError(messages.UNKNOWN_TIMEZONE.format(name=name), field="timezone")
    return zoneinfo.ZoneInfo(name)


def exists_in_zone(naive: dt.datetime, tz: zoneinfo.ZoneInfo) -> bool:
    aware = naive.replace(tzinfo=tz)
    return aware.astimezone(UTC).astimezone(tz).replace(tzinfo=None) == naive


def localize(naive: dt.datetime, tz: zoneinfo.ZoneInfo) -> dt.datetime:
    """Attach ``tz`` to a wall-clock time; refuse times skipped by a DST change."""
    if not exists_in_zone(naive, tz):
        raise ApplicationError(
            messages.TIME_SKIPPED.format(moment=f"{naive:%Y-%m-%d %H:%M}", zone=tz.key)
        )
    return naive.replace(tzinfo=tz, fold=0)


def combine(date: dt.date, time: dt.time, tz: zoneinfo.ZoneInfo) -> dt.datetime:
    return localize(dt.datetime.combine(date, time), tz)


def parse_datetime(value: object, tz: zoneinfo.ZoneInfo) -> dt.datetime | None:
    """Parse "YYYY-MM-DDThh:mm:ss", "YYYY/MM/DD HH:MM:SS", ISO 8601 with an
    offset, or a bare date (midnight); naive values are read in ``tz``.

    Returns None when the value is not a datetime in any accepted format.
    """
    if not isinstance(value, str):
        return None
    text = value.strip()
    parsed = None
    for fmt in DATETIME_FORMATS:
        try:
            parsed = dt.datetime.strptime(text, fmt)  # noqa: DTZ007 localized below
            break
        except ValueError:
            continue
    if parsed is None:
        try:
            parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return None
    if parsed.tzinfo is not None:
        return parsed.astimezone(UTC)
    return localize(parsed, tz).astimezone(UTC)
