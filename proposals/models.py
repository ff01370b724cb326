"""Proposals, meetings, decisions, action points and implementation.

The loop the product exists for (DOMAIN.md, "Proposal"):

    draft ─▶ ready (endorsed at a hub meeting) ─▶ presented at a council meeting
      ─▶ accepted | accepted_with_changes | deferred | not_accepted | replaced | withdrawn
    accepted / accepted_with_changes ─▶ in_progress (owner, target date, updates)
      ─▶ implemented ("we did" statement) | not_implemented (reason required)

Reading guide for other apps (reports, You Said We Did):

- ``Proposal.status`` is the *published* state. A decision recorded by the chair
  during a meeting changes nothing people can see until it is published;
  publishing copies its outcome onto the proposal and sets
  ``Proposal.published_decision``, ``decided_at`` and ``published_at``.
- ``Proposal.problem`` is "you said"; ``Proposal.we_did`` is "we did" (set when
  implemented); ``Proposal.not_implemented_reason`` explains the other ending;
  ``published_decision.reason`` / ``reason_category`` say why something was not
  accepted (or deferred).
- Every write goes through ``proposals.services``; this module holds fields,
  constraints and tiny properties only.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q

from councils.models import Council, OrganisationOwned


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    READY = "ready", "Ready for council"
    PRESENTED = "presented", "Presented"
    ACCEPTED = "accepted", "Accepted"
    ACCEPTED_WITH_CHANGES = "accepted_with_changes", "Accepted with changes"
    DEFERRED = "deferred", "Deferred"
    NOT_ACCEPTED = "not_accepted", "Not accepted"
    REPLACED = "replaced", "Replaced by a new proposal"
    WITHDRAWN = "withdrawn", "Withdrawn"
    IN_PROGRESS = "in_progress", "Being put in place"
    IMPLEMENTED = "implemented", "Done"
    NOT_IMPLEMENTED = "not_implemented", "Could not be done"


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
        COUNCIL = "council", "This council's area"
        REGION = "region", "The whole region"
        ORGANISATION = "organisation", "The whole organisation"

    class CostBand(models.TextChoices):
        NONE = "none", "No cost, or almost none"
        LOW = "low", "Under £500"
        MEDIUM = "medium", "£500 to £5,000"
        HIGH = "high", "Over £5,000"
        UNKNOWN = "unknown", "Not sure yet"

    Status = ProposalStatus

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="proposals")
    scope = models.CharField(max_length=20, choices=Scope.choices, default=Scope.COUNCIL)
    title = models.CharField(max_length=200)
    # "You said": the problem in the words of the people who raised it.
    problem = models.TextField("you said", max_length=4000)
    solution = models.TextField("proposed solution", max_length=4000, blank=True)
    business_case = models.TextField(max_length=4000, blank=True)
    cost_band = models.CharField(max_length=10, choices=CostBand.choices, default=CostBand.UNKNOWN)
    benefits = models.TextField(max_length=4000, blank=True)
    # Evidence that is not a logged feedback item (for example a survey total).
    evidence_note = models.TextField(max_length=2000, blank=True)
    theme = models.ForeignKey(
        "surgeries.Theme",
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
    we_did = models.TextField("we did", max_length=4000, blank=True)
    not_implemented_at = models.DateTimeField(null=True, blank=True)
    not_implemented_reason = models.TextField(max_length=4000, blank=True)

    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
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


class Meeting(OrganisationOwned):
    """A hub meeting (reps only) or a council meeting (chaired by senior staff).

    Papers are due ``organisation.papers_due_days`` before the date.
    """

    class Kind(models.TextChoices):
        HUB = "hub", "Proposal hub meeting (reps only)"
        COUNCIL = "council", "Council meeting"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="meetings")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    date = models.DateField(db_index=True)
    starts_at = models.TimeField()
    venue = models.CharField(max_length=200)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="chaired_meetings",
    )
    invited = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="meeting_invitations", blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Cancelled by a coordinator (proposals.services.meeting_cancel), with the
    # reason everyone invited is told. Claimed with a conditional update.
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_reason = models.TextField(max_length=2000, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Claimed by the cancellation email task, so a retried task sends nothing.
    cancellation_notified_at = models.DateTimeField(null=True, blank=True)
    # Claimed with a conditional update so the reminder goes once.
    papers_reminder_sent_at = models.DateTimeField(null=True, blank=True)
    minutes_completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-date", "-starts_at"]
        indexes = [models.Index(fields=["organisation", "council", "date"])]
        permissions = [
            ("manage_meetings", "Schedule meetings and edit agendas"),
            ("take_minutes", "Write minutes and action point updates"),
        ]

    def __str__(self) -> str:
        label = "Hub meeting" if self.kind == self.Kind.HUB else "Council meeting"
        return f"{label}, {self.date:%-d %B %Y}"

    @property
    def papers_due_on(self) -> datetime.date:
        return self.date - datetime.timedelta(days=self.organisation.papers_due_days)

    @property
    def is_council(self) -> bool:
        return self.kind == self.Kind.COUNCIL

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


class ActionPoint(OrganisationOwned):
    """Something someone agreed to do at a meeting. Carried forward onto every
    following meeting of the council until closed, needing an update note each
    time ("no progress, because ..." is a note; silence is not)."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="action_points")
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="action_points")
    description = models.TextField(max_length=1000)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="action_points"
    )
    due_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["organisation", "council", "status"])]

    def __str__(self) -> str:
        return self.description[:80]


