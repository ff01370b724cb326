"""What the logging configuration prints (settings.LOGGING, issue 15):
a 403 is one line (method, path, status, user id), printed once, with no
traceback and nothing a person typed; a server error still prints its
traceback, once. With DEBUG on, as in `make demo`, where Django's own console
handler used to print every warning a second time."""

from __future__ import annotations

import io
import logging
from contextlib import contextmanager

import pytest
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import Client
from django.urls import path
from django.utils.log import log_response

pytestmark = pytest.mark.django_db


def boom(request):
    raise RuntimeError("something broke")


urlpatterns = [path("boom/", boom)]


@contextmanager
def console(*logger_names: str):
    """Everything the configured handlers print for these loggers (and the
    loggers they pass records up to), as one text. pytest's own capturing
    handlers are left alone."""
    printed = io.StringIO()
    swapped = []
    for name in logger_names:
        logger = logging.getLogger(name)
        while logger is not None:
            for handler in logger.handlers:
                if not isinstance(handler, logging.StreamHandler):
                    continue
                if type(handler).__module__.startswith("_pytest"):
                    continue
                if any(handler is h for h, _ in swapped):
                    continue
                swapped.append((handler, handler.setStream(printed)))
            logger = logger.parent if logger.propagate else None
    try:
        yield printed
    finally:
        for handler, stream in swapped:
            handler.setStream(stream)


def lines_about(printed: io.StringIO, needle: str) -> list[str]:
    return [line for line in printed.getvalue().splitlines() if needle in line]


@pytest.fixture
def debug(settings):
    settings.DEBUG = True  # `make demo` runs with DEBUG=1


def test_a_refused_page_is_printed_once_on_one_line(debug, tenant_a, client_for):
    rep = tenant_a["rep"]
    page = f"/{tenant_a.organisation.slug}/audit/"
    with console("councils.refusals", "django.request") as printed:
        response = client_for(rep).get(page, {"q": "Bob Smith"})
    assert response.status_code == 403
    lines = lines_about(printed, page)
    assert len(lines) == 1, printed.getvalue()
    assert f"GET {page}" in lines[0]
    assert "status=403" in lines[0] and f"user={rep.pk}" in lines[0]
    assert "Traceback" not in printed.getvalue()
    assert "Bob" not in printed.getvalue()


def test_a_403_that_django_logs_is_one_line_once(debug, tenant_a, client_for):
    """A refused CSRF check is logged by Django itself, not by our middleware."""
    rep = tenant_a["rep"]
    client_for(rep)
    page = f"/{tenant_a.organisation.slug}/report-a-problem/"
    strict = Client(enforce_csrf_checks=True)
    strict.cookies = client_for(rep).cookies
    with console("django.security.csrf") as printed:
        response = strict.post(page, {"what": "My name is Bob Smith"})
    assert response.status_code == 403
    lines = lines_about(printed, page)
    assert len(lines) == 1, printed.getvalue()
    assert f"POST {page} status=403 user={rep.pk}" in lines[0]
    assert "Bob" not in printed.getvalue()


def test_a_permission_denied_outside_a_view_has_no_traceback(debug, rf, tenant_a, caplog):
    """Django logs a PermissionDenied that no view caught with its traceback;
    ours is one line."""
    rep = tenant_a["rep"]
    request = rf.get("/alpha/somewhere/", {"name": "Bob Smith"})
    request.user = rep
    with console("django.request") as printed, caplog.at_level(logging.INFO):
        try:
            raise PermissionDenied("not for you")
        except PermissionDenied as exception:
            log_response(
                "Forbidden (Permission denied): %s",
                request.path,
                response=HttpResponse(status=403),
                request=request,
                exception=exception,
            )
    assert (
        printed.getvalue()
        .strip()
        .endswith(f"refused GET /alpha/somewhere/ status=403 user={rep.pk}")
    )
    assert len(printed.getvalue().splitlines()) == 1, printed.getvalue()
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.exc_info is None
    assert "Bob" not in printed.getvalue()


def test_the_dev_servers_access_line_for_a_403_is_not_printed_again():
    server = logging.getLogger("django.server")
    with console("django.server") as printed:
        server.warning(
            '"%s" %s %s',
            "GET /alpha/audit/ HTTP/1.1",
            "403",
            "8008",
            extra={"status_code": 403, "server_time": "01/Dec/2026 09:45:04"},
        )
        server.info(
            '"%s" %s %s',
            "GET /alpha/ HTTP/1.1",
            "200",
            "8008",
            extra={"status_code": 200, "server_time": "01/Dec/2026 09:45:05"},
        )
    assert lines_about(printed, "/alpha/audit/") == []
    assert len(lines_about(printed, "GET /alpha/ HTTP/1.1")) == 1


@pytest.mark.urls(__name__)
def test_a_server_error_still_prints_its_traceback_once(debug):
    with console("django.request") as printed:
        response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    text = printed.getvalue()
    assert text.count("Traceback (most recent call last)") == 1, text
    assert "RuntimeError: something broke" in text
    assert len(lines_about(printed, "Internal Server Error: /boom/")) == 1
