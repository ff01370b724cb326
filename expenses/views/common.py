"""What the expenses views share: fetching a claim of the organisation by its
public id (404 for any other) and checking that the person may see it."""

from __future__ import annotations

import csv
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _

from .. import access, selectors
from ..models import Claim


def claim_or_404(request, claim_id: str) -> Claim:
    claim = selectors.claim_for_page(request.organisation, claim_id)
    if claim is None:
        raise Http404("No such claim.")
    if not access.may_view_claim(request.user, claim):
        raise PermissionDenied(_("Only the rep, their coordinators and finance can see a claim."))
    return claim


def deny_unless(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def csv_download(name: str, header: list[str], rows: Iterable[list], total: list) -> HttpResponse:
    """A CSV file for the finance system: a header row, one row per claim or
    payment, and a total row; never kept by a browser or proxy cache."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    writer.writerow(total)
    return response
