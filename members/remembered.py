"""Small helpers for pages that remember their rows (councils.freshness):
the parts of a key taken from a request or a scope, and the page links of a
list whose rows were remembered."""

from __future__ import annotations

from django.core.paginator import Page, Paginator


def page_number(request, param: str = "page") -> int:
    """The page asked for, as ``Paginator.get_page`` reads it: anything that
    is not a whole number is page 1 (a number past the end is the last)."""
    try:
        return int(request.GET.get(param))
    except (TypeError, ValueError):
        return 1


def scope_key(ids: set[int] | None) -> tuple[int, ...] | None:
    """Council ids from the permission helpers, for a key: None is all."""
    return None if ids is None else tuple(sorted(ids))


def page_of(count: int, per_page: int, number: int) -> Page:
    """A page of ``count`` rows with nothing in it but what the page links
    (components/pagination.html) and ``{% if page %}`` ask: its number, how
    many pages, and how many rows it holds."""
    return Paginator(range(count), per_page).get_page(number)
