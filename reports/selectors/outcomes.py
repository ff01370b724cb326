"""Proposals and what became of them: the You Said We Did lists (done, in
progress, could not be done), the funnel from raised to implemented, and
actions and updates that are late.

Statuses are read as they were at the end of the period (or now, for a
period not yet over) from each proposal's status history, which only ever
holds published decisions, so nothing a chair has not published is read here."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from councils.periods import Period
from proposals.models import ActionPoint, Proposal, ProposalStatus
from proposals.selectors import as_at_moment, status_since, with_printable_words, with_status_at

from ..content import FollowThrough, Funnel, ProposalOutcome
from .scope import ReportScope, end_of_period, in_period, month_label

# Lists in a You Said We Did document are capped so that an organisation-wide
# booklet stays readable (and its queries bounded).
LIST_LIMIT = 30

IN_PROGRESS_STATUSES = [
    ProposalStatus.ACCEPTED,
    ProposalStatus.ACCEPTED_WITH_CHANGES,
    ProposalStatus.IN_PROGRESS,
]

# The proposal's own words are never read here, only the approved ones.
OUTCOME_FIELDS = (
    "status_then",
    "target_date",
    "decided_at",
    "implemented_at",
    "not_implemented_at",
    "theme__name",
    "published_decision__changes_required",
    "published_decision__deferred_to",
    "published_decision__reason_category",
    # Only words a coordinator approved for publication are printed (None
    # while they wait, or once they changed): proposals.selectors.wording.
    "printable_title",
    "printable_problem",
    "printable_we_did",
    "printable_decision_reason",
    "printable_decision_changes",
    "printable_not_implemented_reason",
)


def proposals_in(scope: ReportScope) -> QuerySet[Proposal]:
    return Proposal.objects.filter(scope.councils_q(), organisation=scope.organisation)


def proposals_as_at(scope: ReportScope, period: Period) -> QuerySet[Proposal]:
    """The scope's proposals, each with ``status_then``: its status at the
    end of the period (or now, if the period is not over), and the words
    approved for print."""
    return with_printable_words(with_status_at(proposals_in(scope), as_at_moment(period.end)))


def outcomes(
    scope: ReportScope, period: Period
) -> tuple[list[ProposalOutcome], list[ProposalOutcome], list[ProposalOutcome]]:
    """What was done, what is in progress and what could not be done."""
    done = (
        proposals_as_at(scope, period)
        .filter(in_period("implemented_at", period), status_then=ProposalStatus.IMPLEMENTED)
        .order_by("-implemented_at", "-id")
        .values(*OUTCOME_FIELDS)[:LIST_LIMIT]
    )
    # Still going, or deferred, at the end of the period. (Not filtered on
    # ``decided_at``: a proposal deferred in this period and decided in a
    # later one carries the later date, and was still deferred then.)
    # A proposal the council replaced in the period is told too: its reps
    # are reworking it as a new proposal.
    doing = (
        proposals_as_at(scope, period)
        .annotate(status_since=status_since(as_at_moment(period.end)))
        .filter(
            Q(status_then__in=IN_PROGRESS_STATUSES)
            | Q(status_then=ProposalStatus.DEFERRED)
            | (Q(status_then=ProposalStatus.REPLACED) & in_period("status_since", period))
        )
        .order_by("-decided_at", "-id")
        .values(*OUTCOME_FIELDS)[:LIST_LIMIT]
    )
    # Not accepted or not done, as made public in the period: the status
    # changed then (a decision taken at a meeting late in one quarter and
    # published early in the next belongs to the next, when people learn it).
    could_not = (
        proposals_as_at(scope, period)
        .annotate(status_since=status_since(as_at_moment(period.end)))
        .filter(
            in_period("status_since", period),
            status_then__in=[ProposalStatus.NOT_ACCEPTED, ProposalStatus.NOT_IMPLEMENTED],
        )
        .order_by("-decided_at", "-id")
        .values(*OUTCOME_FIELDS)[:LIST_LIMIT]
    )
    we_did = [
        ProposalOutcome(
            title=printed_title(row),
            you_said=row.get("printable_problem") or "",
            outcome=row.get("printable_we_did") or _("This change has been made."),
            theme=row["theme__name"] or "",
            date_label=month_label(row["implemented_at"]),
        )
        for row in done
    ]
    in_progress = [in_progress_outcome(row) for row in doing]
    not_done = [not_done_outcome(row) for row in could_not]
    return we_did, in_progress, not_done


def printed_title(row: dict) -> str:
    """The approved title, or a true and neutral one from the theme."""
    if row.get("printable_title"):
        return row["printable_title"]
    if row["theme__name"]:
        return _("An idea about %(theme)s") % {"theme": row["theme__name"]}
    return _("An idea from the council's reps")


# What the reason category alone says, while the chair's words wait.
REFUSAL_SENTENCES = {
    "cost": gettext_lazy("The council did not accept this because of what it would cost."),
    "policy": gettext_lazy("The council did not accept this because of the rules it must follow."),
    "practicality": gettext_lazy(
        "The council did not accept this because it could not be done in practice."
    ),
    "already_in_place": gettext_lazy(
        "The council did not accept this because something like it is already in place."
    ),
}


def not_done_outcome(row: dict) -> ProposalOutcome:
    if row["status_then"] == ProposalStatus.NOT_IMPLEMENTED:
        reason = row.get("printable_not_implemented_reason") or _(
            "We tried to put this in place, but it could not be done."
        )
    else:
        reason = row.get("printable_decision_reason") or str(
            REFUSAL_SENTENCES.get(
                row.get("published_decision__reason_category") or "",
                _("The council did not accept this."),
            )
        )
    return ProposalOutcome(
        title=printed_title(row),
        you_said=row.get("printable_problem") or "",
        outcome=reason,
        theme=row["theme__name"] or "",
        date_label=month_label(row["decided_at"]),
    )


def in_progress_outcome(row: dict) -> ProposalOutcome:
    """What is happening, in plain sentences built from the published decision."""
    if row["status_then"] == ProposalStatus.REPLACED:
        text = _(
            "The council asked for a new version of this idea in %(month)s. "
            "The reps are working on it."
        ) % {"month": month_label(row["decided_at"])}
    elif row["status_then"] == ProposalStatus.DEFERRED:
        if row["published_decision__deferred_to"]:
            text = _("The council will look at this again in %(month)s.") % {
                "month": month_label(row["published_decision__deferred_to"])
            }
        else:
            text = _("The council will look at this again.")
        if row.get("printable_decision_reason"):
            text += " " + row["printable_decision_reason"]
    else:
        text = _("The council agreed to this in %(month)s.") % {
            "month": month_label(row["decided_at"])
        }
        if row.get("printable_decision_changes"):
            text += " " + _("It asked for a change: %(change)s") % {
                "change": row.get("printable_decision_changes")
            }
        elif row.get("published_decision__changes_required"):
            text += " " + _("It asked for some changes.")
        if row["target_date"]:
            text += " " + _("We aim to finish by %(month)s.") % {
                "month": month_label(row["target_date"])
            }
    deferred = row["status_then"] == ProposalStatus.DEFERRED
    return ProposalOutcome(
        title=printed_title(row),
        you_said=row.get("printable_problem") or "",
        outcome=text,
        theme=row["theme__name"] or "",
        date_label=month_label(row["decided_at"]),
        deferred=deferred,
        target_date=None if deferred else row["target_date"],
    )


def funnel(scope: ReportScope, period: Period) -> tuple[Funnel, int]:
    """The funnel, and how many accepted proposals are waiting for an update."""
    from proposals.selectors import proposal_figures

    figures = proposal_figures(
        organisation=scope.organisation,
        council_ids=scope.council_ids(),
        start=period.start,
        end=period.end,
    )
    result = Funnel(
        raised=figures.raised,
        presented=figures.presented,
        accepted=figures.accepted,
        implemented=figures.implemented,
        not_accepted=figures.not_accepted,
        median_days_to_decision=figures.median_days_to_decision,
        median_days_to_implementation=figures.median_days_to_implementation,
        decided_count=figures.decided_count,
        implemented_count_for_median=figures.implemented_in_period,
    )
    return result, figures.overdue


def follow_through(scope: ReportScope, period: Period, overdue_updates: int) -> FollowThrough:
    """Action points open at the end of the period, and those past their due date."""
    end = end_of_period(period)
    open_at_end = Q(created_at__lt=end) & (Q(closed_at__isnull=True) | Q(closed_at__gte=end))
    actions = ActionPoint.objects.filter(
        scope.councils_q(), open_at_end, organisation=scope.organisation
    ).aggregate(
        open=Count("id"),
        overdue=Count("id", filter=Q(due_on__lte=period.end)),
    )
    # A count: the statuses then, without the words approved for print.
    implementations = (
        with_status_at(proposals_in(scope), as_at_moment(period.end))
        .filter(status_then__in=IN_PROGRESS_STATUSES)
        .count()
    )
    return FollowThrough(
        open_actions=actions["open"],
        overdue_actions=actions["overdue"],
        open_implementations=implementations,
        overdue_updates=overdue_updates,
    )
