"""Free-slot computation: wall-clock working hours across DST, the grid, buffers, notice."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schedules.core.intervals import merge
from schedules.core.slots import (
    SlotRules,
    day_windows,
    first_instant,
    open_slots,
    working_windows,
)

UTC = dt.UTC
NY = zoneinfo.ZoneInfo("America/New_York")
KOLKATA = zoneinfo.ZoneInfo("Asia/Kolkata")
LORD_HOWE = zoneinfo.ZoneInfo("Australia/Lord_Howe")
MIN = dt.timedelta(minutes=1)
T = dt.time


def utc(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


def local(windows, tz):
    return [(a.astimezone(tz).isoformat(), b.astimezone(tz).isoformat()) for a, b in windows]


def slots(windows, *, duration=30, interval=None, busy=(), before=0, after=0, not_before=None):
    rules = SlotRules(
        duration=duration * MIN,
        interval=(interval or duration) * MIN,
        buffer_before=before * MIN,
        buffer_after=after * MIN,
    )
    return open_slots(
        windows=windows,
        busy=list(busy),
        rules=rules,
        not_before=not_before or utc(2000, 1, 1),
        not_after=utc(2100, 1, 1),
    )


def starts(found, tz=UTC):
    return [s.astimezone(tz).strftime("%H:%M") for s, _ in found]


# --- wall-clock hours become real intervals --------------------------------------------


def test_an_ordinary_day_is_the_wall_clock_range():
    assert local(day_windows(dt.date(2026, 3, 9), [(T(9), T(17))], NY), NY) == [
        ("2026-03-09T09:00:00-04:00", "2026-03-09T17:00:00-04:00")
    ]


def test_spring_forward_in_new_york_shrinks_a_range_across_the_skipped_hour():
    # 2026-03-08: 02:00 EST jumps to 03:00 EDT, so 01:00-03:00 is one real hour.
    windows = day_windows(dt.date(2026, 3, 8), [(T(1), T(3))], NY)
    assert windows == [(utc(2026, 3, 8, 6), utc(2026, 3, 8, 7))]
    # A range that starts inside the skipped hour starts when the clocks land.
    assert day_windows(dt.date(2026, 3, 8), [(T(2, 30), T(4))], NY) == [
        (utc(2026, 3, 8, 7), utc(2026, 3, 8, 8))
    ]


def test_fall_back_in_new_york_repeats_the_hour_inside_a_range():
    # 2026-11-01: 02:00 EDT goes back to 01:00 EST; 00:00-03:00 is four real hours.
    assert day_windows(dt.date(2026, 11, 1), [(T(0), T(3))], NY) == [
        (utc(2026, 11, 1, 4), utc(2026, 11, 1, 8))
    ]


def test_fall_back_splits_a_range_that_starts_inside_the_repeated_hour():
    # 01:30-03:00 is 01:30 EDT until the clocks go back (06:00 UTC, which reads 01:00
    # EST), then, after 01:00-01:30 EST (outside the range), 01:30-03:00 EST.
    windows = day_windows(dt.date(2026, 11, 1), [(T(1, 30), T(3))], NY)
    assert windows == [
        (utc(2026, 11, 1, 5, 30), utc(2026, 11, 1, 6)),
        (utc(2026, 11, 1, 6, 30), utc(2026, 11, 1, 8)),
    ]
    assert starts(slots(windows, duration=30), NY) == ["01:30", "01:30", "02:00", "02:30"]


def test_working_hours_around_dst_keep_their_wall_clock_times():
    for day in (dt.date(2026, 3, 8), dt.date(2026, 11, 1)):
        (window,) = day_windows(day, [(T(9), T(17))], NY)
        assert [t.astimezone(NY).time() for t in window] == [T(9), T(17)]
        assert window[1] - window[0] == dt.timedelta(hours=8)


def test_lord_howe_moves_its_clocks_by_half_an_hour():
    # 2026-10-04: 02:00 LHST (+10:30) jumps to 02:30 LHDT (+11); 00:00-06:00 is 5.5 hours.
    (spring,) = day_windows(dt.date(2026, 10, 4), [(T(0), T(6))], LORD_HOWE)
    assert spring[1] - spring[0] == dt.timedelta(hours=5, minutes=30)
    # 2026-04-05: 02:00 LHDT goes back to 01:30 LHST; the same range is 6.5 hours.
    (autumn,) = day_windows(dt.date(2026, 4, 5), [(T(0), T(6))], LORD_HOWE)
    assert autumn[1] - autumn[0] == dt.timedelta(hours=6, minutes=30)
    half_hourly = starts(slots([spring], duration=30), LORD_HOWE)
    assert "02:00" not in half_hourly
    assert half_hourly[3:6] == ["01:30", "02:30", "03:00"]


def test_a_half_hour_zone_has_half_hour_offsets():
    (window,) = day_windows(dt.date(2026, 3, 9), [(T(9), T(17))], KOLKATA)
    assert window == (utc(2026, 3, 9, 3, 30), utc(2026, 3, 9, 11, 30))


def test_first_instant_lands_when_the_clocks_do():
    assert first_instant(dt.datetime(2026, 3, 8, 2, 30), NY) == utc(2026, 3, 8, 7)
    assert first_instant(dt.datetime(2026, 11, 1, 1, 30), NY) == utc(2026, 11, 1, 5, 30)
    assert first_instant(dt.datetime(2026, 10, 4, 2, 10), LORD_HOWE) == utc(2026, 10, 3, 15, 30)


def test_overrides_replace_a_weekday_and_an_empty_one_is_a_day_off():
    weekly = {0: [(T(9), T(17))], 1: [(T(9), T(17))]}
    windows = working_windows(
        weekly=weekly,
        overrides={dt.date(2026, 3, 9): [(T(13), T(14))], dt.date(2026, 3, 10): []},
        tz=UTC,
        first=dt.date(2026, 3, 8),
        last=dt.date(2026, 3, 10),
    )
    assert windows == [(utc(2026, 3, 9, 13), utc(2026, 3, 9, 14))]


def test_ranges_that_touch_make_one_window():
    assert day_windows(dt.date(2026, 3, 9), [(T(12), T(17)), (T(9), T(12))], UTC) == [
        (utc(2026, 3, 9, 9), utc(2026, 3, 9, 17))
    ]
    assert merge([(utc(2026, 1, 1, 9), utc(2026, 1, 1, 10))], join_touching=True) == [
        (utc(2026, 1, 1, 9), utc(2026, 1, 1, 10))
    ]


# --- the grid, busy time, buffers, notice ----------------------------------------------

NINE_TO_NOON = [(utc(2026, 3, 9, 9), utc(2026, 3, 9, 12))]


def test_slots_follow_the_interval_from_the_window_start():
    assert starts(slots(NINE_TO_NOON, duration=60, interval=45)) == ["09:00", "09:45", "10:30"]


def test_busy_time_removes_every_overlapping_slot_and_nothing_else():
    busy = [(utc(2026, 3, 9, 10), utc(2026, 3, 9, 10, 30))]
    assert starts(slots(NINE_TO_NOON, duration=30, interval=15, busy=busy)) == [
        "09:00",
        "09:15",
        "09:30",
        "10:30",
        "10:45",
        "11:00",
        "11:15",
        "11:30",
    ]


def test_buffers_keep_time_free_around_the_new_meeting():
    busy = [(utc(2026, 3, 9, 10), utc(2026, 3, 9, 10, 30))]
    found = slots(NINE_TO_NOON, duration=30, interval=15, busy=busy, before=15, after=15)
    assert starts(found) == ["09:00", "09:15", "10:45", "11:00", "11:15", "11:30"]


def test_buffers_may_reach_outside_working_hours():
    assert starts(slots(NINE_TO_NOON, duration=60, before=30, after=30)) == [
        "09:00",
        "10:00",
        "11:00",
    ]


def test_notice_drops_slots_that_start_too_soon_and_keeps_the_grid():
    found = slots(NINE_TO_NOON, duration=30, not_before=utc(2026, 3, 9, 10, 10))
    assert starts(found) == ["10:30", "11:00", "11:30"]


def test_a_slot_never_outgrows_its_window():
    assert starts(slots([(utc(2026, 3, 9, 9), utc(2026, 3, 9, 10, 20))], duration=30)) == [
        "09:00",
        "09:30",
    ]


# --- the property -----------------------------------------------------------------------

TRANSITIONS = [
    ("America/New_York", dt.date(2026, 3, 8)),
    ("America/New_York", dt.date(2026, 11, 1)),
    ("Europe/London", dt.date(2026, 3, 29)),
    ("Europe/London", dt.date(2026, 10, 25)),
    ("Australia/Lord_Howe", dt.date(2026, 4, 5)),
    ("Australia/Lord_Howe", dt.date(2026, 10, 4)),
    ("Asia/Kolkata", dt.date(2026, 3, 8)),
]


@st.composite
def day_ranges(draw):
    """Up to three ranges on a 15-minute grid, often in the small hours, where clocks change."""
    ranges, cursor = [], 0
    for _ in range(draw(st.integers(1, 3))):
        if cursor >= 94:
            break
        start = draw(st.one_of(st.integers(cursor, max(cursor, 12)), st.integers(cursor, 94)))
        end = draw(st.integers(start + 1, min(95, start + 16)))
        ranges.append((T(start // 4, start % 4 * 15), T(end // 4, end % 4 * 15)))
        cursor = end
    return ranges


@pytest.mark.parametrize(("zone_name", "day"), TRANSITIONS)
@settings(max_examples=120, deadline=None)
@given(
    ranges=day_ranges(),
    duration=st.sampled_from([15, 30, 45, 60, 90]),
    interval=st.sampled_from([10, 15, 30, 60]),
)
def test_every_offered_slot_lies_inside_wall_clock_hours_and_lasts_the_duration(
    zone_name, day, ranges, duration, interval
):
    """Working the same random ranges every day, around each DST change of 2026."""
    tz = zoneinfo.ZoneInfo(zone_name)
    weekly = dict.fromkeys(range(7), ranges)
    first, last = day - dt.timedelta(days=1), day + dt.timedelta(days=1)
    windows = working_windows(weekly=weekly, overrides={}, tz=tz, first=first, last=last)
    for start, end in slots(windows, duration=duration, interval=interval):
        assert end - start == dt.timedelta(minutes=duration)
        # Every minute of the slot, and its last second, reads on the owner's wall clock
        # inside one of the ranges, on the day the slot starts.
        wall_day = start.astimezone(tz).date()
        moments = [start + n * MIN for n in range(duration)] + [end - dt.timedelta(seconds=1)]
        for moment in moments:
            wall = moment.astimezone(tz)
            assert wall.date() == wall_day
            assert any(a <= wall.time() < b for a, b in ranges), (start, wall.isoformat())
