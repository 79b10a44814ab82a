"""POST /schedules/calendars/<id>/confirm/: validate, put on the agenda, email, once."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from django.core import mail

from config import messages
from schedules.models import Calendar, Meeting
from schedules.services import finalize as services
from tests.factories import (
    NOW,
    block,
    contact,
    invite,
    make_calendar,
    owner_slot,
    wall,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]
TZ = "America/Toronto"


def url(calendar_id) -> str:
    return f"/schedules/calendars/{calendar_id}/confirm/"


@pytest.fixture
def round_(alice):
    """Alice offers 13:00-15:00 Toronto time on 12 March; Jane and John answered, Kim did not."""
    alice.timezone = "Europe/Paris"
    alice.save()
    calendar = make_calendar(alice, tz=TZ, name="Interviews & chats", slots=())
    owner_slot(calendar, "2026-03-12 13:00", "2026-03-12 15:00", 3)
    jane = contact(alice, "Jane", "Doe")
    john = contact(alice, "John", "Smith")
    kim = contact(alice, "Kim", "Lee")
    invite(calendar, jane, ("2026-03-12 13:00", "2026-03-12 14:00", 3))
    invite(
        calendar,
        john,
        ("2026-03-12 13:00", "2026-03-12 13:30", 2),
        ("2026-03-12 13:30", "2026-03-12 14:30", 1),  # adjacent slots join
    )
    invite(calendar, kim, responded=False)
    return calendar, jane, john, kim


def entry(person, start: str, end: str) -> dict:
    return {"contact_id": person.pk, "start_time": start, "end_time": end}


def post(client, calendar, *entries, **body):
    payload = {"finalized_schedule": list(entries)} | body
    return client.post(url(calendar.pk), payload, format="json")


def problems(response) -> list[str]:
    assert response.status_code == 400, response.content
    return response.json()["finalized_schedule"]


def assert_nothing_happened(calendar):
    assert not Meeting.objects.filter(calendar=calendar).exists()
    calendar.refresh_from_db()
    assert calendar.finalized_at is None
    assert mail.outbox == []


# --- success -------------------------------------------------------------------------


def test_it_finalizes_creates_meetings_and_answers_in_the_seeds_shape(alice_api, alice, round_):
    calendar, jane, john, _kim = round_
    r = post(
        alice_api,
        calendar,
        entry(jane, "2026/03/12 13:00:00", "2026/03/12 13:30:00"),
        entry(john, "2026-03-12T13:30:00-04:00", "2026-03-12T14:00:00-04:00"),
    )
    assert r.status_code == 201, r.content
    meetings = list(Meeting.objects.filter(calendar=calendar).order_by("start"))
    assert r.json() == {
        "meetings": [
            {
                "id": meetings[0].pk,
                "contact_id": jane.pk,
                "first_name": "Jane",
                "last_name": "Doe",
                "email": "jane.doe@example.org",
                "start_time": "2026-03-12T13:00:00-04:00",
                "end_time": "2026-03-12T13:30:00-04:00",
            },
            {
                "id": meetings[1].pk,
                "contact_id": john.pk,
                "first_name": "John",
                "last_name": "Smith",
                "email": "john.smith@example.org",
                "start_time": "2026-03-12T13:30:00-04:00",
                "end_time": "2026-03-12T14:00:00-04:00",
            },
        ]
    }
    first = meetings[0]
    assert (first.owner, first.kind, first.status) == (alice, "round", "confirmed")
    assert (first.attendee_name, first.attendee_email) == ("Jane Doe", "jane.doe@example.org")
    assert first.attendee_timezone == TZ
    assert first.start == dt.datetime(2026, 3, 12, 17, 0, tzinfo=dt.UTC)
    calendar.refresh_from_db()
    assert calendar.finalized_at == NOW


def test_each_invitee_gets_an_ics_request_in_the_calendars_terms(alice_api, round_):
    calendar, jane, *_ = round_
    post(alice_api, calendar, entry(jane, "2026/03/12 13:00:00", "2026/03/12 13:30:00"))
    meeting = Meeting.objects.get(calendar=calendar)
    message = next(m for m in mail.outbox if m.to == ["jane.doe@example.org"])
    assert message.reply_to == ["alice@example.org"]
    assert "Alice Example" in message.subject
    when = "Thursday 12 March 2026, 13:00 to 13:30 (America/Toronto, UTC-0400)"
    assert when in message.body
    assert 'meeting for "Interviews & chats"' in message.body  # text is not HTML-escaped
    html = message.alternatives[0][0]
    assert when in html
    assert "Interviews &amp; chats" in html
    [attachment] = message.attachments
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_param("method") == "REQUEST"
    ics = icalendar.Calendar.from_ical(attachment.get_content())
    assert ics["method"] == "REQUEST"
    [event] = ics.walk("VEVENT")
    assert str(event["uid"]).startswith(str(meeting.uid))
    assert event["sequence"] == 0
    assert event.decoded("dtstart") == meeting.start
    assert event.decoded("dtend") == meeting.end
    assert "jane.doe@example.org" in str(event["attendee"])


def test_the_owner_gets_a_summary_in_their_own_zone_with_every_meeting(alice_api, round_):
    calendar, jane, john, _kim = round_
    post(
        alice_api,
        calendar,
        entry(jane, "2026/03/12 13:00:00", "2026/03/12 13:30:00"),
        entry(john, "2026/03/12 14:00:00", "2026/03/12 14:30:00"),
    )
    assert sorted(m.to[0] for m in mail.outbox) == [
        "alice@example.org",
        "jane.doe@example.org",
        "john.smith@example.org",
    ]
    summary = next(m for m in mail.outbox if m.to == ["alice@example.org"])
    assert summary.subject == '"Interviews & chats" is finalized: 2 meetings'
    # 13:00 in Toronto (UTC-4) is 18:00 in Paris (UTC+1) on 12 March.
    paris = "Thursday 12 March 2026, 18:00 to 18:30 (Europe/Paris, UTC+0100)"
    assert paris in summary.body
    assert paris in summary.alternatives[0][0]
    assert "No meeting for: Kim Lee." in summary.body
    assert "No meeting for: Kim Lee." in summary.alternatives[0][0]
    [attachment] = summary.attachments
    assert attachment.get_param("method") == "PUBLISH"
    ics = icalendar.Calendar.from_ical(attachment.get_content())
    assert len(ics.walk("VEVENT")) == 2


def test_a_finalized_calendar_is_gone_from_confirm(alice_api, round_):
    calendar, jane, *_ = round_
    body = [entry(jane, "2026/03/12 13:00:00", "2026/03/12 13:30:00")]
    assert post(alice_api, calendar, *body).status_code == 201
    assert alice_api.get(url(calendar.pk)).status_code == 404
    again = post(alice_api, calendar, *body)
    assert again.status_code == 404
    assert again.json() == {"detail": messages.CALENDAR_FINALIZED}
    assert Meeting.objects.filter(calendar=calendar).count() == 1


def test_hand_edited_meetings_may_have_another_length_and_start_off_the_grid(alice_api, round_):
    calendar, jane, *_ = round_
    r = post(alice_api, calendar, entry(jane, "2026-03-12T13:05:00", "2026-03-12T13:50:00"))
    assert r.status_code == 201, r.content
    meeting = Meeting.objects.get(calendar=calendar)
    assert meeting.end - meeting.start == dt.timedelta(minutes=45)


def test_someone_who_never_answered_can_be_placed_in_the_owners_time(alice_api, round_):
    calendar, _jane, _john, kim = round_
    r = post(alice_api, calendar, entry(kim, "2026/03/12 14:30:00", "2026/03/12 15:00:00"))
    assert r.status_code == 201, r.content


def test_the_meetings_then_block_other_rounds_suggestions(alice_api, alice, round_):
    calendar, jane, *_ = round_
    post(alice_api, calendar, entry(jane, "2026/03/12 13:00:00", "2026/03/12 14:00:00"))
    other = make_calendar(alice, tz=TZ, name="Second round", slots=())
    owner_slot(other, "2026-03-12 13:00", "2026-03-12 14:30")
    invite(other, contact(alice, "Zoe"), ("2026-03-12 13:00", "2026-03-12 14:30", 3))
    data = alice_api.get(url(other.pk)).json()
    starts = {s[0]["start_time"] for s in data["suggested_schedules"]}
    assert starts == {"2026-03-12T14:00:00-04:00"}


# --- the seed's validation errors ----------------------------------------------------


def test_missing_fields_are_named(alice_api, round_):
    calendar, jane, *_ = round_
    r = post(alice_api, calendar, {"contact_id": jane.pk, "start_time": "2026/03/12 13:00:00"})
    assert r.status_code == 400
    assert r.json() == {"finalized_schedule": [f"Meeting 1 (end_time): {services_missing()}"]}
    r = alice_api.post(url(calendar.pk), {}, format="json")
    assert r.json() == {"finalized_schedule": [services_missing()]}
    assert_nothing_happened(calendar)


def services_missing() -> str:
    from config.messages import FINALIZE_MISSING as MISSING

    return MISSING


def test_an_empty_schedule_asks_for_a_choice(alice_api, round_):
    r = post(alice_api, round_[0])
    assert problems(r) == [messages.NOTHING_SELECTED]


def test_unknown_and_foreign_contact_ids_are_invalid(alice_api, bob, round_):
    calendar, jane, *_ = round_
    stranger = contact(bob, "Bobs", "Friend")
    r = post(
        alice_api,
        calendar,
        entry(jane, "2026/03/12 13:00:00", "2026/03/12 13:30:00"),
        {
            "contact_id": 999999,
            "start_time": "2026/03/12 14:00:00",
            "end_time": "2026/03/12 14:30:00",
        },
        entry(stranger, "2026/03/12 14:30:00", "2026/03/12 15:00:00"),
    )
    assert problems(r) == [
        messages.INVALID_CONTACT_ID.format(id=999999),
        messages.INVALID_CONTACT_ID.format(id=stranger.pk),
    ]
    assert "Bobs" not in r.content.decode()
    assert_nothing_happened(calendar)


def test_a_contact_not_invited_is_refused(alice_api, alice, round_):
    calendar = round_[0]
    outsider = contact(alice, "Olive", "Out")
    r = post(alice_api, calendar, entry(outsider, "2026/03/12 13:00:00", "2026/03/12 13:30:00"))
    assert problems(r) == [
        "Contact not invited to calendar: Olive Out (contact %d)." % outsider.pk  # noqa: UP031
    ]


def test_one_contact_twice_is_refused(alice_api, round_):
    calendar, jane, *_ = round_
    r = post(
        alice_api,
        calendar,
        entry(jane, "2026/03/12 13:00:00", "2026/03/12 13:30:00"),
        entry(jane, "2026/03/12 13:30:00", "2026/03/12 14:00:00"),
    )
    assert problems(r) == [messages.DUPLICATE_MEETING.format(name="Jane Doe")]


def test_overlapping_meetings_are_refused(alice_api, round_):
    calendar, jane, john, _kim = round_
    r = post(
        alice_api,
        calendar,
        entry(jane, "2026/03/12 13:00:00", "2026/03/12 13:30:00"),
        entry(john, "2026/03/12 13:15:00", "2026/03/12 13:45:00"),
    )
    assert problems(r) == [
        "Meeting times overlap: Jane Doe 2026-03-12 13:00-13:30 (America/Toronto) and "
        "John Smith 2026-03-12 13:15-13:45 (America/Toronto)."
    ]
    assert_nothing_happened(round_[0])


def test_back_to_back_meetings_do_not_overlap(alice_api, round_):
    calendar, jane, john, _kim = round_
    r = post(
        alice_api,
        calendar,
        entry(jane, "2026/03/12 13:30:00", "2026/03/12 14:00:00"),
        entry(john, "2026/03/12 13:00:00", "2026/03/12 13:30:00"),
    )
    assert r.status_code == 201, r.content


def test_a_time_outside_the_invitees_availability_is_refused(alice_api, round_):
    calendar, jane, john, kim = round_
    r = post(
        alice_api,
        calendar,
        entry(jane, "2026/03/12 13:45:00", "2026/03/12 14:15:00"),
        entry(john, "2026/03/12 13:15:00", "2026/03/12 13:45:00"),  # spans two slots: fine
        entry(kim, "2026/03/12 15:00:00", "2026/03/12 15:30:00"),
    )
    assert problems(r) == [
        "Invalid meeting time for contact: Jane Doe is not available "
        "2026-03-12 13:45-14:15 (America/Toronto).",
        "Invalid meeting time for contact: Kim Lee has not responded, so their meeting must "
        "lie within your own availability, and 2026-03-12 15:00-15:30 (America/Toronto) "
        "does not.",
    ]


def test_a_clash_with_the_owners_agenda_is_an_unresolved_conflict(alice_api, alice, round_):
    calendar, jane, *_ = round_
    block(alice, wall("2026-03-12 13:20", TZ), 20)
    r = post(alice_api, calendar, entry(jane, "2026/03/12 13:00:00", "2026/03/12 13:30:00"))
    assert problems(r) == [
        "Unresolved availability conflict: Jane Doe's meeting 2026-03-12 13:00-13:30 "
        "(America/Toronto) overlaps something already on your agenda."
    ]
    assert_nothing_happened(calendar)


def test_meetings_in_the_past_are_refused(alice_api, alice):
    calendar = make_calendar(alice, slots=())
    owner_slot(calendar, "2026-03-01 09:00", "2026-03-01 10:00")
    ann = contact(alice, "Ann", "Smith")
    invite(calendar, ann, ("2026-03-01 09:00", "2026-03-01 10:00", 3))
    r = post(alice_api, calendar, entry(ann, "2026/03/01 09:00:00", "2026/03/01 09:30:00"))
    assert problems(r) == [
        "Invalid meeting time for contact: Ann Smith's meeting 2026-03-01 09:00-09:30 (UTC) "
        "would start in the past."
    ]


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2026/03/12 13:00:00", "2026/03/12 13:04:00"),
        ("2026/03/12 13:00:00", "2026/03/13 13:01:00"),
    ],
)
def test_meeting_lengths_are_bounded(alice_api, round_, start, end):
    calendar, jane, *_ = round_
    r = post(alice_api, calendar, entry(jane, start, end))
    assert problems(r) == [messages.MEETING_LENGTH.format(name="Jane Doe")]


def test_every_problem_is_reported_at_once(alice_api, alice, round_):
    calendar, jane, john, _kim = round_
    outsider = contact(alice, "Olive", "Out")
    r = post(
        alice_api,
        calendar,
        entry(outsider, "2026/03/12 13:00:00", "2026/03/12 13:30:00"),
        entry(jane, "2026/03/12 14:00:00", "2026/03/12 14:30:00"),
        entry(john, "2026/03/12 14:15:00", "2026/03/12 14:30:00"),
    )
    assert len(problems(r)) == 3  # not invited, Jane unavailable, overlap


# --- shape and types: 400, never 500 -------------------------------------------------


NOT_AN_OBJECT = "Each meeting must be an object with contact_id, start_time and end_time."
NOT_A_LIST = "finalized_schedule must be a list of meetings."
BAD_ID = "Invalid contact id: it must be a positive whole number."
MISSING = "Missing fields: each meeting needs contact_id, start_time and end_time."


@pytest.mark.parametrize(
    ("schedule", "expected"),
    [
        ("soon", NOT_A_LIST),
        (None, MISSING),
        ({"contact_id": 1}, NOT_A_LIST),
        (["x"], f"Meeting 1: {NOT_AN_OBJECT}"),
        ([[1, 2, 3]], f"Meeting 1: {NOT_AN_OBJECT}"),
        ([{}], f"Meeting 1 (contact_id, start_time, end_time): {MISSING}"),
    ],
)
def test_wrong_shapes_are_refused_with_a_message(alice_api, round_, schedule, expected):
    r = alice_api.post(url(round_[0].pk), {"finalized_schedule": schedule}, format="json")
    assert r.status_code == 400
    assert r.json() == {"finalized_schedule": [expected]}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("contact_id", "abc", BAD_ID),
        ("contact_id", True, BAD_ID),
        ("contact_id", 10**30, BAD_ID),
        ("contact_id", -3, BAD_ID),
        ("contact_id", None, MISSING),
        ("start_time", "12 March, 1pm", None),
        ("start_time", 20260312, None),
        ("start_time", ["2026/03/12 13:00:00"], None),
        ("start_time", "2026/02/30 13:00:00", None),
        ("start_time", "x" * 100_000, None),
    ],
)
def test_wrong_types_are_refused_with_a_message(alice_api, round_, field, value, message):
    from config.messages import FINALIZE_DATETIME as WRONG_FORMAT

    calendar, jane, *_ = round_
    good = entry(jane, "2026/03/12 13:00:00", "2026/03/12 13:30:00")
    r = post(alice_api, calendar, good, good | {field: value})
    assert r.status_code == 400
    assert r.json() == {"finalized_schedule": [f"Meeting 2 ({field}): {message or WRONG_FORMAT}"]}


def test_an_end_before_the_start_is_refused(alice_api, round_):
    calendar, jane, *_ = round_
    r = post(alice_api, calendar, entry(jane, "2026/03/12 13:30:00", "2026/03/12 13:00:00"))
    assert r.json() == {
        "finalized_schedule": ["Meeting 1 (end_time): End time must be after start time."]
    }


def test_a_wall_clock_time_skipped_by_dst_is_refused(alice_api, alice):
    calendar = make_calendar(alice, tz="America/New_York", slots=())
    ann = contact(alice, "Ann")
    invite(calendar, ann, ("2026-03-08 00:00", "2026-03-08 05:00", 3))
    r = post(alice_api, calendar, entry(ann, "2026/03/08 02:30:00", "2026/03/08 03:30:00"))
    assert r.status_code == 400
    [error] = r.json()["finalized_schedule"]
    assert error.startswith("Meeting 1 (start_time): 2026-03-08 02:30 does not exist in America/")


def test_malformed_json_is_a_400(alice_api, round_):
    r = alice_api.generic(
        "POST", url(round_[0].pk), '{"finalized_schedule": [', content_type="application/json"
    )
    assert r.status_code == 400
    assert "JSON parse error" in r.json()["detail"]


def test_a_list_body_is_a_400(alice_api, round_):
    r = alice_api.post(url(round_[0].pk), [1, 2], format="json")
    assert r.status_code == 400
    assert r.json() == {"non_field_errors": ["Invalid data. Expected a dictionary, but got list."]}


def test_huge_lists_are_refused_before_any_work(alice_api, round_, django_assert_max_num_queries):
    calendar, jane, *_ = round_
    item = entry(jane, "2026/03/12 13:00:00", "2026/03/12 13:30:00")
    with django_assert_max_num_queries(1):
        r = post(alice_api, calendar, *([item] * 501))
    assert r.json() == {"finalized_schedule": ["A schedule holds at most 500 meetings."]}


# --- who may finalize ----------------------------------------------------------------


def test_anonymous_callers_get_401(api, round_):
    calendar, jane, *_ = round_
    r = post(api, calendar, entry(jane, "2026/03/12 13:00:00", "2026/03/12 13:30:00"))
    assert r.status_code == 401
    assert_nothing_happened(calendar)


def test_another_owner_gets_403_and_changes_nothing(api_as, bob, round_):
    calendar, jane, *_ = round_
    r = post(api_as(bob), calendar, entry(jane, "2026/03/12 13:00:00", "2026/03/12 13:30:00"))
    assert r.status_code == 403
    assert r.json() == {"detail": messages.CALENDAR_FORBIDDEN}
    assert_nothing_happened(calendar)


def test_a_missing_calendar_is_404(alice_api):
    r = alice_api.post(url(424242), {"finalized_schedule": []}, format="json")
    assert r.status_code == 404


def test_the_service_itself_rechecks_ownership(bob, round_):
    from config.errors import Forbidden

    calendar, jane, *_ = round_
    item = services.ProposedMeeting(
        contact_id=jane.pk, start=wall("2026-03-12 13:00", TZ), end=wall("2026-03-12 13:30", TZ)
    )
    with pytest.raises(Forbidden):
        services.calendar_finalize(calendar_id=calendar.pk, by=bob, schedule=[item])
    assert not Calendar.objects.get(pk=calendar.pk).finalized
