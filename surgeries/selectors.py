"""Reads for surgeries and feedback, always scoped to one organisation.

Raw feedback (the words people said) is read only for councils where the
person holds ``surgeries.view_raw_feedback``. Staff summaries read counts and
approved quotes only, and demographic breakdowns are suppressed under 5.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import TruncMonth
from django.utils import timezone

from councils.models import Council, Organisation, Role, RoleAssignment, Site
from councils.permissions import council_ids_where
from members.bands import AgeBand, Ethnicity, Gender, OrderType

from .models import FeedbackItem, FeedbackSelection, Surgery, Theme

User = get_user_model()

SUPPRESSION_THRESHOLD = 5
SUPPRESSED_LABEL = "fewer than 5"


# ---------------------------------------------------------------- councils


def councils_where(user, organisation: Organisation, perm: str) -> QuerySet[Council]:
    """The active councils of the organisation where the user holds ``perm``."""
    ids = council_ids_where(user, organisation, perm)
    councils = Council.objects.filter(organisation=organisation, is_active=True)
    return councils if ids is None else councils.filter(id__in=ids)


def _role_holders(council: Council, role: str) -> QuerySet:
    """People holding ``role`` over this council: on the council itself, its
    region, or the whole organisation."""
    today = timezone.localdate()
    covering = (
        RoleAssignment.objects.active(today)
        .filter(organisation_id=council.organisation_id, role=role)
        .filter(
            Q(council_id=council.pk)
            | Q(region_id=council.region_id)
            | Q(council__isnull=True, region__isnull=True)
        )
    )
    return User.objects.filter(is_active=True, pk__in=covering.values("user_id")).order_by(
        "display_name", "username"
    )


def reps_of_council(council: Council) -> QuerySet:
    return _role_holders(council, Role.REP)


def coordinators_of_council(council: Council) -> QuerySet:
    return _role_holders(council, Role.COORDINATOR)


def sites_for_org(organisation: Organisation) -> QuerySet[Site]:
    return Site.objects.filter(organisation=organisation, is_active=True).order_by("name")


def themes_for_org(organisation: Organisation, *, include_retired: bool = False) -> QuerySet[Theme]:
    themes = Theme.objects.filter(organisation=organisation)
    return themes if include_retired else themes.filter(is_active=True)


def themes_with_use(organisation: Organisation) -> QuerySet[Theme]:
    """Every theme, retired ones too, with how many items use it."""
    return Theme.objects.filter(organisation=organisation).annotate(
        item_count=Count("feedback_items")
    )


# ---------------------------------------------------------------- surgeries


def _surgeries(organisation: Organisation, council_ids: set[int] | None) -> QuerySet[Surgery]:
    surgeries = (
        Surgery.objects.filter(organisation=organisation)
        .select_related("council", "site")
        .prefetch_related(Prefetch("reps", queryset=User.objects.order_by("display_name")))
        .annotate(item_count=Count("feedback_items", distinct=True))
    )
    if council_ids is not None:
        surgeries = surgeries.filter(council_id__in=council_ids)
    return surgeries


def surgeries_planned_for(user, organisation: Organisation) -> QuerySet[Surgery]:
    """Today's and upcoming surgeries the person is going to, soonest first."""
    today = timezone.localdate()
    return (
        _surgeries(organisation, None)
        .filter(reps=user, date__gte=today, cancelled_at__isnull=True)
        .order_by("date", "starts_at")
    )


def surgeries_coming_up_for(user, organisation: Organisation, limit: int = 4) -> list[Surgery]:
    """For the home page: the next few surgeries the person is going to."""
    today = timezone.localdate()
    return list(
        Surgery.objects.filter(
            organisation=organisation, reps=user, date__gte=today, cancelled_at__isnull=True
        )
        .select_related("site")
        .order_by("date", "starts_at")[:limit]
    )


def surgeries_today_for(user, organisation: Organisation) -> list[Surgery]:
    today = timezone.localdate()
    return list(surgeries_planned_for(user, organisation).filter(date=today))


def surgeries_in_councils(
    organisation: Organisation, council_ids: set[int] | None, *, upcoming: bool
) -> QuerySet[Surgery]:
    """Upcoming surgeries soonest first, or past ones latest first."""
    today = timezone.localdate()
    surgeries = _surgeries(organisation, council_ids)
    if upcoming:
        return surgeries.filter(date__gte=today).order_by("date", "starts_at")
    return surgeries.filter(date__lt=today).order_by("-date", "-starts_at")


