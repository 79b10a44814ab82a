"""The owner's side of the agenda: appointments, cancelling with a reason, the .ics feed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from schedules.models import Meeting
from tests.factories import NOW, block, book, html_of, ics_of

UTC = dt.UTC
URL = "/schedules/appointments/"
MINUTE = dt.timedelta(minutes=1)
pytestmark = pytest.mark.usefixtures("clock")


@pytest.fixture
def agenda(alice, bob, booking_page):
    """Alice (New York) has a past and two upcoming entries; bob has one of his own."""
    return {
        "past": block(alice, NOW - dt.timedelta(days=3), booking_page=booking_page),
        "booking": block(alice, dt.datetime(2026, 3, 9, 14, tzinfo=UTC), booking_page=booking_page),
        "round": block(alice, dt.datetime(2026, 3, 10, 3, tzinfo=UTC), 60, kind="round"),
        "bobs": block(bob, dt.datetime(2026, 3, 9, 14, tzinfo=UTC)),
    }


def ids(response):
    assert response.status_code == 200, response.json()
    return [row["id"] for row in response.json()["results"]]


@pytest.mark.django_db
def test_it_lists_everything_on_the_owners_agenda_with_its_kind(alice_api, agenda):
    r = alice_api.get(URL)
    assert ids(r) == [agenda["past"].pk, agenda["booking"].pk, agenda["round"].pk]
    row = r.json()["results"][1]
    assert row["kind"] == "booking"
    assert row["title"] == "Intro call"
    assert (row["start"], row["end"]) == ("2026-03-09T10:00:00-04:00", "2026-03-09T10:30:00-04:00")
    assert row["attendee_email"] == "sam@example.org"
    assert r.json()["results"][2]["kind"] == "round"


@pytest.mark.django_db
def test_it_filters_by_days_in_the_owners_zone_status_kind_and_when(alice_api, agenda):
    # The round meeting at 03:00 UTC on 10 March is the evening of 9 March in New York.
    both = [agenda["booking"].pk, agenda["round"].pk]
    assert ids(alice_api.get(URL, {"start": "2026-03-09", "end": "2026-03-09"})) == both
    assert ids(alice_api.get(URL, {"start": "2026-03-10"})) == []
    assert ids(alice_api.get(URL, {"end": "2026-03-08"})) == [agenda["past"].pk]
    assert ids(alice_api.get(URL, {"kind": "round"})) == [agenda["round"].pk]
    assert ids(alice_api.get(URL, {"when": "upcoming"})) == both
    assert ids(alice_api.get(URL, {"when": "past"})) == [agenda["past"].pk]
    Meeting.objects.filter(pk=agenda["round"].pk).update(status="cancelled")
    assert ids(alice_api.get(URL, {"status": "cancelled"})) == [agenda["round"].pk]


@pytest.mark.django_db
def test_it_pages_by_page_size_with_a_next_link(alice_api, agenda):
    r = alice_api.get(URL, {"page_size": 2})
    assert r.json()["count"] == 3
    assert len(r.json()["results"]) == 2
    assert ids(alice_api.get(r.json()["next"])) == [agenda["round"].pk]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        {"start": "yesterday"},
        {"start": "2026-03-10", "end": "2026-03-09"},
        {"status": "maybe"},
        {"kind": "party"},
        {"when": "soon"},
        {"page": "9"},
    ],
)
def test_bad_filters_are_4xx(alice_api, agenda, query):
    assert alice_api.get(URL, query).status_code in {400, 404}


@pytest.mark.django_db
def test_the_list_costs_the_same_queries_however_long(
    alice_api, agenda, alice, django_assert_max_num_queries
):
    for n in range(20):
        block(alice, dt.datetime(2026, 4, 1, tzinfo=UTC) + dt.timedelta(hours=n))
    with django_assert_max_num_queries(3):  # count, page, nothing per row
        assert alice_api.get(URL).status_code == 200


@pytest.mark.django_db
def test_another_owners_entries_are_not_found(alice_api, agenda):
    pk = agenda["bobs"].pk
    assert alice_api.get(f"{URL}{pk}/").status_code == 404
    assert alice_api.post(f"{URL}{pk}/cancel/", {}, format="json").status_code == 404
    assert Meeting.objects.get(pk=pk).status == "confirmed"


@pytest.mark.django_db
def test_it_requires_authentication(api):
    assert api.get(URL).status_code == 401
    assert api.post(f"{URL}1/cancel/", {}, format="json").status_code == 401


# --- the owner cancels ----------------------------------------------------------------------


@pytest.mark.django_db
def test_the_owner_cancels_a_booking_with_a_reason_for_the_customer(alice_api, booking_page, api):
    r = book(api, booking_page, "2026-03-09", "18:30", timezone="Asia/Kolkata")
    pk = r.json()["appointment_id"]
    mail.outbox.clear()
    r = alice_api.post(f"{URL}{pk}/cancel/", {"reason": "I am ill, sorry."}, format="json")
    assert r.status_code == 200
    assert r.json()["detail"] == "Appointment canceled successfully."
    assert r.json()["appointment"]["status"] == "cancelled"
    meeting = Meeting.objects.get(pk=pk)
    assert (meeting.status, meeting.cancel_reason, meeting.sequence) == (
        "cancelled",
        "I am ill, sorry.",
        1,
    )
    customer, owner = mail.outbox
    assert customer.to == ["jane@example.org"]
    assert "Alice Example cancelled this appointment" in customer.body
    assert "Reason: I am ill, sorry." in customer.body
    assert "Reason: I am ill, sorry." in html_of(customer)
    assert "Monday 9 March 2026, 18:30-19:00 (Asia/Kolkata)" in customer.body
    assert "You cancelled" in owner.body
    for message in (customer, owner):
        assert "METHOD:CANCEL" in ics_of(message)
        assert "STATUS:CANCELLED" in ics_of(message)
    r = alice_api.post(f"{URL}{pk}/cancel/", {}, format="json")
    assert (r.status_code, r.json()) == (400, {"detail": "Appointment is already canceled."})


@pytest.mark.django_db
def test_only_bookings_are_cancelled_here(alice_api, agenda):
    r = alice_api.post(f"{URL}{agenda['round'].pk}/cancel/", {}, format="json")
    assert r.status_code == 400
    assert "Only bookings" in r.json()["detail"]
    r = alice_api.post(
        f"{URL}{agenda['booking'].pk}/cancel/", {"reason": "x" * 2001}, format="json"
    )
    assert r.status_code == 400
    r = alice_api.post(f"{URL}{agenda['booking'].pk}/cancel/", {"reason": ["a"]}, format="json")
    assert r.status_code == 400


# --- the private feed -------------------------------------------------------------------------


def path(url: str) -> str:
    return url.removeprefix("http://127.0.0.1:8000")


@pytest.mark.django_db
def test_the_feed_serves_the_whole_agenda_and_can_be_replaced_or_revoked(alice_api, api, agenda):
    assert alice_api.get("/schedules/feed/").json() == {"active": False, "created_at": None}
    r = alice_api.post("/schedules/feed/")
    assert r.status_code == 201
    first = path(r.json()["url"])
    assert alice_api.get("/schedules/feed/").json()["active"] is True

    r = api.get(first)
    assert r.status_code == 200
    assert r["Content-Type"] == "text/calendar; charset=utf-8"
    body = r.content.decode()
    assert body.count("BEGIN:VEVENT") == 3
    for key in ("past", "booking", "round"):
        assert f"UID:{agenda[key].uid}@" in body
    assert str(agenda["bobs"].uid) not in body
    assert "METHOD" not in body  # a feed, not an invite

    Meeting.objects.filter(pk=agenda["booking"].pk).update(status="cancelled")
    assert api.get(first).content.decode().count("BEGIN:VEVENT") == 2

    second = path(alice_api.post("/schedules/feed/").json()["url"])
    assert api.get(first).status_code == 404
    assert api.get(second).status_code == 200
    assert alice_api.delete("/schedules/feed/").status_code == 204
    r = api.get(second)
    assert r.status_code == 404
    assert "not valid" in r.content.decode()
    assert api.get("/feeds/guess.ics").status_code == 404


@pytest.mark.django_db
def test_the_feed_settings_require_authentication(api):
    assert api.get("/schedules/feed/").status_code == 401
    assert api.post("/schedules/feed/").status_code == 401
    assert api.delete("/schedules/feed/").status_code == 401


# --- the agenda's overlap queries, narrowed by index, stay exact --------------------------


@pytest.mark.django_db
def test_busy_time_and_free_checks_see_buffers_up_to_the_longest_allowed(alice):
    from schedules.models import LONGEST_BUFFER
    from schedules.selectors.agenda import agenda_busy

    start = dt.datetime(2026, 3, 9, 12, tzinfo=UTC)
    block(alice, start, 60, buffer_after=LONGEST_BUFFER, buffer_before=dt.timedelta(hours=2))
    later = start + dt.timedelta(hours=1) + LONGEST_BUFFER
    assert agenda_busy(owner_id=alice.pk, start=later - MINUTE, end=later) == [
        (start - dt.timedelta(hours=2), later)
    ]
    assert agenda_busy(owner_id=alice.pk, start=later, end=later + MINUTE) == []
    earlier = start - dt.timedelta(hours=2)
    assert agenda_busy(owner_id=alice.pk, start=earlier - MINUTE, end=earlier + MINUTE) != []
    assert agenda_busy(owner_id=alice.pk, start=earlier - MINUTE, end=earlier) == []
