"""OpenAPI descriptions of the error bodies the API answers with (one place for all modules)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers

DetailSerializer = inline_serializer("DetailResponse", {"detail": serializers.CharField()})
MessageSerializer = inline_serializer("MessageResponse", {"message": serializers.CharField()})
ErrorSerializer = inline_serializer("ErrorResponse", {"error": serializers.CharField()})


def detail(description: str) -> OpenApiResponse:
    """An error answered as {"detail": "..."}."""
    return OpenApiResponse(DetailSerializer, description=description)


def message(description: str) -> OpenApiResponse:
    """An error answered as {"message": "..."} (seed 001's public booking API)."""
    return OpenApiResponse(MessageSerializer, description=description)


def error(description: str) -> OpenApiResponse:
    """An error answered as {"error": "..."} (seed 004's respond endpoint)."""
    return OpenApiResponse(ErrorSerializer, description=description)


def field_errors(description: str) -> OpenApiResponse:
    """DRF's validation errors: {"field": ["message", ...]} or {"non_field_errors": [...]}."""
    return OpenApiResponse(OpenApiTypes.OBJECT, description=description)


NOT_AUTHENTICATED = detail("Not authenticated (no or an invalid bearer token).")
