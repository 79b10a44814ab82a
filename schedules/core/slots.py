"""Free booking slots: pure functions of working hours, busy time and the clock.

Nothing here touches the database, so every rule (wall-clock hours across DST
changes, the interval grid, buffers, notice, horizon) is tested directly and
the selector that feeds it can stay at a fixed number of queries.

Working hours are wall-clock ranges of the owner's zone. They become *windows*:
aware UTC intervals holding exactly the instants whose wall clock, on that
date, reads inside a range. On a day the clocks go forward a range may shrink
(01:00-03:00 in New York on 2026-03-08 is one real hour); on a day they go back
it may grow or split in two (01:30-03:00 on 2026-11-01 is 01:30-02:00 EDT and
01:30-03:00 EST). Slots are then laid on each window's grid in real (UTC)
time, so every slot lasts exactly ``duration``.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from schedules.core.intervals import Interval, merge, subtract, widen

UTC = dt.UTC
SECOND = dt.timedelta(seconds=1)

Range = tuple[dt.time, dt.time]


def _wall(instant: dt.datetime, tz: zoneinfo.ZoneInfo) -> dt.datetime:
    return instant.astimezone(tz).replace(tzinfo=None)


def first_instant(naive: dt.datetime, tz: zoneinfo.ZoneInfo) -> dt.datetime:
    """The first instant (UTC) at which the wall clock in ``tz`` reads ``naive`` or later.

    An ambiguous time (clocks going back) gives its first occurrence; a time
    the clocks skip gives the moment they jump, e.g. 02:30 on a spring-forward
    night in New York gives 03:00 EDT.
    """
    first = naive.replace(tzinfo=tz, fold=0).astimezone(UTC)
    if _wall(first, tz) == naive:
        return first
    # Skipped: fold=1 reads it with the later offset (an instant before the
    # jump), fold=0 with the earlier one (after it). Transitions fall on whole
    # seconds, so a binary search over seconds finds the jump exactly.
    low, high = naive.replace(tzinfo=tz, fold=1).astimezone(UTC), first
    while high - low > SECOND:
        middle = low + SECOND * ((high - low) // SECOND // 2)
        if _wall(middle, tz) >= naive:
            high = middle
        else:
            low = middle
    return high


def _offset_pieces(start: dt.datetime, end: dt.datetime, tz: zoneinfo.ZoneInfo):
    """Split [start, end) where the UTC offset changes (at most once a day in tzdata)."""
    before = start.astimezone(tz).utcoffset()
    after = (end - SECOND).astimezone(tz).utcoffset()
    if before == after:
        return [(start, end, before)]
    low, high = start, end - SECOND
    while high - low > SECOND:
        middle = low + SECOND * ((high - low) // SECOND // 2)
        if middle.astimezone(tz).utcoffset() == before:
            low = middle
        else:
            high = middle
    return [(start, high, before), (high, end, after)]


def day_windows(day: dt.date, ranges: Sequence[Range], tz: zoneinfo.ZoneInfo) -> list[Interval]:
    """The instants of ``day`` whose wall clock in ``tz`` lies inside one of ``ranges``."""
    if not ranges:
        return []
    midnight = dt.datetime.combine(day, dt.time())
    day_start = first_instant(midnight, tz)
    day_end = first_instant(midnight + dt.timedelta(days=1), tz)
    windows = []
    # Within a piece the offset is constant, so wall = instant + offset exactly.
    for piece_start, piece_end, offset in _offset_pieces(day_start, day_end, tz):
        for start_time, end_time in ranges:
            start = (dt.datetime.combine(day, start_time) - offset).replace(tzinfo=UTC)
            end = (dt.datetime.combine(day, end_time) - offset).replace(tzinfo=UTC)
            start, end = max(start, piece_start), min(end, piece_end)
            if start < end:
                windows.append((start, end))
    return merge(windows, join_touching=True)


def working_windows(
    *,
    weekly: Mapping[int, Sequence[Range]],
    overrides: Mapping[dt.date, Sequence[Range]],
    tz: zoneinfo.ZoneInfo,
    first: dt.date,
    last: dt.date,
) -> list[Interval]:
    """Windows for each date from ``first`` to ``last`` in the owner's zone.

    ``weekly`` maps Monday=0 … Sunday=6 to wall-clock ranges; a date present
    in ``overrides`` uses its ranges instead (an empty list is a day off).
    """
    windows: list[Interval] = []
    day = first
    while day <= last:
        ranges = overrides[day] if day in overrides else weekly.get(day.weekday(), ())
        windows.extend(day_windows(day, ranges, tz))
        day += dt.timedelta(days=1)
    return windows


@dataclass(frozen=True)
class SlotRules:
    """What a booking page asks of a slot; all durations are real (UTC) time."""

    duration: dt.timedelta
    interval: dt.timedelta
    buffer_before: dt.timedelta = dt.timedelta(0)
    buffer_after: dt.timedelta = dt.timedelta(0)


def _ceil_steps(distance: dt.timedelta, step: dt.timedelta) -> int:
    return max(0, -(-distance // step))


def open_slots(
    *,
    windows: Sequence[Interval],
    busy: Sequence[Interval],
    rules: SlotRules,
    not_before: dt.datetime,
    not_after: dt.datetime,
) -> list[Interval]:
    """Free slots on each window's grid, starting in [not_before, not_after).

    A slot [s, s + duration) sits inside one window and starts a whole number
    of intervals after the window's start. With its buffers,
    [s - buffer_before, s + duration + buffer_after) must not meet any ``busy``
    interval (already widened by the other entries' own buffers). Buffers may
    reach outside working hours; the meeting itself may not.

    Equivalently, the meeting itself must lie in what is left of the window
    once every busy interval, grown by this slot's buffers (``buffer_after``
    before it, ``buffer_before`` after it), is cut out: that is how it is
    computed, with ``schedules.core.intervals``.
    """
    blocked = widen(busy, before=rules.buffer_after, after=rules.buffer_before)
    slots: list[Interval] = []
    for window_start, window_end in merge(windows, join_touching=True):
        for free_start, free_end in subtract([(window_start, window_end)], blocked):
            earliest = max(free_start, not_before)
            step = _ceil_steps(earliest - window_start, rules.interval)
            while (
                start := window_start + step * rules.interval
            ) + rules.duration <= free_end and start < not_after:
                slots.append((start, start + rules.duration))
                step += 1
    return slots
