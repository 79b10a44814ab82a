"""JSON API under /schedules/ (seed 004 paths, plus booking-page management)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from schedules.api import booking, booking_agenda

urlpatterns: list = []

# --- booking -----------------------------------------------------------------------
_booking_router = SimpleRouter()
_booking_router.register("booking-pages", booking.BookingPageViewSet, basename="booking-page")
_booking_router.register("appointments", booking_agenda.AppointmentViewSet, basename="appointment")
urlpatterns += [
    path("working-hours/", booking.WorkingHoursApi.as_view(), name="working_hours"),
    path("feed/", booking_agenda.AgendaFeedApi.as_view(), name="agenda_feed_settings"),
    *_booking_router.urls,
]
