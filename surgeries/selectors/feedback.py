"""Feedback items: one for its page, the coordinators' lists, the person's
evidence for a proposal, and the counts on the home page."""

from __future__ import annotations

from django.db.models import (
    Case,
    Count,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from councils.models import Council, Organisation
from councils.periods import Period

from .. import access
from ..models import FeedbackItem, FeedbackSelection
from .board import ITEM_LINE, SURGERY_SITE_NAME
from .surgeries import USER_NAME


def feedback_item_for_page(organisation: Organisation, public_id: str) -> FeedbackItem | None:
    return (
        FeedbackItem.objects.filter(organisation=organisation, public_id=public_id)
        .select_related(
            "council",
            "council__region",
            "theme",
            "site",
            "surgery",
            "surgery__site",
            "logged_by",
            "logged_by__rep_profile",
        )
        .first()
    )


def feedback_items_by_public_id(council: Council, public_ids: list[str]):
    """Items of one council named in a form; anything else is ignored."""
    return FeedbackItem.objects.filter(
        organisation_id=council.organisation_id, council=council, public_id__in=public_ids
    )


def open_follow_ups(organisation: Organisation, council_ids: set[int] | None, *, kind: str = ""):
    """Open follow-ups, safeguarding first; only one kind if ``kind`` is given."""
    items = (
        FeedbackItem.objects.filter(organisation=organisation, follow_up_closed_at__isnull=True)
        .exclude(follow_up="")
        .select_related("council", "theme", "site", "logged_by", "logged_by__rep_profile")
        # Only what the list shows (seven tables' every column was most of
        # the time Django took to build the query).
        .only(
            "public_id",
            "said",
            "follow_up",
            "signposted_to",
            "signposted_to_other",
            "created_at",
            "council__name",
            "theme__name",
            *ITEM_LINE,
            *(f"logged_by__{name}" for name in USER_NAME),
            # What ``access.rep_pages_for`` reads of the rep who logged it.
            "logged_by__rep_profile__public_id",
            "logged_by__rep_profile__organisation",
            "logged_by__rep_profile__council",
        )
        .annotate(
            **SURGERY_SITE_NAME,
            urgency=Case(
                When(follow_up=FeedbackItem.FollowUp.SAFEGUARDING, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
        )
        .order_by("urgency", "created_at")  # safeguarding first, then oldest first
    )
    if kind:
        items = items.filter(follow_up=kind)
    return items if council_ids is None else items.filter(council_id__in=council_ids)


def recently_closed_follow_ups(organisation: Organisation, council_ids: set[int] | None):
    items = (
        FeedbackItem.objects.filter(organisation=organisation, follow_up_closed_at__isnull=False)
        .select_related("council", "theme", "follow_up_closed_by")
        .only(
            "follow_up",
            "follow_up_closed_at",
            "follow_up_note",
            "council__name",
            "theme__name",
            *(f"follow_up_closed_by__{name}" for name in USER_NAME),
        )
        .order_by("-follow_up_closed_at")
    )
    return items if council_ids is None else items.filter(council_id__in=council_ids)


def quotes_to_review(
    organisation: Organisation,
    council_ids: set[int] | None,
    *,
    council: Council | None = None,
    theme=None,
    period: Period | None = None,
    newest_first: bool = True,
):
    """Quotes waiting to be checked, newest first unless asked otherwise,
    for one council, theme or period if given."""
    items = (
        FeedbackItem.objects.filter(
            organisation=organisation, consent_to_quote=True, quote_status=""
        )
        .select_related("council", "theme", "site")
        # Only what the list shows of each quote.
        .only("public_id", "said", "council__name", "theme__name", *ITEM_LINE)
        .annotate(**SURGERY_SITE_NAME)
    )
    if council is not None:
        items = items.filter(council=council)
    if theme is not None:
        items = items.filter(theme=theme)
    if period is not None:
        items = items.filter(received_on__range=(period.start, period.end))
    if newest_first:
        items = items.order_by("-received_on", "-created_at", "-id")
    else:
        items = items.order_by("received_on", "created_at", "id")
    return items if council_ids is None else items.filter(council_id__in=council_ids)


def quotes_reviewed(organisation: Organisation, council_ids: set[int] | None):
    """Decisions on quotes, latest first, so a coordinator can change one."""
    items = (
        FeedbackItem.objects.filter(organisation=organisation, quote_reviewed_at__isnull=False)
        .select_related("quote_reviewed_by")
        .only(
            "public_id",
            "quote_reviewed_at",
            "quote_status",
            "approved_quote",
            *(f"quote_reviewed_by__{name}" for name in USER_NAME),
        )
        .order_by("-quote_reviewed_at")
    )
    return items if council_ids is None else items.filter(council_id__in=council_ids)


def selected_feedback_for(user, council: Council) -> QuerySet[FeedbackItem]:
    """The items this person has picked as evidence for a proposal, for one
    council. Used by the proposals app ("Draft a proposal from these").

    Empty if the person may no longer read the council's raw feedback."""
    if not access.may_see_raw_feedback(user, council):
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


def with_selection_counts(councils: QuerySet[Council], user) -> QuerySet[Council]:
    """Each council with ``picked``: how many items this person has picked
    there as evidence (``selection_count``). The board reads its councils
    anyway, so the count for the one it shows costs no query of its own."""
    picked = (
        FeedbackSelection.objects.filter(user=user, council=OuterRef("pk"))
        .order_by()
        .values("council")
        .annotate(n=Count("id"))
        .values("n")
    )
    return councils.annotate(picked=Coalesce(Subquery(picked), 0))


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
