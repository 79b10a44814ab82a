"""Set an owner's weekly working hours, their zone and date exceptions in one go."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.db import transaction

from config.errors import ApplicationError
from schedules.models import WEEKDAYS, DateOverride, WorkingHours

DAY_NAMES = dict(WEEKDAYS)


def _span(start: dt.time, end: dt.time) -> str:
    return f"{start:%H:%M}-{end:%H:%M}"


def find_overlap(label: str, ranges: Iterable[tuple[dt.time, dt.time]]) -> str | None:
    """A message naming the first two ranges that overlap (touching is fine), or None."""
    ordered = sorted(ranges)
    for (start, end), (next_start, next_end) in itertools.pairwise(ordered):
        if next_start < end:
            return (
                f"{label}: {_span(start, end)} overlaps {_span(next_start, next_end)}. "
                "Merge them into one range or make them meet end to start."
            )
    return None


def _check_ranges(label: str, ranges: Sequence[tuple[dt.time, dt.time]], field: str) -> None:
    for start, end in ranges:
        if end <= start:
            raise ApplicationError(
                f"{label}: a range must end after it starts ({_span(start, end)}). "
                "Ranges cannot cross midnight; split them into two days.",
                field=field,
            )
    if message := find_overlap(label, ranges):
        raise ApplicationError(message, field=field)


def working_hours_set(
    *,
    owner,
    hours: Sequence[tuple[int, dt.time, dt.time]],
    timezone: str | None = None,
    overrides: Sequence[tuple[dt.date, dt.time | None, dt.time | None]] | None = None,
) -> None:
    """Replace the owner's week; ``timezone`` and ``overrides`` change only when given.

    An override with no times is a day off; a date with ranges works those
    ranges instead of its weekday's. Overlapping ranges are refused, not merged,
    so the owner sees exactly what is stored.
    """
    by_day: dict[int, list] = defaultdict(list)
    for weekday, start, end in hours:
        by_day[weekday].append((start, end))
    for weekday, ranges in by_day.items():
        _check_ranges(DAY_NAMES[weekday], ranges, "hours")

    if overrides is not None:
        by_date: dict[dt.date, list] = defaultdict(list)
        for date, start, end in overrides:
            by_date[date].append((start, end))
        for date, ranges in by_date.items():
            days_off = [r for r in ranges if r == (None, None)]
            if days_off and len(days_off) < len(ranges):
                raise ApplicationError(
                    f"{date}: a day off cannot also have hours. Send either the day off "
                    "or the hours for that date.",
                    field="overrides",
                )
            if not days_off:
                _check_ranges(str(date), ranges, "overrides")

    with transaction.atomic():
        if timezone is not None and timezone != owner.timezone:
            owner.timezone = timezone
            owner.save(update_fields=["timezone"])
        WorkingHours.objects.filter(owner=owner).delete()
        WorkingHours.objects.bulk_create(
            WorkingHours(owner=owner, weekday=weekday, start_time=start, end_time=end)
            for weekday, start, end in hours
        )
        if overrides is not None:
            DateOverride.objects.filter(owner=owner).delete()
            # A repeated day off for one date is stored once.
            rows = dict.fromkeys(overrides)
            DateOverride.objects.bulk_create(
                DateOverride(owner=owner, date=date, start_time=start, end_time=end)
                for date, start, end in rows
            )
