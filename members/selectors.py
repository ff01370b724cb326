from django.contrib.auth import get_user_model
from django.db.models import Prefetch, QuerySet

from councils.models import Organisation, RoleAssignment

User = get_user_model()


def people_for_org(organisation: Organisation) -> QuerySet:
    """Everyone who has held a role in the organisation, with those roles."""
    assignments = RoleAssignment.objects.filter(organisation=organisation).select_related(
        "region", "council"
    )
    return (
        User.objects.filter(role_assignments__organisation=organisation)
        .distinct()
        .prefetch_related(Prefetch("role_assignments", queryset=assignments, to_attr="org_roles"))
        .order_by("display_name", "username")
    )


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
