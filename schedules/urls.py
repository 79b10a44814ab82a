"""Public web pages and token endpoints: invitee responses, booking pages, feeds."""

from django.urls import path, re_path

from schedules.api import feed, public_booking
from schedules.views import booking, respond

urlpatterns: list = []

# --- rounds -------------------------------------------------------------------
urlpatterns += [
    path(
        "calendars/<int:calendar_id>/respond/<str:token>/",
        respond.respond_page,
        name="round_respond_page",
    ),
]

# --- booking -----------------------------------------------------------------------
# Seed 001 writes /schedule, /cancel/<id>, /reschedule/<id> without a trailing slash;
# both spellings are accepted. Ids are capped at 18 digits (a bigint).
_ID = r"(?P<appointment_id>[0-9]{1,18})"
urlpatterns += [
    path("book/<slug:slug>/", booking.booking_page, name="booking_page"),
    path("book/<slug:slug>/manage/<str:token>/", booking.booking_manage, name="booking_manage"),
    path("book/<slug:slug>/slots/", public_booking.BookingSlotsApi.as_view(), name="booking_slots"),
    re_path(
        r"^book/(?P<slug>[-a-zA-Z0-9_]+)/schedule/?$",
        public_booking.BookingScheduleApi.as_view(),
        name="booking_schedule",
    ),
    re_path(
        rf"^book/(?P<slug>[-a-zA-Z0-9_]+)/cancel/{_ID}/?$",
        public_booking.BookingCancelApi.as_view(),
        name="booking_cancel",
    ),
    re_path(
        rf"^book/(?P<slug>[-a-zA-Z0-9_]+)/reschedule/{_ID}/?$",
        public_booking.BookingRescheduleApi.as_view(),
        name="booking_reschedule",
    ),
    path("feeds/<str:token>.ics", feed.AgendaFeedIcsApi.as_view(), name="agenda_feed"),
]
