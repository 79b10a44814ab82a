"""Optimal suggested schedules for a 1-on-1 round. Pure Python + NumPy/SciPy, no Django.

The problem, the integer program and its guarantees are written up in
``docs/SCHEDULING.md``; this docstring is the short version.

A *candidate* is (invitee, start) with ``start`` on the 15-minute grid (multiples
of 15 minutes since the Unix epoch, i.e. :00/:15/:30/:45 in UTC, and so in every
zone whose offset is a multiple of 15 minutes, which is every zone in use today)
such that ``[start, start + duration)`` lies inside the owner's available time
(busy time cut out) and the invitee's, as ``schedules.core.availability``
defines it (touching slots join). Its weight is the owner's preference for
that time plus the invitee's, each the lowest preference of the time it uses.

A schedule picks at most one candidate per invitee, no two overlapping, and is
ranked by (number seated, total weight). The first suggestion maximises that
order exactly: binary x[c] per candidate, "each invitee at most once", and for
each distinct candidate start g, "at most one chosen candidate contains g". Two
intervals overlap iff the later one's start lies inside the earlier one, so the
second family says exactly "no two chosen candidates overlap". The objective
``BIG * seated + weight`` with ``BIG > 6 * invitees >= any total weight`` makes
one more seat worth more than any weight. HiGHS (``scipy.optimize.milp``) solves
it with a zero optimality gap.

Alternatives are re-solves with no-good cuts: suggestion k is the best schedule
that differs from every earlier suggestion in at least ``min(3, m)`` invitees'
meetings (m = invitees with any candidate; a different start, or seated vs not).
A single move changes one invitee and a single swap two, so with three or more
invitees no alternative is one move or one swap away from an earlier one.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

from config import messages
from schedules.core.availability import Slot, meeting_starts, without

GRID = dt.timedelta(minutes=15)
MAX_SUGGESTIONS = 5
# Seconds for one whole call (first solve plus alternatives). Real rounds solve
# in milliseconds; the limit bounds a pathological input, never a normal one.
TIME_LIMIT = 5.0
# Alternatives must differ from every earlier suggestion in this many invitees
# (or in all of them when there are fewer).
MIN_DIFFERENCE = 3
MAX_PREFERENCE = 3

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
SECOND = dt.timedelta(seconds=1)


@dataclass(frozen=True, slots=True)
class Placement:
    """One invitee's meeting in a schedule; ``weight`` = owner + invitee preference."""

    invitee: Hashable
    start: dt.datetime
    end: dt.datetime
    weight: int


@dataclass(frozen=True, slots=True)
class Schedule:
    placements: tuple[Placement, ...]  # by start time

    @property
    def seated(self) -> int:
        return len(self.placements)

    @property
    def weight(self) -> int:
        return sum(p.weight for p in self.placements)

    @property
    def rank(self) -> tuple[int, int]:
        """The lexicographic order schedules are compared by (higher is better)."""
        return (self.seated, self.weight)


@dataclass(frozen=True, slots=True)
class Suggestions:
    schedules: tuple[Schedule, ...]  # best first; empty when nobody can be seated
    optimal: bool  # the first schedule is proven optimal
    message: str = ""  # why it may not be optimal
    candidates: int = 0
    constraints: int = 0
    seconds: float = 0.0


@dataclass(frozen=True)
class Model:
    """The integer program: candidates as columns, constraints as a sparse matrix."""

    invitees: tuple[Hashable, ...]  # invitees with at least one candidate
    invitee: np.ndarray  # column -> index into ``invitees``
    start: np.ndarray  # column -> start, whole seconds since the epoch
    weight: np.ndarray  # column -> owner + invitee preference
    duration: int  # seconds
    objective: np.ndarray  # to minimise: -(BIG + weight)
    matrix: sparse.csr_array  # invitee rows, then one row per shared start
    upper: np.ndarray

    @property
    def size(self) -> int:
        return len(self.start)

    def constraint(self) -> LinearConstraint:
        return LinearConstraint(self.matrix, -np.inf, self.upper)


def _seconds(value: dt.datetime) -> int:
    return (value - EPOCH) // SECOND


