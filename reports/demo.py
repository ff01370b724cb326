"""Demo reports: public pages on for one council in each organisation, and
last quarter's documents for them, made through the same services (and, in
the demo, rendered in-process when the loader commits). Idempotent."""

from __future__ import annotations

from councils.models import Council
from councils.periods import last_quarter

from . import services
from .models import GeneratedReport

Kind = GeneratedReport.Kind

# (organisation slug, council slug or None for the whole organisation, kinds)
DEMO_REPORTS = [
    ("northmoor", "ashford-vale", [Kind.YOU_SAID_WE_DID_BOOKLET, Kind.YOU_SAID_WE_DID_POSTER]),
    ("northmoor", "ashford-vale", [Kind.QUARTERLY]),
    ("northmoor", None, [Kind.QUARTERLY]),
    ("southfen", "fenmouth", [Kind.YOU_SAID_WE_DID_BOOKLET]),
]
PUBLIC_PAGES = [("northmoor", "ashford-vale"), ("southfen", "fenmouth")]
COORDINATOR = {"northmoor": "nm-coordinator", "southfen": "sf-coordinator"}


def seed(context: dict) -> None:
    organisations = {org.slug: org for org in context["organisations"]}
    people = context["people"]
    for org_slug, council_slug in PUBLIC_PAGES:
        council = Council.objects.get(organisation=organisations[org_slug], slug=council_slug)
        if not council.public_page_enabled:
            services.public_page_set(
                council=council, enabled=True, actor=people[COORDINATOR[org_slug]]
            )
    period = last_quarter()
    for org_slug, council_slug, kinds in DEMO_REPORTS:
        organisation = organisations[org_slug]
        council = (
            Council.objects.get(organisation=organisation, slug=council_slug)
            if council_slug
            else None
        )
        for kind in kinds:
            exists = GeneratedReport.objects.filter(
                organisation=organisation,
                council=council,
                region=None,
                kind=kind,
                period_start=period.start,
                period_end=period.end,
            ).exists()
            if not exists:
                services.report_request(
                    organisation=organisation,
                    kind=kind,
                    council=council,
                    period_start=period.start,
                    period_end=period.end,
                    actor=people[COORDINATOR[org_slug]],
                )
