"""Set an owner's weekly working hours, their zone and date exceptions.

The rules, for the API, the office and the owner's pages alike: a range ends
after it starts on the same day (ranges cannot cross midnight), ranges of one
day never overlap (touching is fine), and a date is either a day off or has
hours, never both. Overlapping ranges are refused, not merged, so the owner
sees exactly what is stored.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from django.db import transaction

from config import messages
from config.errors import ApplicationError
from schedules.core.intervals import first_clash
from schedules.core.timetext import clock_range
from schedules.models import WEEKDAYS, DateOverride, WorkingHours
from schedules.services.agenda import agenda_touch

DAY_NAMES = dict(WEEKDAYS)
TimeRange = tuple[dt.time, dt.time]


def ranges_check(label: str, ranges: Sequence[TimeRange], *, field: str = "hours") -> None:
    """One day's ranges: each ends after it starts, no two overlap."""
    for start, end in ranges:
        if end <= start:
            raise ApplicationError(
                messages.RANGE_BACKWARDS.format(label=label, range=clock_range(start, end)),
                field=field,
            )
    if clash := first_clash(ranges, key=lambda r: r):
        (first, second) = clash
        raise ApplicationError(
            messages.RANGES_OVERLAP.format(
                label=label, first=clock_range(*first), second=clock_range(*second)
            ),
            field=field,
        )


def override_check(date: dt.date, ranges: Sequence[tuple[dt.time | None, dt.time | None]]) -> None:
    """One date's exceptions: a day off (no times) alone, or valid ranges."""
    days_off = [r for r in ranges if r == (None, None)]
    if days_off and len(days_off) < len(ranges):
        raise ApplicationError(messages.DAY_OFF_WITH_HOURS.format(date=date), field="overrides")
    if not days_off:
        ranges_check(str(date), ranges, field="overrides")


def day_ranges_check(
    *,
    owner,
    ranges: Sequence[tuple[dt.time | None, dt.time | None]],
    weekday: int | None = None,
    date: dt.date | None = None,
    exclude_id: int | None = None,
) -> None:
    """Ranges for one weekday (or one date) together with the owner's others stored for it:
    what an edit of a single row (the office) must pass."""
    if weekday is not None:
        others = WorkingHours.objects.filter(owner=owner, weekday=weekday)
        stored = others.exclude(pk=exclude_id).values_list("start_time", "end_time")
        ranges_check(DAY_NAMES[weekday], [*stored, *ranges])
    else:
        others = DateOverride.objects.filter(owner=owner, date=date)
        stored = others.exclude(pk=exclude_id).values_list("start_time", "end_time")
        override_check(date, [*stored, *ranges])


def day_range_save(*, row: WorkingHours | DateOverride) -> None:
    """Save one weekly range or one date exception after checking its day."""
    key = {"weekday": row.weekday} if isinstance(row, WorkingHours) else {"date": row.date}
    day_ranges_check(
        owner=row.owner, ranges=[(row.start_time, row.end_time)], exclude_id=row.pk, **key
    )
    row.save()
    agenda_touch(owner_id=row.owner_id)


def day_range_delete(*, row: WorkingHours | DateOverride) -> None:
    with transaction.atomic():
        row.delete()
        agenda_touch(owner_id=row.owner_id)


def working_hours_set(
    *,
    owner,
    hours: Sequence[tuple[int, dt.time, dt.time]],
    timezone: str | None = None,
    overrides: Sequence[tuple[dt.date, dt.time | None, dt.time | None]] | None = None,
) -> None:
    """Replace the owner's week; ``timezone`` and ``overrides`` change only when given.

    An override with no times is a day off; a date with ranges works those
    ranges instead of its weekday's.
    """
    by_day: dict[int, list] = defaultdict(list)
    for weekday, start, end in hours:
        by_day[weekday].append((start, end))
    for weekday, ranges in by_day.items():
        ranges_check(DAY_NAMES[weekday], ranges)
    if overrides is not None:
        by_date: dict[dt.date, list] = defaultdict(list)
        for date, start, end in overrides:
            by_date[date].append((start, end))
        for date, ranges in by_date.items():
            override_check(date, ranges)

    with transaction.atomic():
        agenda_touch(owner_id=owner.pk)
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