def _starts(slots: Sequence[Slot], duration: dt.timedelta, grid: dt.timedelta) -> dict[int, int]:
    """Grid start (seconds since the epoch) -> preference, for meetings inside ``slots``."""
    found = meeting_starts(slots, duration=duration, grid=grid)
    return {_seconds(start): preference for start, preference in found.items()}


def build_model(
    *,
    duration: dt.timedelta,
    owner_slots: Sequence[Slot],
    invitee_slots: Mapping[Hashable, Sequence[Slot]],
    busy: Sequence[tuple[dt.datetime, dt.datetime]] = (),
    grid: dt.timedelta = GRID,
) -> Model:
    """Enumerate the candidates and build the constraint matrix (sparse)."""
    length = duration // SECOND
    if length <= 0 or grid <= dt.timedelta(0):
        raise ValueError("The meeting duration and the grid must be positive.")
    owner_best = _starts(without(owner_slots, busy), duration, grid)

    invitees: list[Hashable] = []
    columns: list[tuple[int, int, int]] = []
    for key, slots in invitee_slots.items():
        mine = _starts(slots, duration, grid)
        found = [
            (len(invitees), start, owner_best[start] + preference)
            for start, preference in sorted(mine.items())
            if start in owner_best
        ]
        if found:
            invitees.append(key)
            columns.extend(found)

    table = np.array(columns, dtype=np.int64).reshape(-1, 3)
    invitee, start, weight = table[:, 0], table[:, 1], table[:, 2]
    size, people = len(start), len(invitees)

    # Row g (one per distinct start) holds the candidates whose meeting contains
    # g: those with g in [start, start + length). Vectorised: each column covers
    # the consecutive run of shared starts from its own start up to its end.
    points = np.unique(start)
    low = np.searchsorted(points, start, side="left")
    high = np.searchsorted(points, start + length, side="left")
    counts = high - low
    total = int(counts.sum())
    offsets = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
    point_rows = np.repeat(low, counts) + offsets
    point_cols = np.repeat(np.arange(size), counts)
    # A start contained in a single candidate constrains nothing: drop its row.
    busy_rows = np.bincount(point_rows, minlength=len(points)) >= 2
    keep = busy_rows[point_rows]
    renumber = np.cumsum(busy_rows) - 1
    rows = np.concatenate([invitee, people + renumber[point_rows[keep]]])
    cols = np.concatenate([np.arange(size), point_cols[keep]])
    shape = (people + int(busy_rows.sum()), size)
    matrix = sparse.csr_array((np.ones(len(rows)), (rows, cols)), shape=shape)

    big = 2 * MAX_PREFERENCE * people + 1  # more than any total weight
    return Model(
        invitees=tuple(invitees),
        invitee=invitee,
        start=start,
        weight=weight,
        duration=length,
        objective=-(big + weight).astype(float),
        matrix=matrix,
        upper=np.ones(shape[0]),
    )


def solve(model: Model, *, cuts: Sequence[LinearConstraint] = (), time_limit: float) -> Any:
    """One HiGHS run on the model (plus difference cuts).

    The gap is zero: HiGHS's default relative gap (1e-4) would accept a schedule
    several preference points short of the best. Presolve pays off on the plain
    model but spends most of the time on the dense difference cuts (measured:
    ~150 ms of a ~180 ms alternative at 200 invitees), so alternatives skip it.
    """
    return milp(
        model.objective,
        integrality=np.ones(model.size),
        bounds=Bounds(0, 1),
        constraints=[model.constraint(), *cuts],
        options={
            "time_limit": max(time_limit, 1e-3),
            "mip_rel_gap": 0.0,
            "presolve": not cuts,
        },
    )


def _is_schedule(model: Model, chosen: np.ndarray) -> bool:
    if len(np.unique(model.invitee[chosen])) != len(chosen):
        return False
    starts = np.sort(model.start[chosen])
    return bool(np.all(np.diff(starts) >= model.duration))


def _rank(model: Model, chosen: np.ndarray) -> tuple[int, int]:
    return (len(chosen), int(model.weight[chosen].sum()))


