"""Suggested schedules: solver time and end-to-end GET confirm for 10, 50 and 200 invitees.

Realistic availability: the owner offers 5 days x 8 hours (9-12 preference 3,
12-13 preference 1, 13-17 preference 2, America/Toronto); each invitee answers
with 2-4 slots of 1-2 hours on random days, preferences mixed; 30-minute
meetings; everyone has responded. For each size it prints

- raw milp:      one ``scipy.optimize.milp`` call on the prepared matrix (the first solve),
- build model:   enumerating candidates and building the sparse matrix,
- solver, first: ``suggest_schedules(limit=1)`` (build + the optimal solve),
- solver, all 5: ``suggest_schedules()`` (build + first solve + 4 alternatives),
- GET confirm:   the whole request through Django (auth, 4 queries, solver, JSON),

so what the service adds beyond HiGHS is visible. Run:
``.venv/bin/python -m bench.bench_finalize``.
"""

from __future__ import annotations

import datetime as dt
import random

from bench.harness import measure, row, setup_django

SIZES = (10, 50, 200)
ZONE = "America/Toronto"


def build_round(owner, people: int, rng: random.Random):
    import zoneinfo

    from django.utils import timezone

    from schedules.models import Availability, Calendar, Contact, Invitation

    tz = zoneinfo.ZoneInfo(ZONE)
    today = timezone.now().astimezone(tz).date()
    monday = today + dt.timedelta(days=14 - today.weekday())
    calendar = Calendar.objects.create(
        owner=owner,
        name=f"Round of {people}",
        deadline=timezone.now() + dt.timedelta(days=7),
        timezone=ZONE,
        meeting_duration=30,
    )

    def at(day: int, minutes: int) -> dt.datetime:
        date = monday + dt.timedelta(days=day)
        naive = dt.datetime.combine(date, dt.time(9)) + dt.timedelta(minutes=minutes)
        return naive.replace(tzinfo=tz)

    slots = []
    for day in range(5):
        for start, end, preference in [(0, 180, 3), (180, 240, 1), (240, 480, 2)]:
            slots.append(
                Availability(
                    calendar=calendar, start=at(day, start), end=at(day, end), preference=preference
                )
            )
    contacts = Contact.objects.bulk_create(
        Contact(
            owner=owner,
            first_name=f"Person{i}",
            last_name=f"R{people}",
            email=f"p{i}.r{people}@example.org",
        )
        for i in range(people)
    )
    invitations = Invitation.objects.bulk_create(
        Invitation(
            calendar=calendar,
            contact=c,
            token_hash=f"{people:04d}{i:060d}",
            responded_at=timezone.now(),
        )
        for i, c in enumerate(contacts)
    )
    for invitation in invitations:
        for _ in range(rng.randint(2, 4)):
            length = rng.choice([60, 90, 120])
            begin = 15 * rng.randrange(0, (480 - length) // 15 + 1)
            day = rng.randrange(5)
            slots.append(
                Availability(
                    calendar=calendar,
                    invitation=invitation,
                    start=at(day, begin),
                    end=at(day, begin + length),
                    preference=rng.randint(1, 3),
                )
            )
    Availability.objects.bulk_create(slots)
    return calendar


def solver_inputs(calendar):
    from schedules.core.solver import Slot
    from schedules.models import Availability

    owner, invitees = [], {}
    for slot in Availability.objects.filter(calendar=calendar).select_related("invitation"):
        item = Slot(slot.start, slot.end, slot.preference)
        if slot.invitation_id is None:
            owner.append(item)
        else:
            invitees.setdefault(slot.invitation.contact_id, []).append(item)
    return {"duration": dt.timedelta(minutes=30), "owner_slots": owner, "invitee_slots": invitees}


def main() -> None:
    setup_django()
    import numpy as np
    from rest_framework.test import APIClient
    from scipy.optimize import Bounds, milp

    from accounts.models import User
    from schedules.core.solver import build_model, suggest_schedules

    owner = User.objects.create_user("bench", "bench@example.org", "x" * 12, timezone=ZONE)
    client = APIClient()
    client.force_authenticate(owner)
    rng = random.Random(2026)

    for people in SIZES:
        calendar = build_round(owner, people, rng)
        inputs = solver_inputs(calendar)
        model = build_model(**inputs)
        constraint = model.constraint()

        def raw(model=model, constraint=constraint):
            return milp(
                model.objective,
                integrality=np.ones(model.size),
                bounds=Bounds(0, 1),
                constraints=[constraint],
                options={"mip_rel_gap": 0.0},
            )

        result = suggest_schedules(**inputs)
        best = result.schedules[0]
        print(
            f"\n{people} invitees: {model.size} candidates x {model.matrix.shape[0]} constraints, "
            f"{model.matrix.nnz} non-zeros; best seats {best.seated} (score {best.weight}), "
            f"{len(result.schedules)} suggestions, optimal={result.optimal}"
        )
        repeat = 20 if people < 200 else 15
        floor = measure(raw, repeat=repeat)
        print(row("  raw milp (first solve only)", floor))
        print(row("  build model", measure(lambda i=inputs: build_model(**i), repeat=repeat)))
        first = measure(lambda i=inputs: suggest_schedules(**i, limit=1), repeat=repeat)
        print(row("  solver, first suggestion", first, floor))
        every = measure(lambda i=inputs: suggest_schedules(**i), repeat=repeat)
        print(row("  solver, all 5 suggestions", every, floor))

        path = f"/schedules/calendars/{calendar.pk}/confirm/"
        assert client.get(path).status_code == 200
        request = measure(lambda p=path: client.get(p), repeat=repeat)
        print(row("  GET confirm (end to end)", request, floor))


if __name__ == "__main__":
    main()
