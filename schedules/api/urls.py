"""JSON API under /schedules/ (seed 004 paths, plus booking-page management)."""

from django.urls import path

from schedules.api import finalize

urlpatterns: list = []

# --- finalize ------------------------------------------------------------------------
urlpatterns += [
    path(
        "calendars/<int:calendar_id>/confirm/",
        finalize.CalendarConfirmApi.as_view(),
        name="calendar-confirm",
    ),
]
