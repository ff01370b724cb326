"""Surgeries: the person's own, a council's, one for its page."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from councils.models import Council, Organisation

from ..models import CountTap, FeedbackItem, Surgery

User = get_user_model()


def _surgeries(organisation: Organisation, council_ids: set[int] | None) -> QuerySet[Surgery]:
    surgeries = Surgery.objects.filter(organisation=organisation).select_related("council", "site")
    if council_ids is not None:
        surgeries = surgeries.filter(council_id__in=council_ids)
    return surgeries


# What a person's name is made of (``User.__str__``).
USER_NAME = ("display_name", "first_name", "last_name", "username")


def _reps_by_name() -> QuerySet:
    return User.objects.order_by("display_name")


def _with_reps(surgeries: QuerySet[Surgery]) -> QuerySet[Surgery]:
    return surgeries.prefetch_related(Prefetch("reps", queryset=_reps_by_name()))


def _with_item_counts(surgeries: QuerySet[Surgery]) -> QuerySet[Surgery]:
    # A count per surgery row, not a join with every feedback item and
    # a GROUP BY: the database counts only the rows the page shows, and
    # a paginator's count does not touch feedback at all.
    return surgeries.annotate(
        item_count=Coalesce(
            Subquery(
                FeedbackItem.objects.filter(surgery=OuterRef("pk"))
                .order_by()
                .values("surgery")
                .annotate(n=Count("id"))
                .values("n")
            ),
            0,
        )
    )


def surgeries_planned_for(user, organisation: Organisation) -> QuerySet[Surgery]:
    """Today's and upcoming surgeries the person is going to, soonest first
    (with their place and council; the lists that show them name no reps)."""
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
    """Upcoming surgeries soonest first, or past ones latest first, each with
    its reps (``rep_list``) and how many feedback items were logged there."""
    today = timezone.localdate()
    surgeries = _with_item_counts(
        _surgeries(organisation, council_ids)
        # Only what a row of the list shows.
        .only(
            "public_id",
            "date",
            "starts_at",
            "ends_at",
            "cancelled_at",
            "people_approached",
            "site__name",
            "council__name",
        )
        # As a list on each surgery (``rep_list``): reading ``reps.all()``
        # made a related manager for every row.
        .prefetch_related(
            Prefetch("reps", queryset=_reps_by_name().only(*USER_NAME), to_attr="rep_list")
        )
    )
    if upcoming:
        return surgeries.filter(date__gte=today).order_by("date", "starts_at")
    return surgeries.filter(date__lt=today).order_by("-date", "-starts_at")


def surgeries_of_council_this_year(council: Council | None) -> QuerySet[Surgery]:
    """For the board's "Surgery" filter: the last 12 months, latest first."""
    if council is None:
        return Surgery.objects.none()
    year_ago = timezone.localdate() - dt.timedelta(days=366)
    return (
        Surgery.objects.filter(
            organisation_id=council.organisation_id, council=council, date__gte=year_ago
        )
        .select_related("site")
        # What an option says: its day and place.
        .only("public_id", "date", "site__name")
        .order_by("-date")
    )


def surgery_for_page(organisation: Organisation, public_id: str) -> Surgery | None:
    """One surgery with its place, council and reps (its page lists its
    items itself, so it needs no count of them)."""
    return _with_reps(_surgeries(organisation, None)).filter(public_id=public_id).first()


def feedback_at_surgery(surgery: Surgery) -> QuerySet[FeedbackItem]:
    """What the surgery page lists of each item logged there, newest first."""
    return (
        FeedbackItem.objects.filter(organisation_id=surgery.organisation_id, surgery=surgery)
        .select_related("theme")
        .only(
            "public_id",
            "kind",
            "follow_up",
            "said",
            "created_at",
            "logged_by_id",
            "submission_token",
            "theme__name",
        )
        .order_by("-created_at")
    )


def tap_at_surgery(surgery: Surgery, public_id: str) -> CountTap | None:
    """One counting tap of this surgery, by its public id."""
    if not public_id:
        return None
    return (
        CountTap.objects.filter(
            organisation_id=surgery.organisation_id, surgery=surgery, public_id=public_id
        )
        .select_related("surgery")
        .first()
    )


def tap_by_token(surgery: Surgery, token: str, outcome: str) -> CountTap | None:
    """The tap a retried request repeats (same token, same button)."""
    if not token:
        return None
    return (
        CountTap.objects.filter(
            organisation_id=surgery.organisation_id, surgery=surgery, token=token, outcome=outcome
        )
        .select_related("surgery")
        .first()
    )
