"""Reach and feedback: surgeries held, people talked with, what they said
about (counted by theme) and the quotes a coordinator approved."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Case, CharField, Count, Q, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from councils.disclosure import people_count
from councils.periods import Period
from surgeries.models import FeedbackItem, Surgery

from ..content import Comparison, PeopleRate, Quote, Reach, ThemeCount
from .scope import ReportScope, surgery_held_q

QUOTE_LIMIT = 4
THEME_LIMIT = 5


def said_counts(scope: ReportScope, period: Period) -> tuple[int, int, int]:
    """Surgeries held, people engaged and feedback items in the period."""
    surgeries = Surgery.objects.filter(
        scope.councils_q(),
        surgery_held_q(),
        organisation=scope.organisation,
        date__range=(period.start, period.end),
    ).aggregate(held=Count("id"), engaged=Coalesce(Sum("people_engaged"), 0))
    feedback = FeedbackItem.objects.filter(
        scope.councils_q(),
        organisation=scope.organisation,
        received_on__range=(period.start, period.end),
    ).count()
    return surgeries["held"], surgeries["engaged"], feedback


def top_themes(scope: ReportScope, period: Period) -> list[ThemeCount]:
    rows = (
        FeedbackItem.objects.filter(
            scope.councils_q(),
            organisation=scope.organisation,
            received_on__range=(period.start, period.end),
        )
        .values("theme__name")
        .annotate(n=Count("id"))
        .order_by("-n", "theme__name")[:THEME_LIMIT]
    )
    # Each comment is one person's: a small count could point at them.
    return [ThemeCount(row["theme__name"], people_count(row["n"])) for row in rows]


def approved_quotes(scope: ReportScope, period: Period, limit: int = QUOTE_LIMIT) -> list[Quote]:
    """Quotes a coordinator approved, from people who agreed to be quoted.
    Only the approved wording (with any names taken out) is ever read."""
    rows = (
        FeedbackItem.objects.filter(
            scope.councils_q(),
            organisation=scope.organisation,
            received_on__range=(period.start, period.end),
            quote_status=FeedbackItem.QuoteStatus.APPROVED,
            consent_to_quote=True,
        )
        .exclude(approved_quote="")
        .order_by("-received_on", "-id")
        .values_list("approved_quote", "theme__name")[: limit * 3]
    )
    # The same words heard twice are shown once.
    quotes: dict[str, Quote] = {}
    for text, theme in rows:
        key = " ".join(text.lower().split())
        quotes.setdefault(key, Quote(text.strip(), theme))
    return list(quotes.values())[:limit]


def reach(scope: ReportScope, period: Period, previous: Period) -> Reach:
    # One row for each period: the period before need not run up to this
    # one ("the same weeks of the quarter before"), the days between the two
    # are in neither.
    which = Case(
        When(date__gte=period.start, then=Value("now")),
        When(date__lte=previous.end, then=Value("before")),
        default=None,
        output_field=CharField(),
    )
    rows = (
        Surgery.objects.filter(
            scope.councils_q(),
            surgery_held_q(),
            organisation=scope.organisation,
            date__range=(previous.start, period.end),
        )
        .values(which=which)
        .annotate(
            held=Count("id"),
            approached=Sum("people_approached"),
            engaged=Sum("people_engaged"),
            declined=Sum("people_declined"),
        )
        .order_by()
    )
    row: dict[str, int] = defaultdict(int)
    for counted in rows:
        if counted["which"] is not None:
            for name in ("held", "approached", "engaged", "declined"):
                row[f"{name}_{counted['which']}"] = counted[name] or 0
    return Reach(
        surgeries_held=Comparison(_("Surgeries held"), row["held_now"], row["held_before"]),
        people_approached=Comparison(
            _("People approached"), row["approached_now"], row["approached_before"], True
        ),
        people_engaged=Comparison(
            _("People engaged"), row["engaged_now"], row["engaged_before"], True
        ),
        people_declined=Comparison(
            _("People who said no thanks"), row["declined_now"], row["declined_before"], True
        ),
        engagement=PeopleRate(
            row["engaged_now"], row["approached_now"], _("engaged"), _("approached")
        ),
    )


def feedback_by_theme(scope: ReportScope, period: Period, previous: Period) -> list[Comparison]:
    # The period before need not run up to this one ("the same weeks of the
    # quarter before"): the days between the two are in neither.
    now = Q(received_on__range=(period.start, period.end))
    before = Q(received_on__range=(previous.start, previous.end))
    # Both periods also as one range of dates (the same items), which the
    # index (organisation, received_on) can seek: "now or before" alone
    # made PostgreSQL read every entry of the organisation.
    both = Q(received_on__range=(min(period.start, previous.start), max(period.end, previous.end)))
    rows = (
        FeedbackItem.objects.filter(
            scope.councils_q(), both, now | before, organisation=scope.organisation
        )
        .values("theme__name", "theme__position")
        # Counted by the date (never empty), so that the items' theme and
        # date come from an index alone, without reading the rows.
        .annotate(now=Count("received_on", filter=now), before=Count("received_on", filter=before))
        .order_by("-now", "theme__position", "theme__name")
    )
    return [Comparison(row["theme__name"], row["now"], row["before"]) for row in rows]
