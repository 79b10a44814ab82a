"""Site-wide pages: the landing page and error handlers that speak JSON to API clients."""

from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import render
from django.views.defaults import page_not_found as html_page_not_found
from django.views.defaults import server_error as html_server_error

from config import messages


def home(request):
    return render(request, "home.html")


def _wants_html(request) -> bool:
    return "text/html" in request.headers.get("Accept", "")


def page_not_found(request, exception):
    if _wants_html(request):
        return html_page_not_found(request, exception)
    return JsonResponse({"detail": "Not found."}, status=404)


def server_error(request):
    if _wants_html(request):
        return html_server_error(request)
    return JsonResponse({"detail": messages.SERVER_ERROR}, status=500)
