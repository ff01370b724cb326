"""The national picture: for national viewers (outside every organisation)
and, as totals only, for everyone. Figures only, never words or people."""

from __future__ import annotations

from django.shortcuts import render

from councils.tenancy import national_view

from ..selectors.national import national_picture


@national_view
def national(request):
    """The sharing organisations side by side and added up."""
    response = render(request, "reports/national/national.html", {"picture": national_picture()})
    response["Cache-Control"] = "private, no-store"
    return response


def public_national(request):
    """No sign-in: the totals, and how many organisations are behind them.
    Not cached: an organisation that stops sharing leaves at once."""
    response = render(
        request, "reports/national/public.html", {"picture": national_picture(), "public": True}
    )
    response["Cache-Control"] = "no-cache"
    return response