def surgery_for_page(organisation: Organisation, public_id: str) -> Surgery | None:
    return _surgeries(organisation, None).filter(public_id=public_id).first()


def feedback_at_surgery(surgery: Surgery) -> QuerySet[FeedbackItem]:
    return (
        FeedbackItem.objects.filter(organisation_id=surgery.organisation_id, surgery=surgery)
        .select_related("theme")
        .order_by("-created_at")
    )


# ---------------------------------------------------------------- feedback


def feedback_for_council(council: Council) -> QuerySet[FeedbackItem]:
    return FeedbackItem.objects.filter(
        organisation_id=council.organisation_id, council=council
    ).select_related("theme", "site", "surgery", "surgery__site", "council")


def feedback_item_for_page(organisation: Organisation, public_id: str) -> FeedbackItem | None:
    return (
        FeedbackItem.objects.filter(organisation=organisation, public_id=public_id)
        .select_related(
            "council", "council__region", "theme", "site", "surgery", "surgery__site", "logged_by"
        )
        .first()
    )


def open_follow_ups(organisation: Organisation, council_ids: set[int] | None):
    items = (
        FeedbackItem.objects.filter(organisation=organisation, follow_up_closed_at__isnull=True)
        .exclude(follow_up="")
        .select_related("council", "theme", "site", "surgery", "surgery__site", "logged_by")
        .annotate(
            urgency=Case(
                When(follow_up=FeedbackItem.FollowUp.SAFEGUARDING, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("urgency", "created_at")  # safeguarding first, then oldest first
    )
    return items if council_ids is None else items.filter(council_id__in=council_ids)


def recently_closed_follow_ups(organisation: Organisation, council_ids: set[int] | None):
    items = (
        FeedbackItem.objects.filter(organisation=organisation, follow_up_closed_at__isnull=False)
        .select_related("council", "theme", "follow_up_closed_by")
        .order_by("-follow_up_closed_at")
    )
    return items if council_ids is None else items.filter(council_id__in=council_ids)


def quotes_to_review(organisation: Organisation, council_ids: set[int] | None):
    items = (
        FeedbackItem.objects.filter(
            organisation=organisation, consent_to_quote=True, quote_status=""
        )
        .select_related("council", "theme", "site", "surgery", "surgery__site")
        .order_by("received_on", "created_at")
    )
    return items if council_ids is None else items.filter(council_id__in=council_ids)


def selected_feedback_for(user, council: Council) -> QuerySet[FeedbackItem]:
    """The items this person has picked as evidence for a proposal, for one
    council. Used by the proposals app ("Draft a proposal from these").

    Empty if the person may no longer read the council's raw feedback."""
    if not user.is_authenticated or not user.has_perm("surgeries.view_raw_feedback", council):
        return FeedbackItem.objects.none()
    return (
        FeedbackItem.objects.filter(
            organisation_id=council.organisation_id,
            council=council,
            selections__user=user,
            selections__council=council,
        )
        .select_related("theme", "site", "surgery", "surgery__site")
        .order_by("theme__position", "theme__name", "-received_on")
    )


def selection_count(user, council: Council) -> int:
    return FeedbackSelection.objects.filter(user=user, council=council).count()


# ---------------------------------------------------------------- periods


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive
    label: str

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period to compare with: the quarter before a whole quarter; the
        same days of the quarter before for a quarter so far; otherwise the
        same number of days just before."""
        end = self.start - dt.timedelta(days=1)
        if _is_quarter(self.start, self.end):
            start = _quarter_start(end)
            return Period(start, end, f"the quarter before ({_dates_label(start, end)})")
        if self.start == _quarter_start(self.start) and self.end < _quarter_end(self.start):
            start = _quarter_start(end)
            end = start + dt.timedelta(days=self.days - 1)
            return Period(
                start, end, f"the same weeks of the quarter before ({_dates_label(start, end)})"
            )
        start = end - dt.timedelta(days=self.days - 1)
        return Period(start, end, f"the {self.days} days before ({_dates_label(start, end)})")


def _quarter_start(day: dt.date) -> dt.date:
    return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def _quarter_end(day: dt.date) -> dt.date:
    start = _quarter_start(day)
    month = start.month + 3
    year = start.year + (month > 12)
    month = month - 12 if month > 12 else month
    return dt.date(year, month, 1) - dt.timedelta(days=1)


def _is_quarter(start: dt.date, end: dt.date) -> bool:
    return start == _quarter_start(start) and end == _quarter_end(start)


def _dates_label(start: dt.date, end: dt.date) -> str:
    return f"{start:%-d %B %Y} to {end:%-d %B %Y}"


PERIOD_CHOICES = [
    ("last-4-weeks", "Last 4 weeks"),
    ("last-3-months", "Last 3 months"),
    ("this-quarter", "This quarter so far"),
    ("last-quarter", "Last quarter"),
    ("last-6-months", "Last 6 months"),
    ("last-12-months", "Last 12 months"),
]


def period_named(name: str, today: dt.date | None = None) -> Period:
    today = today or timezone.localdate()
    if name == "last-4-weeks":
        start = today - dt.timedelta(days=27)
        return Period(start, today, "the last 4 weeks")
    if name == "last-quarter":
        end = _quarter_start(today) - dt.timedelta(days=1)
        start = _quarter_start(end)
        return Period(start, end, f"last quarter ({_dates_label(start, end)})")
    if name == "last-3-months":
        start = today - dt.timedelta(days=90)
        return Period(start, today, "the last 3 months")
    if name == "last-6-months":
        start = today - dt.timedelta(days=182)
        return Period(start, today, "the last 6 months")
    if name == "last-12-months":
        start = today.replace(year=today.year - 1) + dt.timedelta(days=1)
        return Period(start, today, "the last 12 months")
    if name == "this-quarter":
        start = _quarter_start(today)
        return Period(start, today, f"this quarter so far ({_dates_label(start, today)})")
    raise ValueError(f"No period called {name!r}")


def custom_period(start: dt.date, end: dt.date) -> Period:
    return Period(start, end, _dates_label(start, end))


# ---------------------------------------------------------------- board


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
    if filters.get("site"):
        items = items.filter(site=filters["site"])
    if filters.get("channel"):
        items = items.filter(channel=filters["channel"])
    if filters.get("kind"):
        items = items.filter(kind=filters["kind"])
    if filters.get("surgery"):
        items = items.filter(surgery=filters["surgery"])
    if filters.get("theme"):
        items = items.filter(theme=filters["theme"])
    return items


def theme_counts(
    items: QuerySet[FeedbackItem], themes: list[Theme], period: Period
) -> list[ThemeCount]:
    """Items per theme in ``period`` and in the period before, in one query.
    Themes with nothing in either period are left out."""
    previous = period.previous()
    rows = (
        items.filter(received_on__gte=previous.start, received_on__lte=period.end)
        .values("theme_id")
        .annotate(
            current=Count("id", filter=Q(received_on__gte=period.start)),
            previous=Count(
                "id", filter=Q(received_on__gte=previous.start, received_on__lte=previous.end)
            ),
        )
        .order_by()
    )
    by_theme = {row["theme_id"]: row for row in rows}
    return [
        ThemeCount(theme, by_theme[theme.pk]["current"], by_theme[theme.pk]["previous"])
        for theme in themes
        if theme.pk in by_theme
        and (by_theme[theme.pk]["current"] or by_theme[theme.pk]["previous"])
    ]


def feedback_board(*, user, council: Council, period: Period, filters: dict) -> dict:
    """Everything the feedback board shows for one council: counts per theme
    with the trend, and the items themselves, grouped by theme."""
    themes = list(Theme.objects.filter(organisation_id=council.organisation_id))
    base = _filtered(
        FeedbackItem.objects.filter(organisation_id=council.organisation_id, council=council),
        filters,
    )
    counts = theme_counts(base, themes, period)
    selected = FeedbackSelection.objects.filter(user=user, council=council, item=OuterRef("pk"))
    items = (
        base.filter(received_on__gte=period.start, received_on__lte=period.end)
        .select_related("theme", "site", "surgery", "surgery__site")
        .annotate(is_selected=Exists(selected))
        .order_by("theme__position", "theme__name", "-received_on", "-created_at")
    )
    return {
        "theme_counts": counts,
        "total": sum(c.current for c in counts),
        "previous_total": sum(c.previous for c in counts),
        "items": items,
    }


# ---------------------------------------------------------------- summary


def suppress_small_counts(rows: list[tuple[str, int]]) -> list[dict]:
    """Demographic counts with anything from 1 to 4 shown as "fewer than 5".

    If only one number would be hidden, the next smallest is hidden too, so
    that it cannot be worked out from the total."""
    result = [
        {"label": label, "count": count, "suppressed": 0 < count < SUPPRESSION_THRESHOLD}
        for label, count in rows
    ]
    hidden = [r for r in result if r["suppressed"]]
    shown = [r for r in result if not r["suppressed"] and r["count"] > 0]
    if len(hidden) == 1 and shown:
        min(shown, key=lambda r: r["count"])["suppressed"] = True
    for r in result:
        r["display"] = SUPPRESSED_LABEL if r["suppressed"] else str(r["count"])
    return result


DEMOGRAPHICS = [
    ("gender", "Gender", Gender),
    ("age_band", "Age", AgeBand),
    ("ethnicity", "Ethnicity", Ethnicity),
    ("order_type", "Order or licence", OrderType),
]


def _demographics(items: QuerySet[FeedbackItem]) -> list[dict]:
    """Each band's count, computed in the database: one query for all four."""
    aggregates = {}
    for field, _label, choices in DEMOGRAPHICS:
        for value in choices.values:
            aggregates[f"{field}__{value}"] = Count("id", filter=Q(**{field: value}))
        aggregates[f"{field}__"] = Count("id", filter=Q(**{field: ""}))
    totals = items.aggregate(**aggregates)
    tables = []
    for field, label, choices in DEMOGRAPHICS:
        rows = [(name, totals.get(f"{field}__{value}", 0)) for value, name in choices.choices]
        rows.append(("Not recorded", totals.get(f"{field}__", 0)))
        tables.append({"field": field, "label": label, "rows": suppress_small_counts(rows)})
    return tables


def feedback_summary(
    *, organisation: Organisation, council_ids: set[int] | None, period: Period
) -> dict:
    """What staff may see: counts by theme, site, month and channel; reach;
    demographics with small numbers hidden; approved quotes. Never the words
    people said, unless a coordinator approved them as a quote."""
    items = FeedbackItem.objects.filter(organisation=organisation)
    surgeries = Surgery.objects.filter(organisation=organisation, cancelled_at__isnull=True)
    if council_ids is not None:
        items = items.filter(council_id__in=council_ids)
        surgeries = surgeries.filter(council_id__in=council_ids)
    in_period = items.filter(received_on__gte=period.start, received_on__lte=period.end)
    themes = list(Theme.objects.filter(organisation=organisation))
    reach = surgeries.filter(date__gte=period.start, date__lte=period.end).aggregate(
        surgeries=Count("id"),
        approached=Sum("people_approached"),
        engaged=Sum("people_engaged"),
        declined=Sum("people_declined"),
    )
    by_site = list(
        in_period.values("site__name").annotate(count=Count("id")).order_by("-count", "site__name")
    )
    by_month = list(
        in_period.annotate(month=TruncMonth("received_on"))
        .values("month")
        .annotate(count=Count("id"))
        .order_by("month")
    )
    channel_labels = dict(FeedbackItem.Channel.choices)
    by_channel = [
        {"label": channel_labels.get(row["channel"], row["channel"]), "count": row["count"]}
        for row in in_period.values("channel").annotate(count=Count("id")).order_by("-count")
    ]
    kind_counts = in_period.aggregate(
        total=Count("id"),
        problems=Count("id", filter=Q(kind=FeedbackItem.Kind.PROBLEM)),
        positives=Count("id", filter=Q(kind=FeedbackItem.Kind.POSITIVE)),
        ideas=Count("id", filter=Q(kind=FeedbackItem.Kind.IDEA)),
    )
    quotes = list(
        in_period.filter(consent_to_quote=True, quote_status=FeedbackItem.QuoteStatus.APPROVED)
        .exclude(approved_quote="")
        .select_related("theme")
        .only("approved_quote", "received_on", "theme__name", "kind")
        .order_by("-received_on")[:30]
    )
    return {
        "reach": {k: v or 0 for k, v in reach.items()},
        "kinds": kind_counts,
        "theme_counts": theme_counts(items, themes, period),
        "by_site": by_site,
        "by_month": by_month,
        "by_channel": by_channel,
        "demographics": _demographics(in_period),
        "quotes": quotes,
    }


# ---------------------------------------------------------------- home panels


def open_follow_up_count(organisation: Organisation, council_ids: set[int] | None) -> dict:
    items = FeedbackItem.objects.filter(
        organisation=organisation, follow_up_closed_at__isnull=True
    ).exclude(follow_up="")
    quotes = FeedbackItem.objects.filter(
        organisation=organisation, consent_to_quote=True, quote_status=""
    )
    if council_ids is not None:
        items = items.filter(council_id__in=council_ids)
        quotes = quotes.filter(council_id__in=council_ids)
    counts = items.aggregate(
        open=Count("id"),
        safeguarding=Count("id", filter=Q(follow_up=FeedbackItem.FollowUp.SAFEGUARDING)),
    )
    counts["quotes"] = quotes.count()
    return counts
