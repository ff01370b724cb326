"""Proposals, their statuses, comments, implementation updates and timeline."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext_lazy as _

from councils.models import Council, OrganisationOwned


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    READY = "ready", _("Ready for council")
    PRESENTED = "presented", _("Presented")
    ACCEPTED = "accepted", _("Accepted")
    ACCEPTED_WITH_CHANGES = "accepted_with_changes", _("Accepted with changes")
    DEFERRED = "deferred", _("Deferred")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")
    REPLACED = "replaced", _("Replaced by a new proposal")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    IN_PROGRESS = "in_progress", _("Being put in place")
    IMPLEMENTED = "implemented", _("Done")
    NOT_IMPLEMENTED = "not_implemented", _("Could not be done")


# Groups of statuses used by selectors, figures and templates.
ACCEPTED_STATUSES = frozenset(
    {
        ProposalStatus.ACCEPTED,
        ProposalStatus.ACCEPTED_WITH_CHANGES,
        ProposalStatus.IN_PROGRESS,
        ProposalStatus.IMPLEMENTED,
        ProposalStatus.NOT_IMPLEMENTED,
    }
)
# A final answer from the council (deferral is not one).
DECIDED_STATUSES = ACCEPTED_STATUSES | {
    ProposalStatus.NOT_ACCEPTED,
    ProposalStatus.REPLACED,
    ProposalStatus.WITHDRAWN,
}
EDITABLE_STATUSES = frozenset({ProposalStatus.DRAFT, ProposalStatus.READY})

# GOV.UK tag colours for each status (and decision outcome).
STATUS_TAG_CLASSES = {
    "draft": "govuk-tag--grey",
    "ready": "govuk-tag--blue",
    "presented": "govuk-tag--light-blue",
    "accepted": "govuk-tag--green",
    "accepted_with_changes": "govuk-tag--green",
    "deferred": "govuk-tag--yellow",
    "not_accepted": "govuk-tag--red",
    "replaced": "govuk-tag--purple",
    "withdrawn": "govuk-tag--grey",
    "in_progress": "govuk-tag--blue",
    "implemented": "govuk-tag--green",
    "not_implemented": "govuk-tag--orange",
}


class Proposal(OrganisationOwned):
    """A problem people on probation raised, with the reps' proposed solution.

    Written by reps only (``proposals.author_proposal``); staff may comment.
    ``council`` is the council that raised it and decides on it; ``scope`` says
    how far the change would reach.
    """

    class Scope(models.TextChoices):
        COUNCIL = "council", _("This council's area")
        REGION = "region", _("The whole region")
        ORGANISATION = "organisation", _("The whole organisation")

    class CostBand(models.TextChoices):
        NONE = "none", _("No cost, or almost none")
        LOW = "low", _("Under £500")
        MEDIUM = "medium", _("£500 to £5,000")
        HIGH = "high", _("Over £5,000")
        UNKNOWN = "unknown", _("Not sure yet")

    Status = ProposalStatus

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="proposals")
    scope = models.CharField(
        _("who the change would reach"), max_length=20, choices=Scope.choices, default=Scope.COUNCIL
    )
    title = models.CharField(_("title"), max_length=200)
    # "You said": the problem in the words of the people who raised it.
    problem = models.TextField(_("you said"), max_length=4000)
    solution = models.TextField(_("proposed solution"), max_length=4000, blank=True)
    business_case = models.TextField(_("business case"), max_length=4000, blank=True)
    cost_band = models.CharField(
        _("rough cost"), max_length=10, choices=CostBand.choices, default=CostBand.UNKNOWN
    )
    benefits = models.TextField(_("benefits"), max_length=4000, blank=True)
    # Evidence that is not a logged feedback item (for example a survey total).
    evidence_note = models.TextField(_("other evidence"), max_length=2000, blank=True)
    theme = models.ForeignKey(
        "surgeries.Theme",
        verbose_name=_("theme"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
    )
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="authored_proposals", blank=True
    )
    # Reps who asked to be told of every update. Authors are told anyway.
    followers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="followed_proposals", blank=True
    )
    evidence = models.ManyToManyField(
        "surgeries.FeedbackItem", related_name="proposals", blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(
        max_length=30, choices=ProposalStatus.choices, default=ProposalStatus.DRAFT, db_index=True
    )

    raised_at = models.DateTimeField(db_index=True)
    ready_at = models.DateTimeField(null=True, blank=True)
    # First presented at a council meeting (a deferred proposal keeps it).
    presented_at = models.DateTimeField(null=True, blank=True)
    # When the chair recorded the latest published decision, and when it was published.
    decided_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_decision = models.ForeignKey(
        "Decision", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    # Implementation: the owner is a lead, granted proposals.update_implementation
    # on this proposal through django-guardian.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_proposals",
    )
    owner_assigned_at = models.DateTimeField(null=True, blank=True)
    target_date = models.DateField(null=True, blank=True)
    # The last implementation update (or the owner's assignment): drives "overdue".
    last_update_at = models.DateTimeField(null=True, blank=True)
    last_reminded_at = models.DateTimeField(null=True, blank=True)
    implemented_at = models.DateTimeField(null=True, blank=True)
    we_did = models.TextField(_("we did"), max_length=4000, blank=True)
    not_implemented_at = models.DateTimeField(null=True, blank=True)
    not_implemented_reason = models.TextField(max_length=4000, blank=True)

    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-raised_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "council", "status"]),
            models.Index(fields=["organisation", "presented_at"]),
            models.Index(fields=["organisation", "status", "last_update_at"]),
        ]
        permissions = [
            ("author_proposal", "Write and edit proposals (reps only)"),
            ("comment_proposal", "Comment on proposals"),
            ("decide_proposal", "Record decisions on proposals"),
            ("publish_decisions", "Publish a meeting's decisions"),
            ("assign_owner", "Give an accepted proposal an owner and target date"),
            ("view_oversight", "See overdue work across councils"),
            ("update_implementation", "Post implementation updates (the owner, per proposal)"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=ProposalStatus.IMPLEMENTED) | ~Q(we_did=""),
                name="proposal_implemented_has_we_did",
            ),
            models.CheckConstraint(
                condition=~Q(status=ProposalStatus.NOT_IMPLEMENTED) | ~Q(not_implemented_reason=""),
                name="proposal_not_implemented_has_reason",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="proposal_has_title"),
            models.CheckConstraint(condition=~Q(problem=""), name="proposal_says_the_problem"),
            models.CheckConstraint(
                condition=Q(status__in=ProposalStatus.values), name="proposal_status_is_known"
            ),
            models.CheckConstraint(
                condition=~Q(status=ProposalStatus.WITHDRAWN) | Q(withdrawn_at__isnull=False),
                name="proposal_withdrawn_says_when",
            ),
            # "We did" and "why it could not be done" belong to those endings only.
            models.CheckConstraint(
                condition=Q(status=ProposalStatus.IMPLEMENTED) | Q(we_did=""),
                name="proposal_we_did_only_when_done",
            ),
            models.CheckConstraint(
                condition=Q(status=ProposalStatus.NOT_IMPLEMENTED) | Q(not_implemented_reason=""),
                name="proposal_not_done_reason_only_when_not_done",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def status_tag_class(self) -> str:
        return STATUS_TAG_CLASSES.get(self.status, "")

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def is_accepted(self) -> bool:
        return self.status in ACCEPTED_STATUSES


class ImplementationUpdate(OrganisationOwned):
    """A progress note from the proposal's owner."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        BLOCKED = "blocked", _("Blocked")

    proposal = models.ForeignKey(
        Proposal, on_delete=models.PROTECT, related_name="implementation_updates"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=20, choices=Status.choices)
    note = models.TextField(max_length=2000)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("implementation update")
        verbose_name_plural = _("implementation updates")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(note=""), name="implementation_update_has_note")
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()}: {self.note[:60]}"


