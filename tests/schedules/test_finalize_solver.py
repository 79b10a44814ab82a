"""The suggestion solver: optimal against a brute force, real alternatives, honest fallback."""

from __future__ import annotations

import datetime as dt
import itertools
import zoneinfo
from unittest import mock

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from config import messages
from schedules.core import solver
from schedules.core.solver import Slot, build_model, suggest_schedules

BASE = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)  # on the 15-minute UTC grid
MIN = dt.timedelta(minutes=1)
GRID = 15 * MIN


def at(minutes: int) -> dt.datetime:
    return BASE + minutes * MIN


def slot(start: int, end: int, preference: int = 3) -> Slot:
    return Slot(at(start), at(end), preference)


# --- a brute force that shares no code with the solver ------------------------------


def brute_preference(slots, start, end):
    """The lowest, minute by minute, of the best preference of the slots holding that minute
    (touching slots join, as schedules.core.availability says); None when a minute is free."""
    lowest = None
    minute = start
    while minute < end:
        best = max((s.preference for s in slots if s.start <= minute < s.end), default=None)
        if best is None:
            return None
        lowest = best if lowest is None else min(lowest, best)
        minute += MIN
    return lowest


def brute_candidates(duration, owner, invitees, busy, horizon):
    """{invitee: [(start, weight)]} by trying every grid start in the horizon."""
    found = {}
    for key, slots in invitees.items():
        options = []
        start = BASE
        while start < BASE + horizon:
            end = start + duration
            owner_pref = brute_preference(owner, start, end)
            mine = brute_preference(slots, start, end)
            clash = any(b0 < end and start < b1 for b0, b1 in busy)
            if owner_pref and mine and not clash:
                options.append((start, owner_pref + mine))
            start += GRID
        found[key] = options
    return found


def brute_schedules(candidates, duration):
    """Every feasible schedule as {invitee: start or None}, with its (seated, weight)."""
    keys = list(candidates)
    results = []

    def extend(index, chosen, taken, weight):
        if index == len(keys):
            results.append((dict(chosen), (len(taken), weight)))
            return
        key = keys[index]
        chosen[key] = None
        extend(index + 1, chosen, taken, weight)
        for start, w in candidates[key]:
            if all(start + duration <= t or t + duration <= start for t in taken):
                chosen[key] = start
                extend(index + 1, chosen, [*taken, start], weight + w)
        del chosen[key]

    extend(0, {}, [], 0)
    return results


def as_assignment(schedule, keys):
    seated = {p.invitee: p.start for p in schedule.placements}
    return {k: seated.get(k) for k in keys}


def difference(a, b):
    return sum(1 for k in a if a[k] != b[k])


# --- strategies ------------------------------------------------------------------------

minutes = st.integers(min_value=0, max_value=120).map(lambda m: m - m % 5)


