"""JSON API under /schedules/: seed 004's paths, then booking pages and the agenda."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from schedules.api import (
    agenda,
    booking_pages,
    contacts,
    feed,
    finalize,
    home,
    respond,
    rounds,
    working_hours,
)

contact_collection = contacts.ContactViewSet.as_view(
    {"get": "list", "post": "create", "patch": "update_contact", "delete": "delete_contact"}
)
router = SimpleRouter()
router.register("booking-pages", booking_pages.BookingPageViewSet, basename="booking-page")
router.register("appointments", agenda.AppointmentViewSet, basename="appointment")

# Seed 004 writes the remind and respond paths without their trailing slash; both work.
urlpatterns = [
    path("home/", home.HomeApi.as_view(), name="api_round_home"),
    path("contacts/", contact_collection, name="api_contacts"),
    path("calendars/create/", rounds.CalendarCreateApi.as_view(), name="api_calendar_create"),
    path(
        "calendars/<int:calendar_id>/details/",
        rounds.CalendarDetailsApi.as_view(),
        name="api_calendar_details",
    ),
    path(
        "calendars/remind/<int:calendar_id>/<int:contact_id>/",
        rounds.RemindApi.as_view(),
        name="api_calendar_remind",
    ),
    path("calendars/remind/<int:calendar_id>/<int:contact_id>", rounds.RemindNoSlashApi.as_view()),
    path(
        "calendars/<int:calendar_id>/respond/<str:token>/",
        respond.RespondApi.as_view(),
        name="api_round_respond",
    ),
    path("calendars/<int:calendar_id>/respond/<str:token>", respond.RespondNoSlashApi.as_view()),
    path(
        "calendars/<int:calendar_id>/confirm/",
        finalize.CalendarConfirmApi.as_view(),
        name="api_calendar_confirm",
    ),
    path("working-hours/", working_hours.WorkingHoursApi.as_view(), name="working_hours"),
    path("feed/", feed.AgendaFeedApi.as_view(), name="agenda_feed_settings"),
    *router.urls,
]
