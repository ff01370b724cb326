"""The feedback a person has picked as evidence for a proposal. Each person's
own list, so no one else can change it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from councils.models import Council

from .. import access
from ..models import FeedbackItem, FeedbackSelection


def _items_of_council(council: Council, items) -> list[FeedbackItem]:
    items = list(items)
    if any(
        item.council_id != council.pk or item.organisation_id != council.organisation_id
        for item in items
    ):
        raise ValidationError(_("Choose feedback from this council."))
    return items


@transaction.atomic
def feedback_selection_add(*, user, council: Council, items) -> int:
    """Add items to the person's evidence for a proposal. Returns how many
    were new."""
    access.require(access.may_pick_evidence(user, council), access.REFUSE_RAW_FEEDBACK)
    items = _items_of_council(council, items)
    already = set(
        FeedbackSelection.objects.filter(user=user, item__in=items).values_list(
            "item_id", flat=True
        )
    )
    new = [
        FeedbackSelection(
            organisation_id=council.organisation_id, user=user, council=council, item=item
        )
        for item in items
        if item.pk not in already
    ]
    FeedbackSelection.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


@transaction.atomic
def feedback_selection_remove(*, user, council: Council, items) -> int:
    items = _items_of_council(council, items)
    deleted, _count = FeedbackSelection.objects.filter(
        user=user, council=council, item__in=items
    ).delete()
    return deleted


@transaction.atomic
def feedback_selection_clear(*, user, council: Council) -> int:
    """Empty the selection, for example once a proposal has been drafted.

    Taking things out of one's own list needs no permission: someone who can
    no longer read the council's feedback may still empty it."""
    deleted, _count = FeedbackSelection.objects.filter(user=user, council=council).delete()
    return deleted
