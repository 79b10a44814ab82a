from __future__ import annotations

import functools
import zoneinfo

from django.core.exceptions import ValidationError

from config import messages

# Files in the tz database that are not places: the server's own zone and a placeholder.
NOT_ZONES = frozenset({"localtime", "Factory", "posixrules"})


def validate_timezone(value: str) -> None:
    """Accept IANA zone names only ("Europe/Paris"), never offsets or abbreviations."""
    if value not in available_timezones():
        raise ValidationError(messages.UNKNOWN_TIMEZONE.format(name=value))


@functools.cache
def available_timezones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones()) - NOT_ZONES
