"""JSON API under /schedules/ (seed 004 paths, plus booking-page management)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from schedules.api import booking, booking_agenda, calendars, contacts, finalize, home, respond

urlpatterns: list = []

# --- rounds (seed 004) --------------------------------------------------------
contact_collection = contacts.ContactViewSet.as_view(
    {"get": "list", "post": "create", "patch": "update_contact", "delete": "delete_contact"}
)
urlpatterns += [
    path("home/", home.HomeApi.as_view(), name="api_round_home"),
    path("contacts/", contact_collection, name="api_contacts"),
    path("calendars/create/", calendars.CalendarCreateApi.as_view(), name="api_calendar_create"),
    path(
        "calendars/<int:calendar_id>/details/",
        calendars.CalendarDetailsApi.as_view(),
        name="api_calendar_details",
    ),
    path(
        "calendars/remind/<int:calendar_id>/<int:contact_id>/",
        calendars.RemindApi.as_view(),
        name="api_calendar_remind",
    ),
    path(
        "calendars/remind/<int:calendar_id>/<int:contact_id>",
        calendars.RemindNoSlashApi.as_view(),
    ),
    path(
        "calendars/<int:calendar_id>/respond/<str:token>/",
        respond.RespondApi.as_view(),
        name="api_round_respond",
    ),
    path(
        "calendars/<int:calendar_id>/respond/<str:token>",
        respond.RespondNoSlashApi.as_view(),
    ),
]

# --- finalize ------------------------------------------------------------------------
urlpatterns += [
    path(
        "calendars/<int:calendar_id>/confirm/",
        finalize.CalendarConfirmApi.as_view(),
        name="api_calendar_confirm",
    ),
]

# --- booking -----------------------------------------------------------------------
_booking_router = SimpleRouter()
_booking_router.register("booking-pages", booking.BookingPageViewSet, basename="booking-page")
_booking_router.register("appointments", booking_agenda.AppointmentViewSet, basename="appointment")
urlpatterns += [
    path("working-hours/", booking.WorkingHoursApi.as_view(), name="working_hours"),
    path("feed/", booking_agenda.AgendaFeedApi.as_view(), name="agenda_feed_settings"),
    *_booking_router.urls,
]
