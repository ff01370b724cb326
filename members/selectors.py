import datetime as dt
import functools

from django.contrib.auth import get_user_model
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.lookups import Exact, LessThanOrEqual
from django.utils import timezone

from councils.models import Organisation, RoleAssignment
from councils.permissions import council_ids_where
from councils.precompiled import PrecompiledAggregate
from councils.selectors import name_fields

from . import eligibility
from .models import (
    CheckIn,
    EligibilityDecision,
    Letter,
    Referral,
    RepProfile,
    SuitabilityDecision,
)

User = get_user_model()


def people_for_org(organisation: Organisation) -> QuerySet:
    """Everyone who has held a role in the organisation, with those roles."""
    assignments = RoleAssignment.objects.filter(organisation=organisation).select_related(
        "region", "council"
    )
    # Found by id, not joined: a join needs DISTINCT over every column, and
    # the people page's count of them did too.
    holders = RoleAssignment.objects.filter(organisation=organisation).values("user_id")
    return (
        User.objects.filter(pk__in=holders)
        .prefetch_related(Prefetch("role_assignments", queryset=assignments, to_attr="org_roles"))
        .order_by("display_name", "username")
    )


# What the people page shows of each person: not their password hash and
# account flags.
PEOPLE_LIST_FIELDS = (
    "public_id",
    "display_name",
    "first_name",
    "last_name",
    "username",
    "last_login",
)


def people_list_for_org(organisation: Organisation) -> QuerySet:
    return people_for_org(organisation).only(*PEOPLE_LIST_FIELDS)


def person_for_org(organisation: Organisation, public_id) -> object | None:
    return people_for_org(organisation).filter(public_id=public_id).first()


# Elections, offices and training -----------------------------------------


def elections_for(user, organisation: Organisation) -> QuerySet:
    """Elections of the councils where the person runs elections or votes."""
    from councils.permissions import council_ids_where

    from .models import Election

    qs = Election.objects.filter(organisation=organisation).select_related("council")
    ids: set[int] = set()
    for perm in ("members.manage_elections", "members.vote_in_elections"):
        where = council_ids_where(user, organisation, perm)
        if where is None:
            return qs
        ids |= where
    return qs.filter(council_id__in=ids)


def election_for_page(organisation: Organisation, public_id: str):
    from .models import Election

    return (
        Election.objects.filter(organisation=organisation, public_id=public_id)
        .select_related("council", "rerun_of")
        .first()
    )


def nominations_for(election) -> QuerySet:
    return election.nominations.filter(withdrawn_at__isnull=True).select_related("candidate")


def withdrawn_nominations_for(election) -> QuerySet:
    """Who withdrew, when, by whom and why: shown to staff only."""
    return election.nominations.filter(withdrawn_at__isnull=False).select_related(
        "candidate", "withdrawn_by"
    )


def offices_held(organisation: Organisation, *, on=None) -> QuerySet:
    """Offices and seats held today, by council."""
    from django.utils import timezone

    from .models import OfficeHolding

    today = on or timezone.localdate()
    return (
        OfficeHolding.objects.filter(
            organisation=organisation, starts_on__lte=today, ends_on__gt=today
        )
        .select_related("council", "holder")
        .order_by("council__name", "office", "holder__display_name")
    )


def courses_for(organisation: Organisation) -> QuerySet:
    from django.db.models import Count

    from .models import Course

    return Course.objects.filter(organisation=organisation).annotate(
        session_count=Count("sessions", distinct=True)
    )


def training_of(person, organisation: Organisation) -> QuerySet:
    """A person's attended training, newest first: each one a certificate."""
    from .models import TrainingAttendance

    return TrainingAttendance.objects.filter(
        organisation=organisation, person=person
    ).select_related("session__course")


def involvement_statement_of(person, organisation: Organisation):
    from .models import InvolvementStatement

    return InvolvementStatement.objects.filter(organisation=organisation, person=person).first()


# ---------------------------------------------------------------- reps' journey
# Reads for the coordinator's Reps area. Each list is scoped to the councils
# where the person coordinates reps (council_ids_where), with related rows
# fetched in a fixed number of queries.

CHECK_IN_EVERY_WEEKS = 8
CURRENT_STATUSES = [
    RepProfile.Status.REFERRED,
    RepProfile.Status.ASSESSED,
    RepProfile.Status.TRAINED,
    RepProfile.Status.ACTIVE,
    RepProfile.Status.PAUSED,
]


