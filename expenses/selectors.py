"""Reads for expenses: querysets scoped to one organisation, with what their
pages need loaded in a fixed number of queries."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db.models import IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from councils.models import Council, Organisation, RoleAssignment
from councils.permissions import council_ids_where, roles_granting

from .models import Advance, Claim, ClaimLine, ClaimStatus, ExpensePolicy
from .workdays import working_days_before, working_days_between

User = get_user_model()
WAITING = (ClaimStatus.SUBMITTED, ClaimStatus.APPROVED)
DEFAULT_TARGET = ExpensePolicy._meta.get_field("payment_target_working_days").default


def _sum_of(model, field: str):
    """The sum of ``field`` over ``model`` rows of each claim, as a subquery, so
    that two sums on one claim never multiply each other through a join."""
    rows = (
        model.objects.filter(claim=OuterRef("pk"))
        .order_by()
        .values("claim")
        .annotate(total=Sum(field))
        .values("total")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def with_totals(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    return claims.annotate(
        total_pence=_sum_of(ClaimLine, "amount_pence"),
        advanced_pence=_sum_of(Advance, "amount_pence"),
    )


def _listed(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    return with_totals(claims.select_related("rep", "council", "created_by"))


def target_days(organisation: Organisation) -> int:
    policy = ExpensePolicy.objects.filter(organisation=organisation).first()
    return policy.payment_target_working_days if policy else DEFAULT_TARGET


def age_in_working_days(claim: Claim, today: dt.date | None = None) -> int:
    if claim.submitted_at is None:
        return 0
    today = today or timezone.localdate()
    return working_days_between(timezone.localtime(claim.submitted_at).date(), today)


def mark_ages(claims, *, target: int, today: dt.date | None = None) -> list[Claim]:
    """Set ``age_days`` and ``is_overdue`` on each claim of a list."""
    today = today or timezone.localdate()
    rows = list(claims)
    for claim in rows:
        claim.age_days = age_in_working_days(claim, today)
        claim.is_overdue = claim.status in WAITING and claim.age_days > target
    return rows


def claims_of_rep_and_made_for_others(organisation: Organisation, user) -> tuple[list, list]:
    """The person's own claims, and the claims they made for other reps,
    newest first: read together in one query and split here."""
    claims = _listed(
        Claim.objects.filter(organisation=organisation).filter(Q(rep=user) | Q(created_by=user))
    ).order_by("-created_at")
    own, for_others = [], []
    for claim in claims:
        (own if claim.rep_id == user.pk else for_others).append(claim)
    return own, for_others


def _in_councils(claims: QuerySet[Claim], council_ids: set[int] | None) -> QuerySet[Claim]:
    return claims if council_ids is None else claims.filter(council_id__in=council_ids)


def claims_waiting(organisation: Organisation, user) -> QuerySet[Claim]:
    """Claims waiting for approval in the councils the user approves for, oldest first."""
    return claims_waiting_in(
        organisation, council_ids_where(user, organisation, "expenses.approve_expenses")
    )


def claims_waiting_in(organisation: Organisation, council_ids: set[int] | None) -> QuerySet[Claim]:
    """Claims waiting for approval in these councils (None: all), oldest first."""
    claims = Claim.objects.filter(organisation=organisation, status=ClaimStatus.SUBMITTED)
    return _listed(_in_councils(claims, council_ids)).order_by("submitted_at", "pk")


def claims_to_pay(organisation: Organisation) -> QuerySet[Claim]:
    claims = Claim.objects.filter(organisation=organisation, status=ClaimStatus.APPROVED)
    return _listed(claims).order_by("submitted_at", "pk")


def claims_paid_on(organisation: Organisation, day: dt.date) -> QuerySet[Claim]:
    claims = Claim.objects.filter(organisation=organisation, status=ClaimStatus.PAID, paid_on=day)
    return _listed(claims).order_by("council__name", "pk")


def claims_by_public_ids(organisation: Organisation, public_ids: list[str]) -> list[Claim]:
    return list(Claim.objects.filter(organisation=organisation, public_id__in=public_ids))


def claim_for_page(organisation: Organisation, public_id: str) -> Claim | None:
    return (
        with_totals(Claim.objects.filter(organisation=organisation, public_id=public_id))
        .select_related(
            "rep",
            "council",
            "created_by",
            "surgery",
            "surgery__site",
            "meeting",
            "first_approved_by",
            "approved_by",
            "paid_by",
        )
        .prefetch_related(
            Prefetch("lines", queryset=ClaimLine.objects.select_related("receipt")),
            "history__actor",
            "advances",
        )
        .first()
    )


def line_for_claim(claim: Claim, public_id: str) -> ClaimLine | None:
    return ClaimLine.objects.filter(claim=claim, public_id=public_id).first()


def people_holding(council: Council, perm: str) -> QuerySet:
    """Active people holding ``perm`` over this council (on it, its region or
    the whole organisation)."""
    covering = (
        RoleAssignment.objects.active()
        .filter(organisation_id=council.organisation_id, role__in=roles_granting(perm))
        .filter(
            Q(council_id=council.pk)
            | Q(region_id=council.region_id)
            | Q(council__isnull=True, region__isnull=True)
        )
    )
    return User.objects.filter(is_active=True, pk__in=covering.values("user_id")).order_by(
        "display_name", "username"
    )


def reps_of_councils(organisation: Organisation, council_ids: set[int] | None) -> QuerySet:
    """People who may claim in these councils: for a coordinator claiming for a rep."""
    assignments = RoleAssignment.objects.active().filter(
        organisation=organisation, role__in=roles_granting("expenses.claim_expenses")
    )
    if council_ids is not None:
        assignments = assignments.filter(council_id__in=council_ids)
    return User.objects.filter(is_active=True, pk__in=assignments.values("user_id")).order_by(
        "display_name", "username"
    )


# ---------------------------------------------------------------- advances


def advances_open(organisation: Organisation, council_ids: set[int] | None) -> QuerySet[Advance]:
    advances = Advance.objects.filter(organisation=organisation, claim__isnull=True)
    if council_ids is not None:
        advances = advances.filter(council_id__in=council_ids)
    return advances.select_related("rep", "council", "given_by").order_by("activity_date", "pk")


def advances_open_for_claim(claim: Claim) -> QuerySet[Advance]:
    return Advance.objects.filter(
        organisation_id=claim.organisation_id, rep_id=claim.rep_id, claim__isnull=True
    ).order_by("activity_date")


def advances_of_rep(organisation: Organisation, user) -> QuerySet[Advance]:
    return Advance.objects.filter(organisation=organisation, rep=user).order_by("-activity_date")


# ---------------------------------------------------------------- reminders


def overdue_claim_ids(*, today: dt.date) -> list[int]:
    """Waiting claims of every organisation older than its target. Scheduled
    work: crosses organisations on purpose."""
    ids: list[int] = []
    org_ids = (
        Claim.objects.filter(status__in=WAITING)
        .values_list("organisation_id", flat=True)
        .distinct()
    )
    targets = dict(
        ExpensePolicy.objects.filter(organisation_id__in=list(org_ids)).values_list(
            "organisation_id", "payment_target_working_days"
        )
    )
    for org_id in org_ids:
        cutoff = working_days_before(today, targets.get(org_id, DEFAULT_TARGET))
        start_of_next_day = timezone.make_aware(
            dt.datetime.combine(cutoff + dt.timedelta(days=1), dt.time.min)
        )
        ids += list(
            Claim.objects.filter(
                organisation_id=org_id, status__in=WAITING, submitted_at__lt=start_of_next_day
            ).values_list("pk", flat=True)
        )
    return ids


# ---------------------------------------------------------------- involvement payments
# Their own lists: never mixed into a list or total of expense claims.


def involvement_payments(organisation: Organisation, council_ids: set[int] | None):
    from .models import InvolvementPayment

    payments = InvolvementPayment.objects.filter(organisation=organisation)
    if council_ids is not None:
        payments = payments.filter(council_id__in=council_ids)
    return payments.select_related("rep", "council", "created_by", "paid_by")


def involvement_to_pay(organisation: Organisation):
    return (
        involvement_payments(organisation, None)
        .filter(status="waiting")
        .order_by("created_at", "pk")
    )


def involvement_paid_recently(organisation: Organisation, *, limit: int = 50):
    """For finance: the latest paid, so one paid in error can be recorded as such."""
    return (
        involvement_payments(organisation, None)
        .filter(status="paid")
        .order_by("-paid_on", "-pk")[:limit]
    )


def involvement_of_rep(organisation: Organisation, user):
    return involvement_payments(organisation, None).filter(rep=user)


def advice_by_rep(organisation: Organisation, rep_ids) -> dict:
    """The benefits-advice record in force for each rep: the newest."""
    from .models import BenefitsAdvice

    newest: dict = {}
    for advice in BenefitsAdvice.objects.filter(
        organisation=organisation, rep_id__in=list(rep_ids)
    ).select_related("recorded_by"):
        newest.setdefault(advice.rep_id, advice)
    return newest