class ProposalComment(OrganisationOwned):
    """A comment by a rep or a member of staff. Staff comment; they never edit."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(max_length=2000)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(body=""), name="proposal_comment_has_body")
        ]

    def __str__(self) -> str:
        return self.body[:80]


class ProposalEvent(OrganisationOwned):
    """The proposal's timeline: every status change, decision, update and
    comment, with who and when. Written by the services, never edited."""

    class Kind(models.TextChoices):
        RAISED = "raised", _("Proposal raised")
        EDITED = "edited", _("Proposal edited")
        AUTHOR_ADDED = "author_added", _("Co-author added")
        READY = "ready", _("Ready for council")
        ON_AGENDA = "on_agenda", _("Put on a meeting agenda")
        PRESENTED = "presented", _("Presented at a council meeting")
        DECISION = "decision", _("Decision published")
        OWNER_ASSIGNED = "owner_assigned", _("Owner assigned")
        UPDATE = "update", _("Implementation update")
        IMPLEMENTED = "implemented", _("Done")
        # "Mark as done" taken back in the minutes after: a new row, from done
        # back to being put in place; the "done" row stays, as it happened.
        DONE_UNDONE = "done_undone", _("Marked as done by mistake")
        NOT_IMPLEMENTED = "not_implemented", _("Could not be done")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        COMMENT = "comment", _("Comment")
        MEETING_CANCELLED = "meeting_cancelled", _("Meeting cancelled")
        TARGET_DATE_ASKED = "target_date_asked", _("New target date asked for")
        TARGET_DATE_ANSWERED = "target_date_answered", _("New target date answered")
        MILESTONE = "milestone", _("Milestone")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(db_index=True)
    from_status = models.CharField(max_length=30, choices=ProposalStatus.choices, blank=True)
    to_status = models.CharField(max_length=30, choices=ProposalStatus.choices, blank=True)
    meeting = models.ForeignKey(
        "Meeting", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField(max_length=4000, blank=True)

    class Meta:
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline events")
        ordering = ["-at", "-id"]
        indexes = [
            # "The proposal's status as at a moment" (selectors.history.
            # status_at): the latest status change before it, for each
            # proposal of a list or a figure. One index step, not a sort of
            # the proposal's whole timeline.
            models.Index(
                "proposal",
                models.F("at").desc(),
                models.F("id").desc(),
                condition=~models.Q(to_status=""),
                name="proposal_status_changes",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({date_format(self.at, 'd/m/Y')})"
