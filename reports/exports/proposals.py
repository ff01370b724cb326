"""Proposals: one row each, with the status history and the published
decisions. Titles and choices only: no "you said" words, no raw feedback, and
the people behind the evidence through the disclosure rule."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from councils.disclosure import people_count
from councils.periods import Period
from proposals.models import Decision, Proposal, ProposalEvent, ProposalStatus
from proposals.selectors import overdue_q

from ..selectors.scope import ReportScope, in_period
from .registry import ExportKind, ExportTable, register_export

STATUS_LABELS = dict(ProposalStatus.choices)


def _day(value):
    return timezone.localdate(value) if value else None


def _cell(cell):
    """A count of people: the number, or the words that say why it is hidden."""
    return cell.value if not cell.suppressed else cell.text


def proposals_in(scope: ReportScope, period: Period):
    """Proposals of the scope raised in the period or with anything on their
    timeline in it."""
    events = ProposalEvent.objects.filter(in_period("at", period), proposal_id=OuterRef("pk"))
    return (
        Proposal.objects.filter(scope.councils_q(), organisation=scope.organisation)
        .filter(in_period("raised_at", period) | Q(Exists(events)))
        .select_related("council", "council__region", "theme", "owner", "published_decision")
        .annotate(
            evidence_people=Count("evidence", distinct=True),
            evidence_surgeries=Count("evidence__surgery", distinct=True),
            is_overdue=Exists(Proposal.objects.filter(overdue_q(), pk=OuterRef("pk"))),
        )
        .prefetch_related(
            Prefetch(
                "events",
                queryset=ProposalEvent.objects.exclude(to_status="").order_by("at", "id"),
                to_attr="status_events",
            ),
            Prefetch(
                "decisions",
                queryset=Decision.objects.filter(published_at__isnull=False)
                .select_related("meeting")
                .order_by("meeting__date", "id"),
                to_attr="published_decisions",
            ),
        )
        .order_by("council__name", "raised_at", "id")
    )


def proposal_rows(scope: ReportScope, period: Period) -> ExportTable:
    header = [
        _("Reference"),
        _("Council"),
        _("Region"),
        _("Theme"),
        _("Title"),
        _("Status now"),
        _("Raised"),
        _("Ready for council"),
        _("First presented"),
        _("Decided"),
        _("Decision"),
        _("Reason category"),
        _("Owner"),
        _("Target date"),
        _("Done"),
        _("Overdue"),
        _("People in the evidence"),
        _("Surgeries in the evidence"),
        _("Status history"),
        _("Decisions"),
    ]

    def rows():
        for p in proposals_in(scope, period):
            decision = p.published_decision
            history = "; ".join(
                f"{_day(e.at).isoformat()} {STATUS_LABELS.get(e.to_status, e.to_status)}"
                for e in p.status_events
            )
            decisions = "; ".join(
                " ".join(
                    part
                    for part in (
                        d.meeting.date.isoformat(),
                        str(d.get_outcome_display()),
                        f"({d.get_reason_category_display()})" if d.reason_category else "",
                    )
                    if part
                )
                for d in p.published_decisions
            )
            yield [
                p.public_id,
                p.council.name,
                p.council.region.name if p.council.region_id else "",
                p.theme.name if p.theme_id else "",
                p.title,
                STATUS_LABELS.get(p.status, p.status),
                _day(p.raised_at),
                _day(p.ready_at),
                _day(p.presented_at),
                _day(p.decided_at),
                decision.get_outcome_display() if decision else "",
                decision.get_reason_category_display()
                if decision and decision.reason_category
                else "",
                str(p.owner) if p.owner_id else "",
                p.target_date,
                _day(p.implemented_at),
                p.is_overdue,
                _cell(people_count(p.evidence_people)),
                p.evidence_surgeries,
                history,
                decisions,
            ]

    return ExportTable(header, rows())


register_export(
    ExportKind(
        "proposals",
        gettext_lazy("Proposals, with status history and decisions"),
        proposal_rows,
        description=gettext_lazy(
            "One row for each proposal raised or changed in the period: dates, decisions, "
            "owner and target date. No feedback words."
        ),
    )
)