@st.composite
def intervals(draw, *, longest=120):
    start = draw(minutes)
    length = draw(st.integers(min_value=1, max_value=longest // 5)) * 5
    return start, min(start + length, 135)


@st.composite
def rounds(draw):
    duration = draw(st.sampled_from([15, 20, 30, 45, 60])) * MIN
    owner = [
        Slot(at(s), at(e), draw(st.integers(1, 3)))
        for s, e in draw(st.lists(intervals(), min_size=1, max_size=3))
    ]
    invitees = {
        f"invitee-{i}": [
            Slot(at(s), at(e), draw(st.integers(1, 3)))
            for s, e in draw(st.lists(intervals(longest=90), max_size=3))
        ]
        for i in range(draw(st.integers(min_value=1, max_value=5)))
    }
    busy = [(at(s), at(e)) for s, e in draw(st.lists(intervals(longest=40), max_size=2))]
    return duration, owner, invitees, busy


# --- optimality -----------------------------------------------------------------------


@st.composite
def crowded_rounds(draw):
    """More invitees than the owner's time can hold: someone is always left out."""
    duration = draw(st.sampled_from([30, 45])) * MIN
    owner = [Slot(at(0), at(60), draw(st.integers(1, 3)))]
    invitees = {
        f"invitee-{i}": [
            Slot(at(s), at(max(e, s + 45)), draw(st.integers(1, 3)))
            for s, e in draw(st.lists(intervals(longest=60), min_size=1, max_size=2))
        ]
        for i in range(draw(st.integers(min_value=3, max_value=5)))
    }
    invitees["invitee-0"].append(Slot(at(0), at(60), draw(st.integers(1, 3))))
    return duration, owner, invitees, []


def check_against_brute_force(case) -> list:
    duration, owner, invitees, busy = case
    result = suggest_schedules(
        duration=duration, owner_slots=owner, invitee_slots=invitees, busy=busy
    )
    candidates = brute_candidates(duration, owner, invitees, busy, 140 * MIN)
    everything = [s for s in brute_schedules(candidates, duration) if s[1][0] > 0]
    assert result.optimal

    if not everything:
        assert result.schedules == ()
        return []
    best = max(rank for _, rank in everything)
    assert result.schedules[0].rank == best

    keys = [k for k, options in candidates.items() if options]
    needed = min(solver.MIN_DIFFERENCE, len(keys))
    earlier = []
    for schedule in result.schedules:
        # Every placement is a real candidate with the weight the brute force gives it.
        for p in schedule.placements:
            assert (p.start, p.weight) in candidates[p.invitee]
            assert p.end - p.start == duration
        assignment = as_assignment(schedule, list(candidates))
        allowed = [
            rank
            for other, rank in everything
            if all(difference(other, e) >= needed for e in earlier)
        ]
        # The k-th suggestion is the best schedule far enough from all earlier ones.
        assert schedule.rank == max(allowed)
        assert all(difference(assignment, e) >= needed for e in earlier)
        earlier.append(assignment)
    if len(result.schedules) < solver.MAX_SUGGESTIONS:
        remaining = [o for o, _ in everything if all(difference(o, e) >= needed for e in earlier)]
        assert remaining == []
    return list(result.schedules)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rounds())
def test_it_matches_a_brute_force_on_random_small_rounds(case):
    check_against_brute_force(case)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(crowded_rounds())
def test_it_matches_a_brute_force_when_not_everyone_can_be_seated(case):
    schedules = check_against_brute_force(case)
    invitees = case[2]
    assert schedules
    assert schedules[0].seated < len(invitees)


@settings(max_examples=100, deadline=None)
@given(rounds())
def test_suggestions_never_overlap_each_other_or_the_busy_time(case):
    duration, owner, invitees, busy = case
    for schedule in suggest_schedules(
        duration=duration, owner_slots=owner, invitee_slots=invitees, busy=busy
    ).schedules:
        placements = schedule.placements
        assert len({p.invitee for p in placements}) == len(placements)
        for a, b in itertools.pairwise(placements):
            assert a.end <= b.start
        for p in placements:
            assert all(not (b0 < p.end and p.start < b1) for b0, b1 in busy)
            assert (p.start - BASE) % GRID == dt.timedelta(0)


def test_it_seats_more_people_before_it_looks_at_preferences():
    # Bea alone at 9:00 scores 3+3; seating both forces Bea to her weak 9:30 slot.
    owner = [slot(0, 30, 3), slot(30, 60, 1)]
    invitees = {"bea": [slot(0, 30, 3), slot(30, 60, 1)], "cy": [slot(0, 30, 1)]}
    result = suggest_schedules(duration=30 * MIN, owner_slots=owner, invitee_slots=invitees)
    best = result.schedules[0]
    assert [(p.invitee, p.start) for p in best.placements] == [("cy", at(0)), ("bea", at(30))]
    assert best.rank == (2, 4 + 2)


def test_it_prefers_the_better_slots_when_everyone_fits_either_way():
    owner = [slot(0, 60, 1), slot(60, 120, 3)]
    invitees = {"bea": [slot(0, 120, 2)], "cy": [slot(0, 120, 3)]}
    best = suggest_schedules(
        duration=30 * MIN, owner_slots=owner, invitee_slots=invitees
    ).schedules[0]
    assert all(p.start >= at(60) for p in best.placements)
    assert best.weight == (3 + 2) + (3 + 3)


def test_overlapping_slots_count_the_best_preference_of_each_side():
    owner = [slot(0, 120, 1), slot(30, 60, 3)]
    invitees = {"bea": [slot(0, 120, 1), slot(30, 90, 2)]}
    best = suggest_schedules(
        duration=30 * MIN, owner_slots=owner, invitee_slots=invitees
    ).schedules[0]
    assert [(p.start, p.weight) for p in best.placements] == [(at(30), 3 + 2)]


def test_starts_round_up_to_the_grid_and_meetings_fit_inside_the_slots():
    owner = [slot(5, 50)]  # 9:05-9:50: the first grid start is 9:15, the last 9:15
    result = suggest_schedules(
        duration=30 * MIN, owner_slots=owner, invitee_slots={"bea": [slot(0, 60)]}
    )
    assert [p.start for p in result.schedules[0].placements] == [at(15)]
    assert len(result.schedules) == 1  # the only other choice would seat nobody


def test_busy_time_with_odd_boundaries_blocks_every_overlapping_start():
    busy = [(at(31), at(44))]  # e.g. a booking with a buffer
    model = build_model(
        duration=30 * MIN,
        owner_slots=[slot(0, 120)],
        invitee_slots={"bea": [slot(0, 120)]},
        busy=busy,
    )
    starts = sorted(solver.EPOCH + dt.timedelta(seconds=int(s)) for s in model.start)
    assert starts == [at(0), at(45), at(60), at(75), at(90)]


def test_nobody_is_suggested_when_nothing_fits():
    result = suggest_schedules(
        duration=60 * MIN,
        owner_slots=[slot(0, 45)],
        invitee_slots={"bea": [slot(0, 45)], "cy": []},
    )
    assert result.schedules == ()
    assert result.optimal


def test_alternatives_are_more_than_one_swap_apart():
    owner = [slot(0, 240)]
    invitees = {name: [slot(0, 240, 2)] for name in ["a", "b", "c", "d"]}
    result = suggest_schedules(duration=30 * MIN, owner_slots=owner, invitee_slots=invitees)
    assert len(result.schedules) == solver.MAX_SUGGESTIONS
    assignments = [as_assignment(s, list(invitees)) for s in result.schedules]
    for a, b in itertools.combinations(assignments, 2):
        assert difference(a, b) >= 3  # a single swap changes 2, a single move 1
    assert all(s.rank == (4, 4 * (3 + 2)) for s in result.schedules)


def test_with_two_invitees_alternatives_change_both():
    owner = [slot(0, 120)]
    invitees = {"a": [slot(0, 120)], "b": [slot(0, 120)]}
    result = suggest_schedules(duration=30 * MIN, owner_slots=owner, invitee_slots=invitees)
    assignments = [as_assignment(s, ["a", "b"]) for s in result.schedules]
    for x, y in itertools.combinations(assignments, 2):
        assert difference(x, y) == 2


@pytest.mark.parametrize(
    ("zone", "day"),
    [
        ("America/New_York", dt.date(2026, 3, 8)),  # clocks go forward at 2:00
        ("America/New_York", dt.date(2026, 11, 1)),  # clocks go back at 2:00
        ("Australia/Lord_Howe", dt.date(2026, 4, 5)),  # a 30-minute DST change
        ("Asia/Kathmandu", dt.date(2026, 6, 1)),  # UTC+05:45
        ("Asia/Kolkata", dt.date(2026, 6, 1)),  # UTC+05:30
    ],
)
def test_the_grid_stays_on_quarter_hours_in_local_time_across_dst(zone, day):
    tz = zoneinfo.ZoneInfo(zone)
    start = dt.datetime.combine(day, dt.time(0, 0), tzinfo=tz)
    end = dt.datetime.combine(day, dt.time(6, 0), tzinfo=tz)
    owner = [Slot(start, end, 2)]
    invitees = {f"p{i}": [Slot(start, end, 3)] for i in range(30)}
    result = suggest_schedules(duration=45 * MIN, owner_slots=owner, invitee_slots=invitees)
    placements = result.schedules[0].placements
    # Aware datetimes of one zone subtract as wall clocks: measure in UTC.
    hours = (end.astimezone(dt.UTC) - start.astimezone(dt.UTC)) / dt.timedelta(hours=1)
    assert len(placements) == int(hours * 60 // 45)
    for p in placements:
        local = p.start.astimezone(tz)
        assert local.minute % 15 == 0 and local.second == 0
        assert p.end - p.start == 45 * MIN  # real time, whatever the clocks do
        assert start <= p.start and p.end <= end


# --- time limit and fallback ---------------------------------------------------------


def crowded_round(people=200):
    rng = np.random.default_rng(7)
    owner = [slot(day * 1440, day * 1440 + 480, int(rng.integers(1, 4))) for day in range(5)]
    invitees = {}
    for i in range(people):
        day = int(rng.integers(0, 5))
        begin = day * 1440 + 15 * int(rng.integers(0, 28))
        invitees[i] = [slot(begin, begin + 120, int(rng.integers(1, 4)))]
    return owner, invitees


def test_a_time_limit_hit_says_the_suggestion_may_not_be_optimal():
    owner, invitees = crowded_round()
    result = suggest_schedules(
        duration=30 * MIN, owner_slots=owner, invitee_slots=invitees, time_limit=1e-6
    )
    assert result.optimal is False
    assert "may not be optimal" in result.message
    assert len(result.schedules) == 1
    assert result.schedules[0].seated > 0


class Stopped:
    """What ``scipy.optimize.milp`` returns when its time limit stops it."""

    status = 1

    def __init__(self, x):
        self.x = x


def test_without_an_incumbent_it_falls_back_to_the_greedy_schedule():
    owner, invitees = crowded_round(40)
    with mock.patch.object(solver, "milp", return_value=Stopped(None)):
        result = suggest_schedules(duration=30 * MIN, owner_slots=owner, invitee_slots=invitees)
    model = build_model(duration=30 * MIN, owner_slots=owner, invitee_slots=invitees)
    greedy = solver.greedy(model)
    assert result.optimal is False
    assert result.message == messages.SOLVER_GREEDY.format(limit=solver.TIME_LIMIT)
    assert result.schedules[0].rank == (len(greedy), int(model.weight[greedy].sum()))


def test_a_better_incumbent_beats_the_greedy_schedule():
    owner = [slot(0, 60, 3)]
    invitees = {"bea": [slot(0, 60)], "cy": [slot(0, 30)]}
    model = build_model(duration=30 * MIN, owner_slots=owner, invitee_slots=invitees)
    # Greedy seats bea at 9:00 and then nobody; the incumbent seats both.
    assert len(solver.greedy(model)) == 1
    both = np.zeros(model.size)
    both[[list(zip(model.invitee, model.start, strict=True)).index(c) for c in _both(model)]] = 1
    with mock.patch.object(solver, "milp", return_value=Stopped(both)):
        result = suggest_schedules(duration=30 * MIN, owner_slots=owner, invitee_slots=invitees)
    assert result.optimal is False
    assert result.message == messages.SOLVER_TIME_LIMIT.format(limit=solver.TIME_LIMIT)
    assert result.schedules[0].seated == 2


def _both(model):
    bea, cy = model.invitees.index("bea"), model.invitees.index("cy")
    epoch = int((BASE - solver.EPOCH).total_seconds())
    return [(cy, epoch), (bea, epoch + 1800)]


def test_an_infeasible_answer_from_the_solver_is_never_trusted():
    owner = [slot(0, 60, 3)]
    invitees = {"bea": [slot(0, 60)], "cy": [slot(0, 60)]}
    model = build_model(duration=30 * MIN, owner_slots=owner, invitee_slots=invitees)
    everything = np.ones(model.size)  # claims every candidate at once
    with mock.patch.object(solver, "milp", return_value=Stopped(everything)):
        result = suggest_schedules(duration=30 * MIN, owner_slots=owner, invitee_slots=invitees)
    assert result.optimal is False
    assert result.schedules[0].seated == 2
    a, b = result.schedules[0].placements
    assert a.end <= b.start


def test_the_model_is_sparse_and_deduplicated():
    owner, invitees = crowded_round()
    invitees[0] = invitees[0] * 3  # the same slot three times gives the same candidates
    model = build_model(duration=30 * MIN, owner_slots=owner, invitee_slots=invitees)
    pairs = set(zip(model.invitee.tolist(), model.start.tolist(), strict=True))
    assert len(pairs) == model.size
    # Each candidate sits in its invitee row and at most duration/grid start rows.
    assert model.matrix.nnz <= model.size * 3
