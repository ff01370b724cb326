"""Meetings and what happens at them: agenda, attendance, minutes and
action points."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext_lazy as _

from councils.models import Council, OrganisationOwned

from .proposals import Proposal


def usual_papers_due(date: datetime.date, organisation) -> datetime.date:
    """Papers are due the organisation's number of days before the meeting."""
    return date - datetime.timedelta(days=organisation.papers_due_days)


class Meeting(OrganisationOwned):
    """A hub meeting (reps only) or a council meeting (chaired by senior staff).

    Papers are due ``organisation.papers_due_days`` before the date.
    """

    class Kind(models.TextChoices):
        HUB = "hub", _("Proposal hub meeting (reps only)")
        COUNCIL = "council", _("Council meeting")

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
    # Set when the coordinator chose the papers date (the usual one had
    # already passed when the meeting was planned); otherwise the usual rule.
    papers_due = models.DateField(_("papers due"), null=True, blank=True)
    # Claimed with a conditional update so the reminder goes once.
    papers_reminder_sent_at = models.DateTimeField(null=True, blank=True)
    minutes_completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-date", "-starts_at"]
        indexes = [models.Index(fields=["organisation", "council", "date"])]
        permissions = [
            ("manage_meetings", "Schedule meetings and edit agendas"),
            ("take_minutes", "Write minutes and action point updates"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["hub", "council"]), name="meeting_kind_is_known"
            ),
            models.CheckConstraint(condition=~Q(venue=""), name="meeting_says_where"),
            models.CheckConstraint(
                condition=Q(papers_due__isnull=True) | Q(papers_due__lte=F("date")),
                name="meeting_papers_due_by_the_meeting",
            ),
            # Everyone invited is told why.
            models.CheckConstraint(
                condition=Q(cancelled_at__isnull=True) | ~Q(cancelled_reason=""),
                name="meeting_cancelled_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(cancelled_at__isnull=False) | Q(cancellation_notified_at__isnull=True),
                name="meeting_cancellation_notified_only_when_cancelled",
            ),
            models.CheckConstraint(
                condition=Q(cancelled_at__isnull=True) | Q(minutes_completed_at__isnull=True),
                name="meeting_cancelled_has_no_minutes",
            ),
        ]

    def __str__(self) -> str:
        day = date_format(self.date, "j F Y")
        if self.kind == self.Kind.HUB:
            return _("Hub meeting, %(day)s") % {"day": day}
        return _("Council meeting, %(day)s") % {"day": day}

    @property
    def papers_due_on(self) -> datetime.date:
        return self.papers_due or usual_papers_due(self.date, self.organisation)

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
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

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
        verbose_name = _("action point")
        verbose_name_plural = _("action points")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["organisation", "council", "status"])]
        constraints = [
            models.CheckConstraint(condition=~Q(description=""), name="action_point_says_what"),
            models.CheckConstraint(
                condition=(Q(status="open") & Q(closed_at__isnull=True))
                | (Q(status="closed") & Q(closed_at__isnull=False)),
                name="action_point_closed_says_when",
            ),
        ]

    def __str__(self) -> str:
        return self.description[:80]


class AgendaItem(OrganisationOwned):
    """One item on a meeting's agenda, in order. Assembled automatically (ready
    proposals, proposals awaiting an implementation update, open action points)
    and then ordered and edited by the coordinator."""

    class Kind(models.TextChoices):
        PROPOSAL = "proposal", _("Proposal")
        IMPLEMENTATION_UPDATE = "implementation_update", _("Implementation update")
        ACTION_POINT = "action_point", _("Action point carried forward")
        OTHER = "other", _("Other business")

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
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
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
            models.CheckConstraint(
                condition=~Q(kind="other") | ~Q(title=""), name="agenda_other_business_has_title"
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=["proposal", "implementation_update"])
                | Q(proposal__isnull=False),
                name="agenda_proposal_item_names_proposal",
            ),
            models.CheckConstraint(
                condition=~Q(kind="action_point") | Q(action_point__isnull=False),
                name="agenda_action_item_names_action_point",
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
        ATTENDED = "attended", _("Attended")
        APOLOGIES = "apologies", _("Sent apologies")
        ABSENT = "absent", _("Absent")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="attendance"
    )
    status = models.CharField(max_length=10, choices=Status.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
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
        verbose_name = _("minute point")
        verbose_name_plural = _("minutes")
        ordering = ["created_at", "id"]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="minute_point_has_text")]

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
        verbose_name = _("action point update")
        verbose_name_plural = _("action point updates")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["action_point", "meeting"], name="action_point_update_once_per_meeting"
            ),
            models.CheckConstraint(condition=~Q(note=""), name="action_point_update_has_note"),
        ]

    def __str__(self) -> str:
        return self.note[:80]
