"""Demo organisations with invented names. Idempotent: safe to run again."""

from __future__ import annotations

from .models import Council, Organisation, Region, Site

DEMO_ORGANISATIONS = [
    {
        "slug": "northmoor",
        "name": "Northmoor Probation Service",
        "regions": {
            "Ashford Vale": {
                "councils": [("Ashford Vale Council", "ashford-vale", Council.Kind.COMMUNITY, "")],
                "sites": [
                    ("Ashford Vale probation office", Site.Kind.OFFICE),
                    ("Brindle Street approved premises", Site.Kind.APPROVED_PREMISES),
                ],
            },
            "Calder Coast": {
                "councils": [
                    ("Calder Coast Council", "calder-coast", Council.Kind.COMMUNITY, ""),
                    (
                        "Northmoor Women's Council",
                        "northmoor-women",
                        Council.Kind.COHORT,
                        "Women only",
                    ),
                ],
                "sites": [
                    ("Calder Coast probation office", Site.Kind.OFFICE),
                    ("Willow Women's Centre", Site.Kind.WOMENS_CENTRE),
                ],
            },
        },
    },
    {
        "slug": "southfen",
        "name": "Southfen Community Rehabilitation Company",
        "regions": {
            "Fenmouth": {
                "councils": [("Fenmouth Council", "fenmouth", Council.Kind.COMMUNITY, "")],
                "sites": [
                    ("Fenmouth probation office", Site.Kind.OFFICE),
                    ("Harbour Road community hub", Site.Kind.COMMUNITY),
                ],
            },
            "Marsh Hill": {
                "councils": [
                    ("Marsh Hill Council", "marsh-hill", Council.Kind.COMMUNITY, ""),
                    (
                        "Southfen Women's Council",
                        "southfen-women",
                        Council.Kind.COHORT,
                        "Women only",
                    ),
                ],
                "sites": [
                    ("Marsh Hill probation office", Site.Kind.OFFICE),
                    ("Rosehip Women's Centre", Site.Kind.WOMENS_CENTRE),
                ],
            },
        },
    },
]


def seed(context: dict) -> None:
    context["organisations"] = []
    for spec in DEMO_ORGANISATIONS:
        org, _ = Organisation.objects.get_or_create(
            slug=spec["slug"], defaults={"name": spec["name"]}
        )
        context["organisations"].append(org)
        for region_name, region_spec in spec["regions"].items():
            region, _ = Region.objects.get_or_create(organisation=org, name=region_name)
            for name, slug, kind, cohort in region_spec["councils"]:
                Council.objects.get_or_create(
                    organisation=org,
                    slug=slug,
                    defaults={
                        "name": name,
                        "region": region,
                        "kind": kind,
                        "cohort_description": cohort,
                        "meeting_cadence": "Every 3 months",
                        "terms_of_reference": (
                            "Reps bring solutions from people on probation to senior staff. "
                            "Senior staff decide, and say why."
                        ),
                    },
                )
            for name, kind in region_spec["sites"]:
                Site.objects.get_or_create(
                    organisation=org, name=name, defaults={"region": region, "kind": kind}
                )
