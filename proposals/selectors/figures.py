"""Proposal figures with explicit denominators, computed in the database.

Shared with the reports app (quarterly report, You Said We Did), which
imports ``proposal_figures`` and ``ProposalFigures`` from ``proposals.selectors``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Case, Count, DurationField, F, Q, When
from django.utils.translation import gettext as _

from councils.models import Organisation
from councils.rates import Rate

from ..models import ACCEPTED_STATUSES, DECIDED_STATUSES, ProposalStatus
from .history import as_at_moment, overdue_then_q, with_status_at, with_update_then
from .proposals import aware_end, aware_start, proposals_for_org


@dataclass(frozen=True)
class ProposalFigures:
    """Proposal figures for one organisation (optionally some councils and a period).

    Cohorts, so that every share has its denominator:

    - ``raised``: proposals raised in the period.
    - ``presented``: proposals first presented at a council meeting in the period.
    - ``accepted``: of those presented, accepted (with or without changes),
      including those now being put in place or finished.
    - ``implemented``: of those presented, now done.
    - ``accepted_of_presented`` = accepted ÷ presented;
      ``implemented_of_accepted`` = implemented ÷ accepted;
      ``implemented_of_presented`` = implemented ÷ presented.
    - ``median_days_to_decision``: raised → final decision, for proposals whose
      final decision (not a deferral) was made in the period
      (``decided_count`` of them).
    - ``median_days_to_implementation``: decision → done, for proposals done in
      the period (``implemented_in_period`` of them).
    - ``overdue``: at the end of the period, being put in place and past the
      target date or with no update for 30 days (not limited to the period).

    Every status is the one the proposal had at the end of the period (or now,
    for a period not yet over), read from its status history.
    """

    raised: int
    presented: int
    accepted: int
    not_accepted: int
    deferred: int
    in_progress: int
    implemented: int
    not_implemented: int
    accepted_of_presented: Rate
    implemented_of_accepted: Rate
    implemented_of_presented: Rate
    decided_count: int
    median_days_to_decision: float | None
    implemented_in_period: int
    median_days_to_implementation: float | None
    overdue: int


def _median_days(spans: list[dt.timedelta]) -> tuple[int, float | None]:
    """How many, and the median in days to one decimal place: the middle
    one, or the mean of the middle two."""
    if not spans:
        return 0, None
    spans = sorted(spans)
    n = len(spans)
    middle = spans[(n - 1) // 2 : n // 2 + 1]
    seconds = sum(d.total_seconds() for d in middle) / len(middle)
    return n, round(seconds / 86400, 1)


def _period_q(field: str, start: dt.date | None, end: dt.date | None) -> Q:
    q = Q(**{f"{field}__isnull": False})
    if start:
        q &= Q(**{f"{field}__gte": aware_start(start)})
    if end:
        q &= Q(**{f"{field}__lt": aware_end(end)})
    return q


def proposal_figures(
    *,
    organisation: Organisation,
    council_ids: set[int] | list[int] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> ProposalFigures:
    """Figures with explicit denominators; see ``ProposalFigures`` for each cohort.

    ``council_ids`` None means every council of the organisation; ``start`` and
    ``end`` are dates (both included), None meaning open-ended.
    """
    base = proposals_for_org(organisation)
    if council_ids is not None:
        base = base.filter(council_id__in=list(council_ids))
    moment = as_at_moment(end)
    base = with_status_at(base, moment)
    # One row a status, the status worked out once a proposal (it is what
    # the rows are grouped by): how many were raised and presented in the
    # period, and how many were overdue at its end (read for those being
    # put in place). As a query for each figure, the database worked out
    # every proposal's status once per query.
    by_status = {
        row["status_then"]: row
        for row in with_update_then(base, moment)
        .values("status_then")
        .annotate(
            raised=Count("id", filter=_period_q("raised_at", start, end)),
            presented=Count("id", filter=_period_q("presented_at", start, end)),
            overdue=Count("id", filter=overdue_then_q(moment)),
        )
        .order_by()
    }

    def among(*statuses) -> int:
        return sum(by_status[status]["presented"] for status in statuses if status in by_status)

    row = {
        "presented": sum(counts["presented"] for counts in by_status.values()),
        "accepted": among(*ACCEPTED_STATUSES),
        "not_accepted": among(ProposalStatus.NOT_ACCEPTED),
        "deferred": among(ProposalStatus.DEFERRED),
        "in_progress": among(
            ProposalStatus.ACCEPTED,
            ProposalStatus.ACCEPTED_WITH_CHANGES,
            ProposalStatus.IN_PROGRESS,
        ),
        "implemented": among(ProposalStatus.IMPLEMENTED),
        "not_implemented": among(ProposalStatus.NOT_IMPLEMENTED),
    }
    raised = sum(counts["raised"] for counts in by_status.values())
    overdue = by_status.get(ProposalStatus.IN_PROGRESS, {}).get("overdue", 0)
    # Both medians from one query: the proposals decided or done in the
    # period, each with its status then (worked out once a row, in the
    # SELECT only) and its two spans, worked out by the database (a
    # duration, not two moments, to read each), sorted into the two
    # cohorts here. As two queries each (a count, then the middle rows),
    # the database worked out the statuses four times.
    decided_in_period = _period_q("decided_at", start, end)
    implemented_in_period = _period_q("implemented_at", start, end)
    to_decision_spans, to_implementation_spans = [], []
    for status, to_decision, to_implementation in (
        base.filter(decided_in_period | implemented_in_period, decided_at__isnull=False)
        .values_list(
            "status_then",
            Case(
                When(decided_in_period, then=F("decided_at") - F("raised_at")),
                output_field=DurationField(),
            ),
            Case(
                When(implemented_in_period, then=F("implemented_at") - F("decided_at")),
                output_field=DurationField(),
            ),
        )
        .order_by()
    ):
        if (
            to_decision is not None
            and status in DECIDED_STATUSES
            and status != ProposalStatus.WITHDRAWN
        ):
            to_decision_spans.append(to_decision)
        if to_implementation is not None and status == ProposalStatus.IMPLEMENTED:
            to_implementation_spans.append(to_implementation)
    decided_n, to_decision = _median_days(to_decision_spans)
    implemented_n, to_implementation = _median_days(to_implementation_spans)
    return ProposalFigures(
        raised=raised,
        presented=row["presented"],
        accepted=row["accepted"],
        not_accepted=row["not_accepted"],
        deferred=row["deferred"],
        in_progress=row["in_progress"],
        implemented=row["implemented"],
        not_implemented=row["not_implemented"],
        accepted_of_presented=Rate(
            row["accepted"], row["presented"], _("accepted"), _("presented")
        ),
        implemented_of_accepted=Rate(row["implemented"], row["accepted"], _("done"), _("accepted")),
        implemented_of_presented=Rate(
            row["implemented"], row["presented"], _("done"), _("presented")
        ),
        decided_count=decided_n,
        median_days_to_decision=to_decision,
        implemented_in_period=implemented_n,
        median_days_to_implementation=to_implementation,
        overdue=overdue,
    )
