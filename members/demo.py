"""Demo people: one of every role in each organisation. See the README's table."""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.utils import timezone

from councils.models import Council, Role, RoleAssignment

from .models import RepProfile

User = get_user_model()

DEMO_PASSWORD = "said-and-done-demo"
# Published in the README so that the demo's staff accounts can pass their
# second factor. Never use a known secret outside the demo.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP"

# (username suffix, name, role, scope: None = organisation, "region:<name>", or council slug)
PEOPLE = {
    "northmoor": [
        ("admin", "Ada Okafor", Role.ADMIN, None),
        ("coordinator", "Cora Lindqvist", Role.COORDINATOR, None),
        ("chair", "Charles Ambrose", Role.CHAIR, "region:Ashford Vale"),
        ("lead", "Lena Marsh", Role.LEAD, None),
        ("manager", "Morgan Reyes", Role.MANAGER, None),
        ("rep", "Ray Daniels", Role.REP, "ashford-vale"),
        ("rep2", "Jo Whitfield", Role.REP, "ashford-vale"),
        ("rep3", "Rita Kaur", Role.REP, "northmoor-women"),
        ("rep4", "Dev Patel", Role.REP, "calder-coast"),
    ],
    "southfen": [
        ("admin", "Sam Hartley", Role.ADMIN, None),
        ("coordinator", "Priya Nair", Role.COORDINATOR, None),
        ("chair", "Helen Brooke", Role.CHAIR, None),
        ("lead", "Tom Ashby", Role.LEAD, None),
        ("manager", "Grace Obi", Role.MANAGER, None),
        ("rep", "Lee Carter", Role.REP, "fenmouth"),
        ("rep2", "Mia Stone", Role.REP, "southfen-women"),
    ],
}
PREFIX = {"northmoor": "nm", "southfen": "sf"}


def seed(context: dict) -> None:
    today = timezone.localdate()
    start = today.replace(year=today.year - 1)
    context["people"] = {}
    for org in context["organisations"]:
        for suffix, name, role, scope in PEOPLE[org.slug]:
            username = f"{PREFIX[org.slug]}-{suffix}"
            user, created = User.objects.get_or_create(
                username=username,
                defaults={"display_name": name, "email": f"{username}@example.org"},
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
            region = council = None
            if scope and scope.startswith("region:"):
                region = org.region_set.get(name=scope.removeprefix("region:"))
            elif scope:
                council = Council.objects.get(organisation=org, slug=scope)
            RoleAssignment.objects.get_or_create(
                organisation=org,
                user=user,
                role=role,
                region=region,
                council=council,
                defaults={"starts_on": start},
            )
            if role == Role.REP:
                RepProfile.objects.get_or_create(
                    user=user,
                    defaults={"organisation": org, "council": council, "joined_on": start},
                )
            elif not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
                TOTP.activate(user, DEMO_TOTP_SECRET)
            context["people"][username] = user

    # The reps' journey: referrals, eligibility, restricted records, letters.
    from .demo_reps import seed as seed_reps_journey

    seed_reps_journey(context)
