"""Reps and the diversity of the people a council reached. Every count of
people goes through the disclosure rule (councils.disclosure)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Case, Count, Exists, F, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from councils.periods import Period
from members.bands import AgeBand, Ethnicity, Gender, OrderType
from members.models import RepProfile, RepStatusChange

from ..content import DiversityGroup, Reps
from .scope import ReportScope, end_of_period, start_of_day

DIVERSITY_FIELDS = [
    ("gender", _("Gender"), Gender),
    ("age_band", _("Age"), AgeBand),
    ("ethnicity", _("Ethnicity"), Ethnicity),
    ("order_type", _("Order or licence"), OrderType),
]
# Reps' order or licence is not asked for.
REP_DIVERSITY_FIELDS = DIVERSITY_FIELDS[:3]


# A rep with a leaving date who has gone: they were active until they left.
LEFT_STATUSES = [
    RepProfile.Status.MOVED_ON,
    RepProfile.Status.STEPPED_DOWN,
    RepProfile.Status.ALUMNI,
]


def with_status_on(queryset: QuerySet, day: dt.date, name: str = "status_on") -> QuerySet:
    """Each rep's status as at ``day`` (annotated as ``name``), from their
    status history (``RepStatusChange``): the latest change on or before the
    day; active before their first change; their current status if they
    have none."""
    changes = RepStatusChange.objects.filter(profile=OuterRef("pk"))
    latest = changes.filter(changed_on__lte=day).order_by("-changed_on", "-recorded_at", "-id")
    return queryset.annotate(
        **{
            # The latest change's status (never empty), if there is one.
            name: Coalesce(
                Subquery(latest.values("status")[:1]),
                Case(
                    When(Exists(changes), then=Value(RepProfile.Status.ACTIVE)),
                    # No history (reps recorded before it was kept): a rep who
                    # has left since was active until their leaving date.
                    When(
                        left_on__gt=day,
                        status__in=LEFT_STATUSES,
                        then=Value(RepProfile.Status.ACTIVE),
                    ),
                    default=F("status"),
                ),
            )
        }
    )


def active_reps_q(day: dt.date, status: str = "status_on") -> Q:
    """Active on ``day``: use on a queryset from ``with_status_on(.., day)``
    (``status`` names its annotation).
    Joined by then (a rep with no joining date joined when their account was
    made), active as at that day, and not yet left."""
    return on_the_council_q(day) & Q(**{status: RepProfile.Status.ACTIVE})


def on_the_council_q(day: dt.date) -> Q:
    """Joined by ``day`` and not yet left: active on that day if their
    status then was active (``active_reps_q``)."""
    joined = Q(joined_on__lte=day) | Q(
        joined_on__isnull=True, user__date_joined__lt=start_of_day(day + dt.timedelta(days=1))
    )
    not_left = Q(left_on__isnull=True) | Q(left_on__gt=day)
    return joined & not_left


def active_reps(scope: ReportScope, day: dt.date) -> QuerySet[RepProfile]:
    reps = RepProfile.objects.filter(scope.councils_q(), organisation=scope.organisation)
    return with_status_on(reps, day).filter(active_reps_q(day))


@dataclass(frozen=True)
class RepFigures:
    reps: Reps
    # The reps active at the period's end, by the answers they chose to give.
    diversity: list[DiversityGroup]


def reps(scope: ReportScope, period: Period) -> Reps:
    return reps_in(scope, {"period": period})["period"].reps


def reps_in(
    scope: ReportScope, periods: dict[str, Period], *, with_diversity: bool = True
) -> dict[str, RepFigures]:
    """Reps active at the end of each of ``periods`` (by name), those who
    joined, trained, moved on and left in it, and the diversity of those
    active, in one query: counted by each combination of the reps' answers
    (``REP_DIVERSITY_FIELDS``) and of their statuses at the periods' ends (a
    few dozen rows), added up here. Each status is worked out once a rep, in
    the grouping, rather than once for each count that asks about it.
    Without ``with_diversity``, counted by status only (fewer rows)."""
    reps_in_scope = RepProfile.objects.filter(scope.councils_q(), organisation=scope.organisation)
    statuses = {key: f"status_on_{key}" for key in periods}
    counts = {}
    for key, period in periods.items():
        reps_in_scope = with_status_on(reps_in_scope, period.end, name=statuses[key])
        in_period = (period.start, period.end)
        # Active if on the council then, and their status then was active.
        counts[f"on_council_{key}"] = Count("id", filter=on_the_council_q(period.end))
        # A rep with no joining date joined when their account was made.
        counts[f"new_{key}"] = Count(
            "id",
            filter=Q(joined_on__range=in_period)
            | Q(
                joined_on__isnull=True,
                user__date_joined__gte=start_of_day(period.start),
                user__date_joined__lt=end_of_period(period),
            ),
        )
        counts[f"trained_{key}"] = Count("id", filter=Q(trained_on__range=in_period))
        # Moved on if they left in the period and their status then says so.
        counts[f"left_{key}"] = Count("id", filter=Q(left_on__range=in_period))
    answers = [field for field, _title, _choices in REP_DIVERSITY_FIELDS] if with_diversity else []
    groups = [*answers, *statuses.values()]
    rows = list(reps_in_scope.order_by().values(*groups).annotate(**counts))
    figures = {}
    for key in periods:
        status = statuses[key]
        active = [
            row[f"on_council_{key}"] if row[status] == RepProfile.Status.ACTIVE else 0
            for row in rows
        ]
        figures[key] = RepFigures(
            reps=Reps(
                active=sum(active),
                new=sum(row[f"new_{key}"] for row in rows),
                trained=sum(row[f"trained_{key}"] for row in rows),
                moved_on=sum(
                    row[f"left_{key}"] for row in rows if row[status] == RepProfile.Status.MOVED_ON
                ),
                left=sum(row[f"left_{key}"] for row in rows),
            ),
            diversity=_diversity_groups(
                ([row[a] for a in answers], n) for row, n in zip(rows, active, strict=True)
            )
            if with_diversity
            else [],
        )
    return figures


def diversity(queryset: QuerySet, fields) -> list[DiversityGroup]:
    """One table per question, from the answers people chose to give. All
    the questions in one query: how many gave each combination of answers
    (a few hundred combinations at most, however many people), added up
    here for each question."""
    names = [field for field, _title, _choices in fields]
    rows = queryset.order_by().values(*names).annotate(n=Count("id")).values_list(*names, "n")
    return _diversity_groups(((answers, n) for *answers, n in rows), fields)


def _diversity_groups(rows, fields=REP_DIVERSITY_FIELDS) -> list[DiversityGroup]:
    """The tables from how many people gave each combination of answers
    (``rows`` of answers in the order of ``fields``, and a count). An answer
    that is not one of the choices is not counted; an empty one is "not
    recorded"."""
    counts: dict[str, dict] = {field: defaultdict(int) for field, _title, _choices in fields}
    for answers, n in rows:
        for (field, _title, _choices), answer in zip(fields, answers, strict=True):
            counts[field][answer] += n
    groups = []
    for field, title, choices in fields:
        answered = counts[field]
        labelled = [
            (str(label), answered[value])
            for value, label in zip(choices.values, choices.labels, strict=True)
            if answered[value]
        ]
        if labelled:
            not_recorded = answered[""] + answered[None]
            groups.append(DiversityGroup.from_counts(str(title), labelled, not_recorded))
    return groups
