"""JSON API under /schedules/ (seed 004 paths, plus booking-page management)."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
