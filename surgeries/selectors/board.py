"""The feedback board: a council's feedback in a period, counted by theme and
compared with the period before."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from councils.models import Council
from councils.periods import Period

from ..models import FeedbackItem, FeedbackSelection, Theme

# The columns ``{% item_meta %}`` reads: the line under an item on every list.
ITEM_LINE = (
    "kind",
    "received_on",
    "channel",
    "follow_up",
    "surgery__site__name",
    "site__name",
)
# And what the board shows besides.
BOARD_ITEM = ("public_id", "said", "suggestion", *ITEM_LINE)


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
    items = (
        base.filter(received_on__gte=period.start, received_on__lte=period.end)
        .select_related("theme", "site", "surgery__site")
        # Only what the board shows of each item (``ITEM_LINE``): an item has
        # thirty columns, and reading them all was a quarter of the query's
        # time in Python.
        .only(*BOARD_ITEM, "theme__public_id", "theme__name")
        .annotate(is_selected=Exists(selected))
        .order_by("theme__position", "theme__name", "-received_on", "-created_at")
    )
    return {
        "theme_counts": counts,
        "total": sum(c.current for c in counts),
        "previous_total": sum(c.previous for c in counts),
        "items": items,
        # How many ``items`` holds, from the counts above: a paginator needs
        # no COUNT query of its own.
        "item_count": sum(row["current"] for row in by_theme.values()),
    }
