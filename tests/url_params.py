"""How to fill each URL parameter with a real object of one organisation.

The URL × tenant matrix walks every URL pattern; a parameter missing here
fails that test with a message, so each new view must say how to fill it.
Each value is a function of the Tenant (tests/conftest.py) returning the
public id to put in the URL. Add your app's parameters in its own section.
"""

from __future__ import annotations

from councils.models import RoleAssignment

URL_PARAM_FACTORIES = {
    # councils
    "region_id": lambda t: t.region.public_id,
    "council_id": lambda t: t.council.public_id,
    "site_id": lambda t: t.site.public_id,
    # members
    "person_id": lambda t: t["rep"].public_id,
    "assignment_id": lambda t: (
        RoleAssignment.objects.filter(organisation=t.organisation, user=t["lead"]).first().public_id
    ),
}
