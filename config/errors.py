"""One application error type, mapped to HTTP by one exception handler.

Services raise ``ApplicationError`` (or a subclass) with a message a person can
act on; the API layer never builds error responses by hand.
"""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions as drf_exceptions
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler

from config import messages

logger = logging.getLogger(__name__)


class ApplicationError(Exception):
    """A business rule refused the request (400 unless a subclass says otherwise)."""

    status_code = 400

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(ApplicationError):
    status_code = 404


class Forbidden(ApplicationError):
    status_code = 403


class Unauthorized(ApplicationError):
    status_code = 401


class Conflict(ApplicationError):
    """The request is valid but collides with something already there."""

    status_code = 409


def exception_handler(exc, context):
    """Render every error as JSON; views may name the key their seed expects.

    A view with ``error_key = "message"`` (seed 001) or ``"error"`` (seed 004's
    respond endpoint) gets ``{"message": "..."}``; the default is ``"detail"``,
    as DRF does. Field errors keep DRF's ``{"field": ["..."]}`` shape.
    """
    key = getattr(context.get("view"), "error_key", "detail")
    if isinstance(exc, ApplicationError):
        data = {exc.field: [exc.message]} if exc.field else {key: exc.message}
        return Response(data, status=exc.status_code)
    if isinstance(exc, DjangoValidationError):
        exc = drf_exceptions.ValidationError(as_serializer_error(exc))
    response = drf_exception_handler(exc, context)
    if response is None:
        logger.exception("Unhandled error in %s", context.get("view"), exc_info=exc)
        return Response(
            {key: messages.SERVER_ERROR},
            status=500,
        )
    if key != "detail" and isinstance(response.data, dict) and "detail" in response.data:
        response.data = {key: response.data["detail"]}
    return response