def _in_councils(queryset, user, organisation, perm="members.manage_reps", field="council_id"):
    ids = council_ids_where(user, organisation, perm)
    if ids is None:
        return queryset
    return queryset.filter(**{f"{field}__in": ids})


# What the reps page's lists show of each rep, and what checking and
# auditing a listing reads: not their contact details, address or needs.
REP_ROW_FIELDS = (
    "public_id",
    "organisation",
    "council",
    "status",
    "contact_preference",
    "joined_on",
    "order_ends_on",
    *name_fields("user"),
)


def _rep_rows(queryset: QuerySet) -> QuerySet:
    """A row of a reps list: the rep with their name and their council's
    name (``council_name``), not a council object each (the lists name one
    of a few councils hundreds of times)."""
    return (
        queryset.select_related("user")
        .only(*REP_ROW_FIELDS)
        .annotate(council_name=F("council__name"))
    )


def reps_for(user, organisation: Organisation) -> QuerySet:
    """Every rep the person coordinates, by council and name, with what the
    reps page lists of them."""
    return _in_councils(
        _rep_rows(RepProfile.objects.filter(organisation=organisation)),
        user,
        organisation,
    ).order_by("council__name", "user__display_name", "id")


def rep_for(user, organisation: Organisation, public_id: str) -> RepProfile | None:
    return (
        RepProfile.objects.filter(organisation=organisation, public_id=public_id)
        .select_related("user", "council", "council__region")
        .first()
    )


# The subqueries below take no values: each is built once, since building
# them was a good part of the cost of the queries that use them (Django
# copies an expression before using it, so one built once is safe to share).


@functools.cache
def _end_date_decided() -> Exists:
    """An eligibility decision is recorded for the rep's present end date."""
    return Exists(
        EligibilityDecision.objects.filter(
            profile=OuterRef("pk"), order_ends_on=OuterRef("order_ends_on")
        )
    )


def _falling_out_range(today: dt.date) -> tuple[dt.date, dt.date] | None:
    """The first and last order end date of the reps who fall out soon:
    ``falls_out_soon`` holds for exactly the dates between (the last eligible
    day only moves forward with the end date), so a database filter on this
    range finds them with no Python left to decide."""
    start, end = eligibility.order_end_window(today)
    soon = [
        day
        for day in (start + dt.timedelta(days=n) for n in range((end - start).days + 1))
        if eligibility.falls_out_soon(day, today)
    ]
    return (soon[0], soon[-1]) if soon else None


def _falling_out_q(today: dt.date) -> Q:
    """Current reps who fall out soon and have no eligibility decision
    recorded for that end date."""
    window = _falling_out_range(today)
    if window is None:
        return Q(pk__in=[])
    return Q(status__in=CURRENT_STATUSES, order_ends_on__range=window) & ~_end_date_decided()


def reps_falling_out(user, organisation: Organisation, today: dt.date | None = None) -> list:
    """Current reps whose eligibility ends within the warning period and for
    whom no decision is recorded for that end date, soonest first."""
    return reps_awaiting_eligibility_decision(user, organisation, today)[0]


def reps_no_longer_eligible(user, organisation: Organisation, today=None) -> list:
    """Current reps already past eligibility with no decision recorded."""
    return reps_awaiting_eligibility_decision(user, organisation, today)[1]


def reps_awaiting_eligibility_decision(
    user, organisation: Organisation, today: dt.date | None = None
) -> tuple[list, list]:
    """``(reps_falling_out, reps_no_longer_eligible)`` from one query: the
    reps page shows both, and building a query cost more than running it."""
    today = today or timezone.localdate()
    window = _falling_out_range(today)
    # Two years are at least 730 days: everyone past it ended before this.
    ended = Q(order_ends_on__lt=today - dt.timedelta(days=728))
    if window is not None:
        ended |= Q(order_ends_on__range=window)
    candidates = reps_for(user, organisation).filter(
        ended, ~_end_date_decided(), status__in=CURRENT_STATUSES
    )
    falling_out, past = [], []
    for rep in candidates:
        if window is not None and window[0] <= rep.order_ends_on <= window[1]:
            rep.eligible_until = eligibility.eligible_until(rep.order_ends_on)
            rep.days_left = eligibility.days_left(rep.order_ends_on, today)
            falling_out.append(rep)
        elif eligibility.is_eligible(rep.order_ends_on, today) is False:
            past.append(rep)
    return sorted(falling_out, key=lambda r: r.eligible_until), past


# A deferred suitability decision's review shows as due this many days ahead.
REVIEW_DUE_WITHIN_DAYS = 14


