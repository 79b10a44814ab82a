"""Half-open time intervals ``[start, end)``: the one home for interval maths.

Every place that merges busy time, checks an overlap, asks whether a span lies
inside a set of spans or removes busy time from free time uses these functions.
Two intervals that only touch (one ends when the other starts) never overlap;
whether they *join* when merged is the caller's explicit choice.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence

Interval = tuple[dt.datetime, dt.datetime]


def merge(intervals: Iterable[Interval], *, join_touching: bool) -> list[Interval]:
    """Sorted, disjoint union of ``intervals`` (empty ones dropped).

    ``join_touching``: whether [9, 10) and [10, 11) become [9, 11). Busy time
    may stay apart (nothing fits in a zero-length gap either way); availability
    joins (see ``schedules.core.availability``).
    """
    merged: list[Interval] = []
    for start, end in sorted(intervals):
        if end <= start:
            continue
        if merged and (start < merged[-1][1] or (join_touching and start == merged[-1][1])):
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def first_overlap(merged: Sequence[Interval], start: dt.datetime, end: dt.datetime):
    """The first interval of ``merged`` (sorted, disjoint) that overlaps [start, end), or None."""
    # Intervals are disjoint and sorted, so their ends are sorted too: the first
    # one still running after ``start`` is the only candidate.
    index = bisect.bisect_right(merged, start, key=lambda interval: interval[1])
    if index < len(merged) and merged[index][0] < end:
        return merged[index]
    return None


def covering(merged: Sequence[Interval], start: dt.datetime, end: dt.datetime):
    """The interval of ``merged`` (sorted, disjoint) that contains all of [start, end), or None."""
    found = first_overlap(merged, start, end)
    if found is not None and found[0] <= start and end <= found[1]:
        return found
    return None


def subtract(intervals: Iterable[Interval], removed: Iterable[Interval]) -> list[Interval]:
    """What is left of ``intervals`` (kept apart where they were apart) after ``removed``."""
    cuts = merge(removed, join_touching=True)
    starts = [start for start, _ in cuts]
    left: list[Interval] = []
    for start, end in sorted(intervals):
        index = max(0, bisect.bisect_right(starts, start) - 1)
        while start < end:
            if index >= len(cuts) or cuts[index][0] >= end:
                left.append((start, end))
                break
            cut_start, cut_end = cuts[index]
            if cut_end <= start:
                index += 1
                continue
            if cut_start > start:
                left.append((start, cut_start))
            start = max(start, cut_end)
            index += 1
    return left


def widen(
    intervals: Iterable[Interval], *, before: dt.timedelta, after: dt.timedelta
) -> list[Interval]:
    """Each interval grown by ``before`` at its start and ``after`` at its end."""
    return [(start - before, end + after) for start, end in intervals]


def clashes[T](items: Iterable[T], *, key: Callable[[T], tuple]) -> Iterator[tuple[T, T]]:
    """Pairs (earlier, later) where ``later`` starts before ``earlier`` has ended.

    ``key(item)`` gives ``(start, end)`` of any comparable kind (datetimes, or
    wall-clock times for working hours). ``earlier`` is the item that has run
    the longest of those before ``later``, so each overlapping item is named once.
    """
    latest: T | None = None
    for item in sorted(items, key=key):
        start, end = key(item)
        if latest is not None and start < key(latest)[1]:
            yield latest, item
        if latest is None or end > key(latest)[1]:
            latest = item


def first_clash[T](items: Iterable[T], *, key: Callable[[T], tuple]) -> tuple[T, T] | None:
    """The first pair ``clashes`` finds, or None when no two items overlap."""
    return next(clashes(items, key=key), None)
