"""Reps and the diversity of the people a council reached. Every count of
people goes through the disclosure rule (councils.disclosure)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from councils.periods import Period
from members.bands import AgeBand, Ethnicity, Gender, OrderType
from members.models import RepProfile

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


def active_reps_q(day: dt.date) -> Q:
    """Reps active on ``day``: joined by then (a rep with no joining date
    joined when their account was made), and either still active now or
    leaving only after that day (a rep who moved on in a later quarter was
    active at the end of this one)."""
    joined = Q(joined_on__lte=day) | Q(
        joined_on__isnull=True, user__date_joined__lt=start_of_day(day + dt.timedelta(days=1))
    )
    still_here = Q(left_on__isnull=True, status=RepProfile.Status.ACTIVE)
    left_later = Q(left_on__gt=day, status__in=[RepProfile.Status.ACTIVE, *LEFT_STATUSES])
    return joined & (still_here | left_later)


# A rep with a leaving date who has gone: they were active until they left.
LEFT_STATUSES = [
    RepProfile.Status.MOVED_ON,
    RepProfile.Status.STEPPED_DOWN,
    RepProfile.Status.ALUMNI,
]


def active_reps(scope: ReportScope, day: dt.date) -> QuerySet[RepProfile]:
    return RepProfile.objects.filter(
        scope.councils_q(), active_reps_q(day), organisation=scope.organisation
    )


def reps(scope: ReportScope, period: Period) -> Reps:
    in_period = (period.start, period.end)
    row = RepProfile.objects.filter(scope.councils_q(), organisation=scope.organisation).aggregate(
        active=Count("id", filter=active_reps_q(period.end)),
        # A rep with no joining date joined when their account was made.
        new=Count(
            "id",
            filter=Q(joined_on__range=in_period)
            | Q(
                joined_on__isnull=True,
                user__date_joined__gte=start_of_day(period.start),
                user__date_joined__lt=end_of_period(period),
            ),
        ),
        trained=Count("id", filter=Q(trained_on__range=in_period)),
        moved_on=Count("id", filter=Q(status=RepProfile.Status.MOVED_ON, left_on__range=in_period)),
        left=Count("id", filter=Q(left_on__range=in_period)),
    )
    return Reps(**row)


def diversity(queryset: QuerySet, fields) -> list[DiversityGroup]:
    """One table per question, from the answers people chose to give."""
    groups = []
    for field, title, choices in fields:
        rows = queryset.values(field).annotate(n=Count("id")).order_by(field)
        counts = {row[field]: row["n"] for row in rows}
        not_recorded = counts.pop("", 0) + counts.pop(None, 0)
        labelled = [
            (str(label), counts[value]) for value, label in choices.choices if counts.get(value)
        ]
        if labelled:
            groups.append(DiversityGroup.from_counts(str(title), labelled, not_recorded))
    return groups
