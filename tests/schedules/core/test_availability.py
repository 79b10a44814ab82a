"""The one rule of availability: touching slots form one stretch; a meeting's preference is the
lowest of the time it uses. Checked against a minute-by-minute reference."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from schedules.core.availability import (
    Slot,
    meeting_starts,
    preference_over,
    profile,
    stretches,
    without,
)

BASE = dt.datetime(2026, 3, 9, 9, tzinfo=dt.UTC)  # on the 15-minute grid
MIN = dt.timedelta(minutes=1)


def at(minute: int) -> dt.datetime:
    return BASE + minute * MIN


def reference(slots, start: int, end: int) -> int | None:
    """None if a minute of [start, end) is in no slot; else the lowest, over the minutes, of
    the best preference of the slots holding that minute."""
    lowest = None
    for minute in range(start, end):
        best = max((s.preference for s in slots if s.start <= at(minute) < s.end), default=None)
        if best is None:
            return None
        lowest = best if lowest is None else min(lowest, best)
    return lowest


slot_lists = st.lists(
    st.tuples(st.integers(0, 90), st.integers(5, 45), st.integers(1, 3)).map(
        lambda t: Slot(at(t[0]), at(t[0] + t[1]), t[2])
    ),
    max_size=5,
)


def test_touching_slots_form_one_stretch():
    slots = [Slot(at(0), at(60), 3), Slot(at(60), at(120), 1), Slot(at(150), at(180), 2)]
    assert stretches(slots) == [(at(0), at(120)), (at(150), at(180))]


def test_a_meeting_across_two_touching_slots_counts_at_the_lower_preference():
    pieces = profile([Slot(at(0), at(60), 3), Slot(at(60), at(120), 1)])
    assert preference_over(pieces, at(45), at(75)) == 1
    assert preference_over(pieces, at(0), at(60)) == 3
    assert preference_over(pieces, at(100), at(130)) is None


@settings(deadline=None)
@given(slot_lists, st.integers(0, 130), st.integers(1, 60))
def test_preference_over_matches_the_reference(slots, start, length):
    assert preference_over(profile(slots), at(start), at(start + length)) == reference(
        slots, start, start + length
    )


@settings(max_examples=200, deadline=None)
@given(slot_lists, st.sampled_from([15, 30, 45]))
def test_meeting_starts_are_every_grid_start_the_reference_accepts(slots, duration):
    found = meeting_starts(slots, duration=duration * MIN, grid=15 * MIN)
    expected = {}
    for start in range(-15, 150, 15):
        preference = reference(slots, start, start + duration)
        if preference is not None:
            expected[at(start)] = preference
    assert found == expected


def test_without_cuts_busy_time_out_and_keeps_each_preference():
    slots = [Slot(at(0), at(60), 3), Slot(at(60), at(120), 1)]
    assert without(slots, [(at(50), at(70))]) == [
        Slot(at(0), at(50), 3),
        Slot(at(70), at(120), 1),
    ]
