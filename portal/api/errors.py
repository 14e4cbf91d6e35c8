"""Errors of the API as JSON in the visitor's language (settings.REST_FRAMEWORK's handler)."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.views import exception_handler


def handle_exception(exc, context):
    """DRF's handler with the project's wording: every error is ``{"detail": "..."}`` in the
    visitor's language, and a 400 adds ``"errors"``: the messages by parameter."""
    if isinstance(exc, exceptions.Throttled):
        seconds = max(1, round(exc.wait or 1))
        exc.detail = _(
            "Too many requests from your address. Please try again in %(seconds)d seconds."
        ) % {"seconds": seconds}
    elif isinstance(exc, exceptions.MethodNotAllowed):
        exc.detail = _("This API only reads: use GET.")
    elif isinstance(exc, exceptions.NotAcceptable):
        exc.detail = _("This API answers in JSON only (Accept: application/json).")
    elif isinstance(exc, exceptions.NotFound | Http404):
        exc = exceptions.NotFound(_("No public item has this address."))
    response = exception_handler(exc, context)
    if response is not None and isinstance(exc, exceptions.ValidationError):
        errors = response.data if isinstance(response.data, dict) else {"": response.data}
        response.data = {"detail": _("The request has an invalid parameter."), "errors": errors}
    return response