@functools.cache
def _latest_suitability(column: str) -> Subquery:
    latest = SuitabilityDecision.objects.filter(profile=OuterRef("pk")).order_by(
        "-decided_on", "-recorded_at", "-id"
    )
    return Subquery(latest.values(column)[:1])


def _review_due_q(today: dt.date, within_days: int) -> Q:
    """The rep's latest suitability decision was deferred, with a review date
    that has come or comes within ``within_days``."""
    return Q(Exact(_latest_suitability("decision"), SuitabilityDecision.Decision.DEFERRED)) & Q(
        LessThanOrEqual(_latest_suitability("review_on"), today + dt.timedelta(days=within_days))
    )


def suitability_reviews_due(
    user, organisation: Organisation, today=None, within_days: int = REVIEW_DUE_WITHIN_DAYS
) -> list:
    """Reps whose latest suitability decision was deferred with a review date
    that has come (or comes within two weeks). Restricted: only for people
    who may see restricted records; the list shows names and dates, never
    the reason."""
    return reps_due_a_review_or_check_in(user, organisation, today, within_days=within_days)[0]


CHECK_IN_STATUSES = [RepProfile.Status.ACTIVE, RepProfile.Status.PAUSED]


@functools.cache
def _any_check_in() -> Exists:
    return Exists(CheckIn.objects.filter(profile=OuterRef("pk")))


def _check_in_overdue_q(since: dt.date) -> Q:
    """``check_ins_overdue``'s rule in SQL: no check-in after ``since``, and
    either some check-in before it or joined by then (or joined on an
    unknown day)."""
    check_ins = CheckIn.objects.filter(profile=OuterRef("pk"))
    return ~Exists(check_ins.filter(held_on__gt=since)) & (
        _any_check_in() | Q(joined_on__isnull=True) | Q(joined_on__lte=since)
    )


def check_ins_overdue_count(
    user, organisation: Organisation, today=None, weeks: int = CHECK_IN_EVERY_WEEKS
) -> int:
    """``len(check_ins_overdue(...))``, counted in the database."""
    today = today or timezone.localdate()
    since = today - dt.timedelta(weeks=weeks)
    return (
        _in_councils(
            RepProfile.objects.filter(organisation=organisation, status__in=CHECK_IN_STATUSES),
            user,
            organisation,
            perm="members.view_rep_restricted",
        )
        .filter(_check_in_overdue_q(since))
        .count()
    )


def check_ins_overdue(
    user, organisation: Organisation, today=None, weeks: int = CHECK_IN_EVERY_WEEKS
) -> list:
    """Active or paused reps with no check-in for ``weeks`` weeks (or never,
    counted from when they joined)."""
    return reps_due_a_review_or_check_in(user, organisation, today, weeks=weeks)[1]


@functools.cache
def _last_check_in() -> Subquery:
    latest = CheckIn.objects.filter(profile=OuterRef("pk")).order_by("-held_on")
    return Subquery(latest.values("held_on")[:1])


def reps_due_a_review_or_check_in(
    user,
    organisation: Organisation,
    today=None,
    *,
    within_days: int = REVIEW_DUE_WITHIN_DAYS,
    weeks: int = CHECK_IN_EVERY_WEEKS,
) -> tuple[list, list]:
    """``(suitability_reviews_due, check_ins_overdue)`` from one query: the
    reps page shows both, from the same restricted records, and building a
    query cost more than running it."""
    today = today or timezone.localdate()
    since = today - dt.timedelta(weeks=weeks)
    review_due = _review_due_q(today, within_days)
    reps = (
        _rep_rows(
            _in_councils(
                RepProfile.objects.filter(organisation=organisation),
                user,
                organisation,
                perm="members.view_rep_restricted",
            )
        )
        .annotate(
            review_on=_latest_suitability("review_on"),
            review_due=ExpressionWrapper(review_due, output_field=BooleanField()),
            last_check_in=_last_check_in(),
        )
        .filter(review_due | Q(status__in=CHECK_IN_STATUSES))
    )
    reviews, overdue = [], []
    for rep in reps:
        if rep.review_due:
            reviews.append(rep)
        if rep.status not in CHECK_IN_STATUSES:
            continue
        last = rep.last_check_in
        if last is None and rep.joined_on is not None and rep.joined_on > since:
            continue
        if last is None or last <= since:
            overdue.append(rep)
    reviews.sort(key=lambda r: r.review_on)
    # Two reps of the same name keep one order from one view to the next.
    overdue.sort(key=lambda r: (r.last_check_in or dt.date.min, str(r.user), r.pk))
    return reviews, overdue


