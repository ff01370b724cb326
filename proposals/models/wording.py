"""Words approved for publication.

A proposal's words reach a document or a public page only once a
coordinator has read them and approved them, the same way feedback quotes
are. One row per proposal and part ("you said", "we did", the decision's
reason...). The row keeps the words as they read when the coordinator
looked (``source_text``) and the words approved for print (``text``, which
the coordinator may have edited, for example to take a name out).

The approval is for that exact text: when the proposal's words change, the
row no longer matches them and the part waits again. Nothing has to
remember to take an approval back; readers compare the two
(``proposals.selectors.wording``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from councils.models import OrganisationOwned

from .proposals import Proposal


class WordingPart(models.TextChoices):
    """The words of a proposal that documents and public pages print, and
    where each is read from (see ``SOURCE_FIELDS``)."""

    TITLE = "title", _("Title")
    PROBLEM = "problem", _("You said")
    WE_DID = "we_did", _("We did")
    DECISION_REASON = "decision_reason", _("The decision's reason")
    DECISION_CHANGES = "decision_changes", _("The changes the council asked for")
    NOT_IMPLEMENTED_REASON = "not_implemented_reason", _("Why it could not be done")


# Where each part's words are read from, as a lookup from the proposal.
SOURCE_FIELDS = {
    WordingPart.TITLE: "title",
    WordingPart.PROBLEM: "problem",
    WordingPart.WE_DID: "we_did",
    WordingPart.DECISION_REASON: "published_decision__reason",
    WordingPart.DECISION_CHANGES: "published_decision__changes_required",
    WordingPart.NOT_IMPLEMENTED_REASON: "not_implemented_reason",
}


class WordingApproval(OrganisationOwned):
    """A coordinator's answer about one part of a proposal's words: approved
    for publication (with the words to print) or sent back with a note."""

    class Status(models.TextChoices):
        APPROVED = "approved", _("Approved for publication")
        SENT_BACK = "sent_back", _("Sent back")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="wordings")
    part = models.CharField(max_length=30, choices=WordingPart.choices)
    status = models.CharField(max_length=20, choices=Status.choices)
    # The proposal's words when the coordinator read them.
    source_text = models.TextField(max_length=4000)
    # The words approved for print (empty when sent back).
    text = models.TextField(max_length=4000, blank=True)
    # Why it was sent back, for whoever wrote the words.
    note = models.TextField(max_length=2000, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("wording approval")
        verbose_name_plural = _("wording approvals")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "part"], name="wording_once_per_part"),
            models.CheckConstraint(
                condition=Q(part__in=WordingPart.values), name="wording_part_is_known"
            ),
            models.CheckConstraint(
                condition=~Q(status="approved") | ~Q(text=""),
                name="wording_approved_has_words",
            ),
            models.CheckConstraint(
                condition=~Q(status="sent_back") | (Q(text="") & ~Q(note="")),
                name="wording_sent_back_has_note_and_no_words",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["approved", "sent_back"]),
                name="wording_status_is_known",
            ),
        ]

    def __str__(self) -> str:
        # Never the words themselves: this is what audit events copy.
        return f"{self.get_part_display()} ({self.proposal.public_id})"
