"""The feedback board: a council's feedback in a period, counted by theme and
compared with the period before."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet

from councils.models import Council, Site
from councils.periods import Period

from ..models import FeedbackItem, FeedbackSelection, Theme

# The columns ``{% item_meta %}`` reads: the line under an item on every
# list (with ``SURGERY_SITE_NAME``, and the item's site selected).
ITEM_LINE = ("kind", "received_on", "channel", "follow_up", "surgery", "site__name")
# The name of the place of an item's surgery, without reading the surgery.
SURGERY_SITE_NAME = {"surgery_site_name": F("surgery__site__name")}
# What the board shows of an item besides its theme and places.
BOARD_ITEM = ("public_id", "said", "suggestion", "kind", "received_on", "channel", "follow_up")


@dataclass
class ThemeCount:
    theme: Theme
    current: int
    previous: int

    @property
    def change(self) -> int:
        return self.current - self.previous

    @property
    def size_of_change(self) -> int:
        return abs(self.change)

    @property
    def trend(self) -> str:
        if self.previous == 0 and self.current:
            return "new"
        if self.change > 0:
            return "up"
        if self.change < 0:
            return "down"
        return "same"


def _filtered(items: QuerySet[FeedbackItem], filters: dict) -> QuerySet[FeedbackItem]:
    for name in ("site", "channel", "kind", "surgery", "theme"):
        if filters.get(name):
            items = items.filter(**{name: filters[name]})
    return items


def _counts_by_theme(items: QuerySet[FeedbackItem], period: Period) -> dict[int, dict]:
    """Items per theme id in ``period`` (``current``) and in the period
    before (``previous``), in one query."""
    previous = period.previous()
    # Counting received_on (never empty), not the id: the organisation's
    # index on (theme, received_on) then answers alone, without reading the
    # rows themselves.
    rows = (
        items.filter(received_on__gte=previous.start, received_on__lte=period.end)
        .values("theme_id")
        .annotate(
            current=Count("received_on", filter=Q(received_on__gte=period.start)),
            previous=Count(
                "received_on",
                filter=Q(received_on__gte=previous.start, received_on__lte=previous.end),
            ),
        )
        .order_by()
    )
    return {row["theme_id"]: row for row in rows}


def _theme_counts(by_theme: dict[int, dict], themes: list[Theme]) -> list[ThemeCount]:
    return [
        ThemeCount(theme, by_theme[theme.pk]["current"], by_theme[theme.pk]["previous"])
        for theme in themes
        if theme.pk in by_theme
        and (by_theme[theme.pk]["current"] or by_theme[theme.pk]["previous"])
    ]


def theme_counts(
    items: QuerySet[FeedbackItem], themes: list[Theme], period: Period
) -> list[ThemeCount]:
    """Items per theme in ``period`` and in the period before, in one query.
    Themes with nothing in either period are left out."""
    return _theme_counts(_counts_by_theme(items, period), themes)


def feedback_board(
    *, user, council: Council, period: Period, filters: dict, themes: list[Theme] | None = None
) -> dict:
    """Everything the feedback board shows for one council: counts per theme
    with the trend, and the items themselves, grouped by theme. ``themes``:
    the organisation's, when the caller has already read them."""
    if themes is None:
        themes = list(Theme.objects.filter(organisation_id=council.organisation_id))
    base = _filtered(
        FeedbackItem.objects.filter(organisation_id=council.organisation_id, council=council),
        filters,
    )
    by_theme = _counts_by_theme(base, period)
    counts = _theme_counts(by_theme, themes)
    selected = FeedbackSelection.objects.filter(user=user, council=council, item=OuterRef("pk"))
    items = _board_items(base, period).annotate(is_selected=Exists(selected))
    return {
        "theme_counts": counts,
        "total": sum(c.current for c in counts),
        "previous_total": sum(c.previous for c in counts),
        "items": items,
        # How many ``items`` holds, from the counts above: a paginator needs
        # no COUNT query of its own.
        "item_count": sum(row["current"] for row in by_theme.values()),
    }


def _board_items(base: QuerySet[FeedbackItem], period: Period) -> QuerySet[FeedbackItem]:
    return (
        base.filter(received_on__gte=period.start, received_on__lte=period.end)
        # Only what the board shows of each item: an item has thirty columns,
        # and reading them all was a quarter of the query's time in Python.
        # Its theme and place are the page's own (``with_themes_and_places``),
        # not joined again; a surgery's place is only named.
        .only(*BOARD_ITEM, "theme_id", "site_id", "surgery_id")
        .annotate(**SURGERY_SITE_NAME)
        .order_by("theme__position", "theme__name", "-received_on", "-created_at")
    )


def board_items(*, council: Council, period: Period, filters: dict) -> QuerySet[FeedbackItem]:
    """The board's items as ``feedback_board`` gives them, without whether
    one person picked each (``picked_among``): the same for everyone who may
    read the council's feedback."""
    base = _filtered(
        FeedbackItem.objects.filter(organisation_id=council.organisation_id, council=council),
        filters,
    )
    return _board_items(base, period)


def picked_among(user, council: Council, item_ids: list[int]) -> set[int]:
    """Which of these items the person has picked as evidence."""
    return set(
        FeedbackSelection.objects.filter(
            user=user, council=council, item_id__in=item_ids
        ).values_list("item_id", flat=True)
    )


def with_themes_and_places(
    items: Iterable[FeedbackItem], themes: list[Theme], sites: list[Site]
) -> list[FeedbackItem]:
    """The board's items with their theme and place set from the
    organisation's themes and sites, which the page's filters have read
    already. (One not among them would be read on its own.)"""
    themes_by_id = {theme.pk: theme for theme in themes}
    sites_by_id = {site.pk: site for site in sites}
    items = list(items)
    for item in items:
        if item.theme_id in themes_by_id:
            item.theme = themes_by_id[item.theme_id]
        if item.site_id in sites_by_id:
            item.site = sites_by_id[item.site_id]
    return items