def referrals_for(user, organisation: Organisation, status: str | None = None) -> QuerySet:
    """Referrals the person may work: their councils', and (for
    organisation-wide coordinators) those with no council yet."""
    queryset = Referral.objects.filter(organisation=organisation).select_related("council")
    ids = council_ids_where(user, organisation, "members.manage_reps")
    if ids is not None:
        queryset = queryset.filter(council_id__in=ids)
    if status:
        queryset = queryset.filter(status=status)
    return queryset


def _letters_to_post(user, organisation: Organisation) -> QuerySet:
    letters = Letter.objects.filter(organisation=organisation, posted_at__isnull=True)
    ids = council_ids_where(user, organisation, "members.manage_reps")
    if ids is not None:
        letters = letters.filter(person__rep_profile__council_id__in=ids)
    return letters


def letters_to_post(user, organisation: Organisation) -> list:
    """Letters waiting to be posted to reps the person coordinates, with the
    rep's address and needs (large print)."""
    return list(
        _letters_to_post(user, organisation).select_related("person", "person__rep_profile")
    )


def letters_to_post_count(user, organisation: Organisation) -> int:
    return _letters_to_post(user, organisation).count()


def restricted_counts(profile: RepProfile) -> dict:
    """How many restricted staff records exist about a rep (for their own
    page, which says they exist without showing them)."""
    # One query, not four: a rep has a handful of each, so joining them all
    # and counting distinct rows stays small.
    return RepProfile.objects.filter(pk=profile.pk).aggregate(
        suitability=Count("suitability_decisions", distinct=True),
        conditions=Count("conditions", distinct=True),
        boundaries=Count("boundaries_agreements", distinct=True),
        check_ins=Count("check_ins", distinct=True),
    )


def _scope_key(ids: set[int] | None) -> tuple[int, ...] | None:
    return None if ids is None else tuple(sorted(ids))


def _reps_counts_query(key, organisation_id):
    """The reps' own counts on the coordinator's home, for
    ``reps_attention_counts``: ``key`` is today and the councils the person
    manages and sees restricted records of (None: all of them; restricted
    False: none), which decide the query's shape."""
    today, managed_ids, restricted_ids = key
    managed = Q() if managed_ids is None else Q(council_id__in=managed_ids)
    counts = {
        "rep_count": Count("id", filter=managed & Q(status=RepProfile.Status.ACTIVE)),
        "falling_out": Count("id", filter=managed & _falling_out_q(today)),
    }
    if restricted_ids is not False:
        restricted = Q() if restricted_ids is None else Q(council_id__in=restricted_ids)
        since = today - dt.timedelta(weeks=CHECK_IN_EVERY_WEEKS)
        counts["reviews_due"] = Count(
            "id", filter=restricted & _review_due_q(today, REVIEW_DUE_WITHIN_DAYS)
        )
        counts["check_ins_overdue"] = Count(
            "id",
            filter=restricted & Q(status__in=CHECK_IN_STATUSES) & _check_in_overdue_q(since),
        )
    return RepProfile.objects.filter(organisation_id=organisation_id), counts


# Its SQL built once a day and scope: building it cost twenty times running it.
_REPS_COUNTS = PrecompiledAggregate(_reps_counts_query)


def reps_scope(user, organisation: Organisation) -> tuple:
    """What decides which reps the person's reps pages and panels count:
    the councils they coordinate and those whose restricted records they
    read (None: all of them; False: none), as key parts."""
    from .access import may_see_restricted_anywhere

    restricted_ids = (
        _scope_key(council_ids_where(user, organisation, "members.view_rep_restricted"))
        if may_see_restricted_anywhere(user, organisation)
        else False
    )
    return (
        _scope_key(council_ids_where(user, organisation, "members.manage_reps")),
        restricted_ids,
    )


def reps_attention_counts(user, organisation: Organisation) -> dict:
    """The numbers on the coordinator's home panels, each equal to the
    length of its list on the reps page. The reps' own counts are one query
    (each was a query of its own, most of the panel's time)."""
    key = (timezone.localdate(), *reps_scope(user, organisation))
    figures = {"reviews_due": 0, "check_ins_overdue": 0}
    figures.update(_REPS_COUNTS.run(key=key, organisation_id=organisation.pk))
    return {
        "organisation": organisation,
        **figures,
        "to_contact": referrals_for(user, organisation, Referral.Status.TO_CONTACT).count(),
        "letters": letters_to_post_count(user, organisation),
    }
