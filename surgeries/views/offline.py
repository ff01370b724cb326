"""What lets the surgery page work with no signal: the service worker, the
product's own offline page, and short answers for the page's send queue.

The queue in the browser sends each saved tap and item with
``Accept: application/json`` and gets a small answer instead of a page, so it
knows whether the server has it (remove it from the phone), refused it (give
the words back to the rep), or did not answer (try again later)."""

from __future__ import annotations

import hashlib

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_GET

from councils.tenancy import org_view

from .. import access
from .common import require_anywhere

# What the surgery page needs to draw itself offline.
OFFLINE_ASSETS = [
    "build/app.css",
    "build/govuk-frontend.min.js",
    "js/app.mjs",
    "js/surgeries.mjs",
    "js/drafts.mjs",
    "js/queue.mjs",
]


def wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def json_saved(*, message: str, **extra) -> JsonResponse:
    return JsonResponse({"ok": True, "message": message, **extra})


def json_refused(form) -> JsonResponse:
    """400: the server will never take these words as they are; the page
    gives them back to the rep, beside the reasons."""
    errors = [str(e) for errors in form.errors.values() for e in errors]
    return JsonResponse({"ok": False, "errors": errors}, status=400)


@org_view
@require_GET
def surgery_service_worker(request):
    """Served under the organisation's address so that it may look after
    the surgery page and the feedback form; never cached by the browser's
    HTTP cache, so a new version is picked up on the next visit."""
    require_anywhere(request, "surgeries.log_feedback", access.REFUSE_LOG_FEEDBACK)
    org = request.organisation
    scope = reverse("org_home", args=[org.slug])
    assets = [static(path) for path in OFFLINE_ASSETS]
    body = render_to_string(
        "surgeries/sw.js",
        {
            "scope": scope,
            "offline_url": reverse("surgery_offline", args=[org.slug]),
            "assets": assets,
        },
    )
    version = hashlib.sha256(body.encode()).hexdigest()[:12]
    response = HttpResponse(
        body.replace("__VERSION__", version), content_type="application/javascript"
    )
    response["Service-Worker-Allowed"] = scope
    response["Cache-Control"] = "no-cache"
    return response


@org_view
@require_GET
def surgery_offline(request):
    """The product's own page for no signal, kept by the service worker."""
    require_anywhere(request, "surgeries.log_feedback", access.REFUSE_LOG_FEEDBACK)
    return render(request, "surgeries/offline.html")


__all__ = ["surgery_offline", "surgery_service_worker"]
