"""One agenda per owner: no two confirmed entries overlap, whatever the path."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import IntegrityError, close_old_connections, connection, transaction
from model_bakery import baker

from config.errors import Conflict
from schedules.models import Meeting
from schedules.selectors.agenda import agenda_busy
from schedules.services.agenda import agenda_add, agenda_lock, agenda_move

T0 = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
MIN = dt.timedelta(minutes=1)


def meeting(owner, start, minutes=30, **extra) -> Meeting:
    return Meeting(
        owner=owner,
        kind=Meeting.Kind.BOOKING,
        start=start,
        end=start + minutes * MIN,
        attendee_name="Pat",
        attendee_email="pat@example.org",
        **extra,
    )


def add(owner, start, minutes=30, **extra):
    with transaction.atomic():
        agenda_lock(owner_id=owner.pk)
        return agenda_add(meetings=[meeting(owner, start, minutes, **extra)])[0]


@pytest.mark.django_db
def test_it_refuses_an_overlap_and_allows_back_to_back(alice):
    add(alice, T0)
    with pytest.raises(Conflict, match="busy at that time"):
        add(alice, T0 + 15 * MIN)
    add(alice, T0 + 30 * MIN)  # half-open: 9:30 starts where 9:00-9:30 ends
    add(alice, T0 - 30 * MIN)
    assert Meeting.objects.filter(owner=alice).count() == 3


@pytest.mark.django_db
def test_owners_do_not_block_each_other(alice, bob):
    add(alice, T0)
    add(bob, T0)


@pytest.mark.django_db
def test_cancelled_entries_free_their_time(alice):
    first = add(alice, T0)
    Meeting.objects.filter(pk=first.pk).update(status=Meeting.Status.CANCELLED)
    add(alice, T0)


@pytest.mark.django_db
def test_buffers_block_time_on_both_sides(alice):
    add(alice, T0, buffer_after=dt.timedelta(minutes=15))
    with pytest.raises(Conflict):
        add(alice, T0 + 40 * MIN)
    add(alice, T0 + 45 * MIN)
    with pytest.raises(Conflict):
        add(alice, T0 - 40 * MIN, buffer_after=dt.timedelta(minutes=15))
    assert agenda_busy(owner_id=alice.pk, start=T0, end=T0 + 2 * 60 * MIN) == [
        (T0, T0 + 45 * MIN),
        (T0 + 45 * MIN, T0 + 75 * MIN),
    ]


@pytest.mark.django_db
def test_moving_raises_sequence_and_checks_the_new_time(alice):
    first = add(alice, T0)
    add(alice, T0 + 60 * MIN)
    with transaction.atomic(), pytest.raises(Conflict):
        agenda_move(meeting=first, start=T0 + 45 * MIN, end=T0 + 75 * MIN)
    first.refresh_from_db()
    with transaction.atomic():
        agenda_move(meeting=first, start=T0 + 15 * MIN, end=T0 + 45 * MIN)  # overlaps only itself
    first.refresh_from_db()
    assert (first.start, first.sequence) == (T0 + 15 * MIN, 1)


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL constraint")
def test_postgresql_itself_refuses_overlaps_that_bypass_the_service(alice):
    baker.make(Meeting, owner=alice, kind="booking", start=T0, end=T0 + 30 * MIN)
    with pytest.raises(IntegrityError, match="meeting_no_overlap"), transaction.atomic():
        baker.make(Meeting, owner=alice, kind="booking", start=T0 + 29 * MIN, end=T0 + 60 * MIN)
    baker.make(Meeting, owner=alice, kind="booking", start=T0 + 30 * MIN, end=T0 + 60 * MIN)


@pytest.mark.django_db
def test_model_validation_reports_overlaps_on_every_database(alice):
    from django.core.exceptions import ValidationError

    add(alice, T0)
    clash = meeting(alice, T0 + 10 * MIN)
    with pytest.raises(ValidationError, match="overlaps another meeting"):
        clash.full_clean()


@pytest.mark.django_db(transaction=True)
def test_parallel_writers_for_overlapping_times_yield_exactly_one(alice):
    """Twelve threads race for the same and for overlapping times: one wins."""
    barrier = threading.Barrier(12)
    outcomes: list[str] = []

    def attempt(offset: int) -> None:
        try:
            barrier.wait()
            add(alice, T0 + offset * MIN)
            outcomes.append("ok")
        except Conflict:
            outcomes.append("conflict")
        finally:
            close_old_connections()

    threads = [threading.Thread(target=attempt, args=(i % 4 * 5,)) for i in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["conflict"] * 11 + ["ok"]
    assert Meeting.objects.filter(owner=alice).count() == 1


@pytest.mark.django_db
def test_adding_many_meetings_checks_each_against_the_agenda_in_one_query(
    alice, django_assert_num_queries
):
    add(alice, T0 + 120 * MIN, buffer_before=dt.timedelta(minutes=10))  # blocks 10:50-11:30
    batch = [meeting(alice, T0 + i * 30 * MIN) for i in range(3)]  # 9:00-10:30, all clear
    # busy read, then SAVEPOINT, the one bulk INSERT, RELEASE, and the owner's agenda
    # version raised once: whatever the batch size
    with transaction.atomic(), django_assert_num_queries(5):
        agenda_add(meetings=batch)
    late = [meeting(alice, T0 - 60 * MIN), meeting(alice, T0 + 100 * MIN)]  # 10:40-11:10
    with transaction.atomic(), pytest.raises(Conflict):
        agenda_add(meetings=late)
    assert Meeting.objects.filter(owner=alice).count() == 4
