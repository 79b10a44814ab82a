"""Calendar details (seed 004) for 10, 100 and 1000 invitees with 10 slots each.

Printed next to the floor: GET /accounts/me/, a trivial authenticated endpoint
served the same way (same client, same JWT authentication, same middleware),
so the ratio shows what the details themselves cost. Run:

    .venv/bin/python -m bench.bench_rounds
"""

from __future__ import annotations

import datetime as dt

from bench.harness import measure, row, setup_django

setup_django()

from django.db import connection  # noqa: E402
from rest_framework.test import APIClient  # noqa: E402
from rest_framework_simplejwt.tokens import AccessToken  # noqa: E402

from accounts.models import User  # noqa: E402
from accounts.tokens import new_token  # noqa: E402
from schedules.models import Availability, Calendar, Contact, Invitation  # noqa: E402

SLOTS = 10
START = dt.datetime(2030, 1, 7, 9, tzinfo=dt.UTC)
HOUR = dt.timedelta(hours=1)


def build_calendar(owner: User, invitees: int) -> Calendar:
    calendar = Calendar.objects.create(
        owner=owner, name=f"{invitees} invitees", deadline=START - 24 * HOUR, timezone="UTC"
    )
    days = [START + dt.timedelta(days=i) for i in range(SLOTS)]
    Availability.objects.bulk_create(
        Availability(calendar=calendar, start=d, end=d + 4 * HOUR, preference=2) for d in days
    )
    contacts = Contact.objects.bulk_create(
        Contact(owner=owner, first_name=f"P{i}", last_name="X", email=f"p{i}.{invitees}@ex.org")
        for i in range(invitees)
    )
    invitations = Invitation.objects.bulk_create(
        Invitation(calendar=calendar, contact=c, token_hash=new_token()[1], responded_at=START)
        for c in contacts
    )
    Availability.objects.bulk_create(
        Availability(calendar=calendar, invitation=inv, start=d, end=d + HOUR, preference=3)
        for inv in invitations
        for d in days
    )
    return calendar


def main() -> None:
    owner = User.objects.create_user("bench", "bench@example.org", "bench-password-1")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {AccessToken.for_user(owner)}")
    calendars = {n: build_calendar(owner, n) for n in (10, 100, 1000)}

    def get(path: str):
        response = client.get(path)
        assert response.status_code == 200, response.content[:200]
        return response

    floor = measure(lambda: get("/accounts/me/"))
    print(f"database: {connection.vendor}; {SLOTS} owner slots and {SLOTS} slots per invitee")
    print(row("GET /accounts/me/ (floor)", floor))
    for n, calendar in calendars.items():
        path = f"/schedules/calendars/{calendar.pk}/details/"
        queries = []

        def count(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            size = len(get(path).content)
        result = measure(lambda path=path: get(path), repeat=30 if n < 1000 else 15)
        label = f"GET details, {n:>4} invitees ({len(queries)} queries, {size // 1024} KiB)"
        print(row(label, result, floor))


if __name__ == "__main__":
    main()
