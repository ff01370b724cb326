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