class AgendaItem(OrganisationOwned):
    """One item on a meeting's agenda, in order. Assembled automatically (ready
    proposals, proposals awaiting an implementation update, open action points)
    and then ordered and edited by the coordinator."""

    class Kind(models.TextChoices):
        PROPOSAL = "proposal", "Proposal"
        IMPLEMENTATION_UPDATE = "implementation_update", "Implementation update"
        ACTION_POINT = "action_point", "Action point carried forward"
        OTHER = "other", "Other business"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    order = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    title = models.CharField(max_length=200, blank=True)
    notes = models.TextField(max_length=2000, blank=True)
    proposal = models.ForeignKey(
        Proposal, on_delete=models.PROTECT, null=True, blank=True, related_name="agenda_items"
    )
    action_point = models.ForeignKey(
        ActionPoint, on_delete=models.PROTECT, null=True, blank=True, related_name="agenda_items"
    )

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "proposal", "kind"],
                condition=Q(proposal__isnull=False),
                name="agenda_proposal_once_per_meeting",
            ),
            models.UniqueConstraint(
                fields=["meeting", "action_point"],
                condition=Q(action_point__isnull=False),
                name="agenda_action_point_once_per_meeting",
            ),
        ]

    def __str__(self) -> str:
        if self.title:
            return self.title
        if self.proposal_id:
            return self.proposal.title
        if self.action_point_id:
            return str(self.action_point)
        return self.get_kind_display()


class Attendance(OrganisationOwned):
    class Status(models.TextChoices):
        ATTENDED = "attended", "Attended"
        APOLOGIES = "apologies", "Sent apologies"
        ABSENT = "absent", "Absent"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="attendance"
    )
    status = models.CharField(max_length=10, choices=Status.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["user__display_name", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="attendance_once_per_meeting")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_status_display()}"


