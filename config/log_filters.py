"""Logging filters named in settings.LOGGING.

A refusal (403) is an everyday event, not an error: it is logged once, on
one line, with the method, path, status and user id, and no traceback.
A refusal from a view is logged by ``councils.middleware.RefusalMiddleware``;
any other 403 (a CSRF failure, a PermissionDenied raised outside a view) is
logged by Django, and this module shortens it to the same kind of line.
Server errors (500) are left alone: their traceback is what fixes them.
"""

from __future__ import annotations

import logging

FORBIDDEN = 403


def _user_id(request) -> str:
    user = getattr(request, "user", None)
    if user is not None and getattr(user, "is_authenticated", False):
        return str(user.pk)
    return "anonymous"


class OneLineRefusal(logging.Filter):
    """On Django's request loggers (``django.request``,
    ``django.security.csrf``): a 403 becomes one line without a traceback.
    Only the user's id is written: no name, no query string, no form data."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) != FORBIDDEN:
            return True
        request = getattr(record, "request", None)
        method = getattr(request, "method", "-")
        path = getattr(request, "path", "-")
        record.msg = "refused %s %s status=%s user=%s"
        record.args = (method, path, FORBIDDEN, _user_id(request))
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return True


class NoRefusalAccessLine(logging.Filter):
    """On the development server's access log (``django.server``): a 403 was
    already logged by the app, with the user's id, so its access line would
    print it a second time."""

    def filter(self, record: logging.LogRecord) -> bool:
        return getattr(record, "status_code", None) != FORBIDDEN
