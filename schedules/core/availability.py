"""Availability: slots of time with a preference from 1 (acceptable) to 3 (best).

**The rule, written once:** someone's available time is the union of their
slots, and *touching slots form one stretch*: an owner who offers 10:00-11:00
and 11:00-12:00 is available for a meeting at 10:45-11:15. A meeting's
preference on one side is the *lowest* preference of the time it uses (where
slots overlap, the time counts at the best of them). The API's checks of an
invitee's answer, the validation of a finalized schedule, the suggestion
solver and the invitee's web page (which receives the stretches) all use
these functions.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from schedules.core.intervals import Interval, merge, subtract

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True, slots=True)
class Slot:
    """An available range with a preference from 1 (acceptable) to 3 (best)."""

    start: dt.datetime
    end: dt.datetime
    preference: int


def stretches(slots: Iterable[Slot]) -> list[Interval]:
    """The continuous stretches of available time: touching or overlapping slots join."""
    return merge(((s.start, s.end) for s in slots), join_touching=True)


def profile(slots: Iterable[Slot]) -> list[Slot]:
    """The preference at every instant, as sorted, disjoint pieces.

    Where slots overlap an instant counts at the best preference among them;
    neighbouring pieces with the same preference are joined.
    """
    events: dict[dt.datetime, list[int]] = {}
    for slot in slots:
        if slot.end > slot.start:
            events.setdefault(slot.start, []).append(slot.preference)
            events.setdefault(slot.end, []).append(-slot.preference)
    active: dict[int, int] = {}  # preference -> how many slots hold it at this instant
    pieces: list[Slot] = []
    points = sorted(events)
    for start, end in itertools.pairwise(points):
        for change in events[start]:
            active[abs(change)] = active.get(abs(change), 0) + (1 if change > 0 else -1)
        best = max((p for p, count in active.items() if count), default=0)
        if not best:
            continue
        if pieces and pieces[-1].end == start and pieces[-1].preference == best:
            pieces[-1] = Slot(pieces[-1].start, end, best)
        else:
            pieces.append(Slot(start, end, best))
    return pieces


def preference_over(pieces: Sequence[Slot], start: dt.datetime, end: dt.datetime) -> int | None:
    """The preference of a meeting [start, end) given a ``profile``: None when it is not all
    available, else the lowest preference of the time it uses."""
    index = bisect.bisect_right(pieces, start, key=lambda piece: piece.end)
    reached, lowest = start, None
    while reached < end:
        if index >= len(pieces) or pieces[index].start > reached:
            return None
        piece = pieces[index]
        lowest = piece.preference if lowest is None else min(lowest, piece.preference)
        reached = piece.end
        index += 1
    return lowest


def without(slots: Iterable[Slot], busy: Iterable[Interval]) -> list[Slot]:
    """The slots with the ``busy`` time cut out (each piece keeps its slot's preference)."""
    busy = list(busy)
    return [
        Slot(start, end, slot.preference)
        for slot in slots
        for start, end in subtract([(slot.start, slot.end)], busy)
    ]


def _grid_ceil(value: dt.datetime, grid: dt.timedelta) -> dt.datetime:
    return EPOCH + -((EPOCH - value) // grid) * grid


def meeting_starts(
    slots: Iterable[Slot], *, duration: dt.timedelta, grid: dt.timedelta
) -> dict[dt.datetime, int]:
    """Every start on the grid (whole multiples of ``grid`` since the Unix epoch) whose
    meeting of ``duration`` is available, with its preference (see ``preference_over``)."""
    pieces = profile(slots)
    found: dict[dt.datetime, int] = {}
    for stretch_start, stretch_end in merge(((p.start, p.end) for p in pieces), join_touching=True):
        start = _grid_ceil(stretch_start, grid)
        first = bisect.bisect_right(pieces, start, key=lambda piece: piece.end)
        while start + duration <= stretch_end:
            # Pieces wholly before this start can never matter again: skip them.
            while pieces[first].end <= start:
                first += 1
            end, index = start + duration, first
            while index < len(pieces) and pieces[index].start < end:
                index += 1
            found[start] = min(piece.preference for piece in pieces[first:index])
            start += grid
    return found
