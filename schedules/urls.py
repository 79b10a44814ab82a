"""Public web pages and token endpoints: invitee responses, booking pages, feeds."""

from django.urls import path

from schedules.views import respond

urlpatterns: list = []

# --- rounds -------------------------------------------------------------------
urlpatterns += [
    path(
        "calendars/<int:calendar_id>/respond/<str:token>/",
        respond.respond_page,
        name="round_respond_page",
    ),
]