class MinutePoint(OrganisationOwned):
    """One short point of the minutes. Reps may take their own minutes."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="minute_points")
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="minute_points"
    )
    text = models.TextField(max_length=1000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class ActionPointUpdate(OrganisationOwned):
    """The note an open action point needs at each meeting it is carried to."""

    action_point = models.ForeignKey(ActionPoint, on_delete=models.CASCADE, related_name="updates")
    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="action_point_updates"
    )
    note = models.TextField(max_length=1000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["action_point", "meeting"], name="action_point_update_once_per_meeting"
            ),
            models.CheckConstraint(condition=~Q(note=""), name="action_point_update_has_note"),
        ]

    def __str__(self) -> str:
        return self.note[:80]


class Decision(OrganisationOwned):
    """What the chair decided about one proposal at one council meeting.

    Recorded during the meeting (``published_at`` empty: nobody else sees it),
    then published together with the meeting's other decisions. Publication is
    claimed with ``UPDATE ... WHERE published_at IS NULL`` so it happens once.
    """

    class Outcome(models.TextChoices):
        ACCEPTED = "accepted", "Accepted"
        ACCEPTED_WITH_CHANGES = "accepted_with_changes", "Accepted with changes"
        DEFERRED = "deferred", "Deferred"
        NOT_ACCEPTED = "not_accepted", "Not accepted"
        REPLACED = "replaced", "Replaced by a new proposal"
        WITHDRAWN = "withdrawn", "Withdrawn"

    class ReasonCategory(models.TextChoices):
        NONE = "", "No reason category"
        COST = "cost", "Cost"
        POLICY = "policy", "Policy"
        PRACTICALITY = "practicality", "Practicality"
        ALREADY_IN_PLACE = "already_in_place", "Already in place"
        OTHER = "other", "Other"

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="decisions")
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="decisions")
    outcome = models.CharField(max_length=30, choices=Outcome.choices)
    changes_required = models.TextField(max_length=2000, blank=True)
    deferred_to = models.DateField(null=True, blank=True)
    deferred_to_meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason_category = models.CharField(
        max_length=20, choices=ReasonCategory.choices, default="", blank=True
    )
    # The explanation in plain English.
    reason = models.TextField(max_length=2000, blank=True)
    replaced_by = models.ForeignKey(
        Proposal, on_delete=models.SET_NULL, null=True, blank=True, related_name="replaces"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField()
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Claimed by the notification task, so a retried task never emails twice.
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-decided_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "meeting"], name="decision_once_per_meeting"
            ),
            models.CheckConstraint(
                condition=~Q(outcome="not_accepted") | (~Q(reason_category="") & ~Q(reason="")),
                name="decision_not_accepted_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(outcome="accepted_with_changes") | ~Q(changes_required=""),
                name="decision_changes_are_stated",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()}: {self.proposal}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def outcome_tag_class(self) -> str:
        return STATUS_TAG_CLASSES.get(self.outcome, "")


class ImplementationUpdate(OrganisationOwned):
    """A progress note from the proposal's owner."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        BLOCKED = "blocked", "Blocked"

    proposal = models.ForeignKey(
        Proposal, on_delete=models.PROTECT, related_name="implementation_updates"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=20, choices=Status.choices)
    note = models.TextField(max_length=2000)
    created_at = models.DateTimeField()

    class Meta:
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
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.body[:80]


class ProposalEvent(OrganisationOwned):
    """The proposal's timeline: every status change, decision, update and
    comment, with who and when. Written by the services, never edited."""

    class Kind(models.TextChoices):
        RAISED = "raised", "Proposal raised"
        EDITED = "edited", "Proposal edited"
        AUTHOR_ADDED = "author_added", "Co-author added"
        READY = "ready", "Ready for council"
        ON_AGENDA = "on_agenda", "Put on a meeting agenda"
        PRESENTED = "presented", "Presented at a council meeting"
        DECISION = "decision", "Decision published"
        OWNER_ASSIGNED = "owner_assigned", "Owner assigned"
        UPDATE = "update", "Implementation update"
        IMPLEMENTED = "implemented", "Done"
        NOT_IMPLEMENTED = "not_implemented", "Could not be done"
        WITHDRAWN = "withdrawn", "Withdrawn"
        COMMENT = "comment", "Comment"
        MEETING_CANCELLED = "meeting_cancelled", "Meeting cancelled"

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(db_index=True)
    from_status = models.CharField(max_length=30, choices=ProposalStatus.choices, blank=True)
    to_status = models.CharField(max_length=30, choices=ProposalStatus.choices, blank=True)
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField(max_length=4000, blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.at:%d/%m/%Y})"