def greedy(model: Model) -> np.ndarray:
    """Earliest end first, better weight first on ties: a fast feasible fallback."""
    order = np.lexsort((-model.weight, model.start))  # same length: end order = start order
    seated: set[int] = set()
    chosen: list[int] = []
    free_from = None
    for column in order:
        person, begin = int(model.invitee[column]), int(model.start[column])
        if person in seated or (free_from is not None and begin < free_from):
            continue
        seated.add(person)
        chosen.append(int(column))
        free_from = begin + model.duration
    return np.array(chosen, dtype=np.int64)


def difference_cut(model: Model, chosen: np.ndarray, difference: int) -> LinearConstraint:
    """Later schedules differ from ``chosen`` in at least ``difference`` invitees.

    An invitee *agrees* with ``chosen`` when they keep the same candidate (if
    seated there) or stay unseated (if unseated there). Agreements are linear in
    x, and "at most m - difference agree" is the cut.
    """
    people = len(model.invitees)
    row = np.zeros(model.size)
    row[chosen] = 1.0
    unseated = np.ones(people, dtype=bool)
    unseated[model.invitee[chosen]] = False
    row[unseated[model.invitee]] = -1.0
    bound = people - difference - int(unseated.sum())
    return LinearConstraint(row.reshape(1, -1), -np.inf, bound)


def _schedule(model: Model, chosen: np.ndarray) -> Schedule:
    length = dt.timedelta(seconds=model.duration)
    placements = []
    for column in sorted(chosen.tolist(), key=lambda c: model.start[c]):
        begin = EPOCH + dt.timedelta(seconds=int(model.start[column]))
        placements.append(
            Placement(
                invitee=model.invitees[model.invitee[column]],
                start=begin,
                end=begin + length,
                weight=int(model.weight[column]),
            )
        )
    return Schedule(placements=tuple(placements))


def _chosen(result: Any, model: Model) -> np.ndarray | None:
    if result.x is None:
        return None
    chosen = np.flatnonzero(result.x > 0.5)
    return chosen if _is_schedule(model, chosen) else None


def suggest_schedules(
    *,
    duration: dt.timedelta,
    owner_slots: Sequence[Slot],
    invitee_slots: Mapping[Hashable, Sequence[Slot]],
    busy: Sequence[tuple[dt.datetime, dt.datetime]] = (),
    limit: int = MAX_SUGGESTIONS,
    time_limit: float = TIME_LIMIT,
    min_difference: int = MIN_DIFFERENCE,
) -> Suggestions:
    """Up to ``limit`` schedules, best first; the first optimal unless ``optimal`` is False.

    Every schedule seats at least one invitee. When the time limit stops the
    first solve, the better of HiGHS's best incumbent and the greedy schedule is
    returned with ``optimal=False`` and a message, and no alternatives follow.
    """
    began = time.perf_counter()
    model = build_model(
        duration=duration, owner_slots=owner_slots, invitee_slots=invitee_slots, busy=busy
    )
    if model.size == 0:
        return Suggestions(schedules=(), optimal=True)
    deadline = began + time_limit
    difference = min(min_difference, len(model.invitees))

    result = solve(model, time_limit=deadline - time.perf_counter())
    chosen = _chosen(result, model)
    optimal, message = result.status == 0 and chosen is not None, ""
    if not optimal:
        fallback = greedy(model)
        if chosen is None or _rank(model, fallback) > _rank(model, chosen):
            chosen, message = fallback, messages.SOLVER_GREEDY.format(limit=time_limit)
        else:
            message = messages.SOLVER_TIME_LIMIT.format(limit=time_limit)
    found = [chosen]

    cuts: list[LinearConstraint] = []
    while optimal and len(found) < limit and time.perf_counter() < deadline:
        cuts.append(difference_cut(model, found[-1], difference))
        result = solve(model, cuts=cuts, time_limit=deadline - time.perf_counter())
        nxt = _chosen(result, model)
        if nxt is None or not len(nxt):
            break  # no further alternative (infeasible), or none found in time
        found.append(nxt)

    schedules = tuple(_schedule(model, c) for c in found if len(c))
    return Suggestions(
        schedules=tuple(sorted(schedules, key=lambda s: s.rank, reverse=True)),
        optimal=optimal,
        message=message,
        candidates=model.size,
        constraints=model.matrix.shape[0],
        seconds=time.perf_counter() - began,
    )
