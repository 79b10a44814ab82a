from __future__ import annotations

import zoneinfo

from django.core.exceptions import ValidationError


def validate_timezone(value: str) -> None:
    """Accept IANA zone names only ("Europe/Paris"), never offsets or abbreviations."""
    if value not in available_timezones():
        raise ValidationError(
            f"“{value}” is not a known time zone. Use an IANA name such as Europe/Paris."
        )


_zones: frozenset[str] | None = None


def available_timezones() -> frozenset[str]:
    global _zones
    if _zones is None:
        _zones = frozenset(zoneinfo.available_timezones())
    return _zones
