"""What publishing a meeting's decisions will do, read before it is done:
the decisions waiting, the words each will print, and who will be told.

The chair reads this on the "check before you publish" page; the publish
service compares the same fingerprint under the meeting's lock, so what is
published is what the chair read."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q

from members.models import RepProfile

from ..models import Decision, Meeting, WordingApproval, WordingPart
from .people import reps_of_council

User = get_user_model()


@dataclass(frozen=True)
class DecisionToPublish:
    decision: Decision
    # The chair's own words that documents and public pages would print
    # (the reason, or the changes asked for), and the words a coordinator
    # has already approved for print, if any. Empty when there are none.
    own_words: str
    printed_words: str


@dataclass(frozen=True)
class Recipients:
    """Who the publish email reaches (councils.email.email_people): every
    active rep of the council and every author of a decided proposal, once
    each. A rep who prefers post gets a letter instead."""

    reps: int
    other_authors: int  # authors who are not reps of this council now
    by_email: int
    by_letter: int
    not_reached: int  # no email address and no letter: they read it on the site


@dataclass(frozen=True)
class PublishCheck:
    meeting: Meeting
    decisions: list[DecisionToPublish]
    recipients: Recipients
    fingerprint: str


def unpublished_decisions(meeting: Meeting):
    return (
        Decision.objects.filter(meeting=meeting, published_at__isnull=True)
        .select_related("proposal", "deferred_to_meeting", "replaced_by")
        .order_by("proposal__title", "id")
    )


def decisions_fingerprint(decisions) -> str:
    """A digest of exactly what would be published. It changes when a
    decision is added or changed, so a chair who checked an older set is
    asked to check again."""
    digest = hashlib.sha256()
    for d in sorted(decisions, key=lambda d: d.pk):
        fields = (
            d.pk,
            d.outcome,
            d.changes_required,
            d.deferred_to.isoformat() if d.deferred_to else "",
            d.deferred_to_meeting_id or "",
            d.reason_category,
            d.reason,
            d.replaced_by_id or "",
            d.decided_by_id,
        )
        digest.update(repr(fields).encode())
    return digest.hexdigest()[:32]


def _own_words(decision: Decision) -> tuple[str, str]:
    """The part of the proposal's words the decision carries, and its text."""
    if decision.reason:
        return WordingPart.DECISION_REASON, decision.reason
    if decision.changes_required:
        return WordingPart.DECISION_CHANGES, decision.changes_required
    return "", ""


def recipients_for(meeting: Meeting, decisions: list[Decision]) -> Recipients:
    """Counted the way ``notifications.decisions_published`` sends: in one
    query, whatever the number of people."""
    reps = reps_of_council(meeting.council).order_by()
    proposal_ids = [d.proposal_id for d in decisions]
    profiles = RepProfile.objects.filter(user_id=OuterRef("pk"))
    rows = (
        User.objects.filter(is_active=True)
        .filter(Q(pk__in=reps.values("pk")) | Q(authored_proposals__in=proposal_ids))
        .annotate(
            is_rep=Exists(reps.filter(pk=OuterRef("pk"))),
            by_post=Exists(
                profiles.filter(
                    contact_preference=RepProfile.ContactPreference.POST,
                    personal_data_deleted_at__isnull=True,
                )
            ),
            gone=Exists(profiles.filter(personal_data_deleted_at__isnull=False)),
        )
        .values_list("pk", "email", "is_rep", "by_post", "gone")
        .order_by()
        .distinct()
    )
    reps_n = others = email = letter = neither = 0
    for _pk, address, is_rep, by_post, gone in rows:
        if is_rep:
            reps_n += 1
        else:
            others += 1
        if by_post:
            letter += 1
        elif address and not gone:
            email += 1
        else:
            neither += 1
    return Recipients(
        reps=reps_n, other_authors=others, by_email=email, by_letter=letter, not_reached=neither
    )


def decisions_to_publish(meeting: Meeting) -> PublishCheck:
    decisions = list(unpublished_decisions(meeting))
    words = {d.pk: _own_words(d) for d in decisions}
    approved = {
        (a.proposal_id, a.part, a.source_text): a.text
        for a in WordingApproval.objects.filter(
            proposal_id__in=[d.proposal_id for d in decisions],
            part__in=[WordingPart.DECISION_REASON, WordingPart.DECISION_CHANGES],
            status=WordingApproval.Status.APPROVED,
        )
    }
    items = [
        DecisionToPublish(
            decision=d,
            own_words=words[d.pk][1],
            printed_words=approved.get((d.proposal_id, *words[d.pk]), ""),
        )
        for d in decisions
    ]
    return PublishCheck(
        meeting=meeting,
        decisions=items,
        recipients=recipients_for(meeting, decisions),
        fingerprint=decisions_fingerprint(decisions),
    )
