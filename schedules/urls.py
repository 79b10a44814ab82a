"""Public web pages and token endpoints: invitee responses, booking pages, feeds."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
