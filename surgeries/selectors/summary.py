"""What staff may see of feedback: counts and approved quotes, never the
words people said. Counts of people by gender, age, ethnicity and order go
through the one small-number rule (``councils.disclosure``)."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Q, Sum
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


def _demographic_counts() -> dict:
    """Each band's count, as aggregates for the one query of the period."""
    aggregates = {}
    for field, _label, choices in DEMOGRAPHICS:
        for value in choices.values:
            aggregates[f"{field}__{value}"] = Count("id", filter=Q(**{field: value}))
        aggregates[f"{field}__"] = Count("id", filter=Q(**{field: ""}))
    return aggregates


def _demographics(totals: dict) -> list[dict]:
    """Each row is (label, Cell): the cell knows whether it may be shown."""
    tables = []
    for field, label, choices in DEMOGRAPHICS:
        rows = [(str(name), totals.get(f"{field}__{value}", 0)) for value, name in choices.choices]
        rows.append((_("Not recorded"), totals.get(f"{field}__", 0)))
        tables.append({"field": field, "label": label, "rows": people_counts(rows)})
    return tables


SIGNPOSTED = Q(follow_up=FeedbackItem.FollowUp.SIGNPOSTED) | ~Q(signposted_to="")


def _signposted_counts() -> dict:
    """How many people reps signposted, and where to, as aggregates for the
    one query of the period. The words of "somewhere else" are never read."""
    aggregates = {"signposted__": Count("id", filter=SIGNPOSTED)}
    for value in FeedbackItem.SignpostedTo.values:
        aggregates[f"signposted__{value}"] = Count("id", filter=SIGNPOSTED & Q(signposted_to=value))
    return aggregates


def _signposted(totals: dict) -> dict:
    """Counts of people, so through the small-number rule."""
    rows = [
        (str(label), totals[f"signposted__{value}"])
        for value, label in FeedbackItem.SignpostedTo.choices
    ]
    recorded = sum(count for _label, count in rows)
    rows.append((_("Not recorded"), totals["signposted__"] - recorded))
    return {"total": people_count(totals["signposted__"]), "rows": people_counts(rows)}


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
    by_month = list(
        in_period.annotate(month=TruncMonth("received_on"))
        .values("month")
        .annotate(count=Count("*"))  # from the index alone, as the theme counts
        .order_by("month")
    )
    # The places, the channels, the kinds, the demographics and the
    # signposting in one pass over the period's items: counted for each
    # place and channel, then added up here (a handful of rows).
    groups = list(
        in_period.values("site__name", "channel")
        .annotate(
            total=Count("id"),
            problems=Count("id", filter=Q(kind=FeedbackItem.Kind.PROBLEM)),
            positives=Count("id", filter=Q(kind=FeedbackItem.Kind.POSITIVE)),
            ideas=Count("id", filter=Q(kind=FeedbackItem.Kind.IDEA)),
            **_demographic_counts(),
            **_signposted_counts(),
        )
        .order_by()
    )
    totals: dict = defaultdict(int)
    sites: dict = defaultdict(int)
    channels: dict = defaultdict(int)
    for group in groups:
        site, channel = group.pop("site__name"), group.pop("channel")
        sites[site] += group["total"]
        channels[channel] += group["total"]
        for key, count in group.items():
            totals[key] += count
    # As the database ordered them: most first, then by name (no place last).
    by_site = [
        {"site__name": site, "count": count}
        for site, count in sorted(
            sites.items(), key=lambda pair: (-pair[1], pair[0] is None, pair[0] or "")
        )
    ]
    channel_labels = dict(FeedbackItem.Channel.choices)
    by_channel = [
        {"label": channel_labels.get(channel, channel), "count": count}
        for channel, count in sorted(channels.items(), key=lambda pair: (-pair[1], pair[0]))
    ]
    kind_counts = {k: totals[k] for k in ("total", "problems", "positives", "ideas")}
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
        "demographics": _demographics(totals),
        "signposted": _signposted(totals),
        "quotes": quotes,
    }
