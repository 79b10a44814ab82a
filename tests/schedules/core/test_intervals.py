"""schedules.core.intervals against minute-by-minute references."""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from schedules.core.intervals import (
    clashes,
    covering,
    first_clash,
    first_overlap,
    merge,
    subtract,
    widen,
)

BASE = dt.datetime(2026, 3, 8, tzinfo=dt.UTC)
MIN = dt.timedelta(minutes=1)


def at(minute: int) -> dt.datetime:
    return BASE + minute * MIN


def span(a: int, b: int):
    return (at(a), at(b))


def minutes(intervals) -> set[int]:
    return {
        m for start, end in intervals for m in range((start - BASE) // MIN, (end - BASE) // MIN)
    }


spans = st.lists(
    st.tuples(st.integers(0, 60), st.integers(1, 20)).map(lambda p: span(p[0], p[0] + p[1])),
    max_size=6,
)


def test_merge_joins_touching_intervals_only_when_asked():
    parts = [span(0, 10), span(10, 20), span(30, 40)]
    assert merge(parts, join_touching=True) == [span(0, 20), span(30, 40)]
    assert merge(parts, join_touching=False) == parts


def test_merge_drops_empty_intervals_and_sorts():
    assert merge([span(5, 5), span(9, 12), span(1, 3)], join_touching=False) == [
        span(1, 3),
        span(9, 12),
    ]


@settings(deadline=None)
@given(spans, st.booleans())
def test_merge_keeps_exactly_the_same_minutes_in_disjoint_sorted_intervals(parts, join):
    merged = merge(parts, join_touching=join)
    assert minutes(merged) == minutes(parts)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(merged))


@settings(deadline=None)
@given(spans, st.integers(0, 80), st.integers(1, 20))
def test_first_overlap_and_covering_match_a_reference(parts, start, length):
    merged = merge(parts, join_touching=True)
    query = set(range(start, start + length))
    found = first_overlap(merged, at(start), at(start + length))
    assert (found is not None) == bool(query & minutes(merged))
    if found is not None:  # the earliest one
        assert all(not (query & minutes([m])) for m in merged if m < found)
    assert (covering(merged, at(start), at(start + length)) is not None) == (
        query <= minutes(merged)
    )


def test_touching_is_not_overlapping():
    assert first_overlap([span(0, 10)], at(10), at(20)) is None
    assert first_overlap([span(0, 10)], at(9), at(20)) == span(0, 10)


@settings(deadline=None)
@given(spans, spans)
def test_subtract_leaves_exactly_the_minutes_not_removed(parts, removed):
    left = subtract(merge(parts, join_touching=False), removed)
    assert minutes(left) == minutes(parts) - minutes(removed)


def test_subtract_splits_an_interval_around_a_hole():
    assert subtract([span(0, 60)], [span(10, 20), span(30, 35)]) == [
        span(0, 10),
        span(20, 30),
        span(35, 60),
    ]


def test_widen_grows_each_side_separately():
    assert widen([span(10, 20)], before=5 * MIN, after=1 * MIN) == [span(5, 21)]


def test_clashes_names_every_item_that_starts_before_an_earlier_one_ends():
    items = [span(0, 30), span(10, 15), span(20, 40), span(40, 50)]
    assert list(clashes(items, key=lambda s: s)) == [
        (span(0, 30), span(10, 15)),
        (span(0, 30), span(20, 40)),
    ]
    assert first_clash([span(0, 10), span(10, 20)], key=lambda s: s) is None


def test_clashes_work_on_wall_clock_times_too():
    ranges = [(dt.time(9), dt.time(12)), (dt.time(11), dt.time(13))]
    assert first_clash(ranges, key=lambda r: r) == tuple(ranges)
