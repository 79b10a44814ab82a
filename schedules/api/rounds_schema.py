"""OpenAPI descriptions of the error responses the rounds endpoints share."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField()


def detail(description: str) -> OpenApiResponse:
    """An error answered as {"detail": "..."}."""
    return OpenApiResponse(DetailSerializer, description=description)


def field_errors(description: str) -> OpenApiResponse:
    """DRF's validation errors: {"field": ["message", ...]} or {"non_field_errors": [...]}."""
    return OpenApiResponse(OpenApiTypes.OBJECT, description=description)


NOT_AUTHENTICATED = detail("Not authenticated (no or an invalid bearer token).")
