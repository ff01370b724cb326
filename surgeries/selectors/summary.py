"""What staff may see of feedback: counts and approved quotes, never the
words people said. Counts of people by gender, age, ethnicity and order go
through the one small-number rule (``councils.disclosure``)."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from councils.disclosure import people_count, people_counts
from councils.models import Organisation
from councils.periods import Period
from members.bands import AgeBand, Ethnicity, Gender, OrderType

from ..models import FeedbackItem, Surgery, Theme
from .board import theme_counts

DEMOGRAPHICS = [
    ("gender", gettext_lazy("Gender"), Gender),
    ("age_band", gettext_lazy("Age"), AgeBand),
    ("ethnicity", gettext_lazy("Ethnicity"), Ethnicity),
    ("order_type", gettext_lazy("Order or licence"), OrderType),
]


def _demographics(items: QuerySet[FeedbackItem]) -> list[dict]:
    """Each band's count, computed in the database: one query for all four.
    Each row is (label, Cell): the cell knows whether it may be shown."""
    aggregates = {}
    for field, _label, choices in DEMOGRAPHICS:
        for value in choices.values:
            aggregates[f"{field}__{value}"] = Count("id", filter=Q(**{field: value}))
        aggregates[f"{field}__"] = Count("id", filter=Q(**{field: ""}))
    totals = items.aggregate(**aggregates)
    tables = []
    for field, label, choices in DEMOGRAPHICS:
        rows = [(str(name), totals.get(f"{field}__{value}", 0)) for value, name in choices.choices]
        rows.append((_("Not recorded"), totals.get(f"{field}__", 0)))
        tables.append({"field": field, "label": label, "rows": people_counts(rows)})
    return tables


def _signposted(items: QuerySet[FeedbackItem]) -> dict:
    """How many people reps signposted, and where to, in one query: counts of
    people, so through the small-number rule. The words of "somewhere else"
    are never shown here."""
    aggregates = {"total": Count("id")}
    for value in FeedbackItem.SignpostedTo.values:
        aggregates[value] = Count("id", filter=Q(signposted_to=value))
    signposted = items.filter(Q(follow_up=FeedbackItem.FollowUp.SIGNPOSTED) | ~Q(signposted_to=""))
    totals = signposted.aggregate(**aggregates)
    rows = [(str(label), totals[value]) for value, label in FeedbackItem.SignpostedTo.choices]
    recorded = sum(count for _label, count in rows)
    rows.append((_("Not recorded"), totals["total"] - recorded))
    return {"total": people_count(totals["total"]), "rows": people_counts(rows)}


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
        "signposted": _signposted(in_period),
        "quotes": quotes,
    }
