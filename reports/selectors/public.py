"""Reads for the public You Said, We Did pages (no sign-in) and the page
where coordinators switch them on."""

from __future__ import annotations

from django.db.models import Count, IntegerField, Q, QuerySet

from councils.models import Council, Organisation

from ..models import GeneratedReport


def public_council(org_slug: str, council_slug: str) -> Council | None:
    return (
        Council.objects.filter(
            organisation__slug=org_slug,
            organisation__is_active=True,
            slug=council_slug,
            is_active=True,
            public_page_enabled=True,
        )
        .select_related("organisation", "region")
        .first()
    )


def public_councils(org_slug: str) -> tuple[Organisation | None, QuerySet[Council]]:
    organisation = Organisation.objects.filter(slug=org_slug, is_active=True).first()
    if organisation is None:
        return None, Council.objects.none()
    return organisation, Council.objects.filter(
        organisation=organisation, is_active=True, public_page_enabled=True
    )


def latest_ready(
    *, council: Council, kind: str = GeneratedReport.Kind.YOU_SAID_WE_DID_BOOKLET
) -> GeneratedReport | None:
    return (
        GeneratedReport.objects.filter(
            organisation_id=council.organisation_id,
            council=council,
            kind=kind,
            status=GeneratedReport.Status.READY,
        )
        .order_by("-period_end", "-created_at")
        .first()
    )


def councils_for_public_pages(organisation: Organisation, council_ids: set[int] | None):
    councils = Council.objects.filter(organisation=organisation, is_active=True).select_related(
        "region"
    )
    if council_ids is not None:
        councils = councils.filter(id__in=council_ids)
    return councils.annotate(
        ready_booklets=Count(
            "reports",
            filter=Q(
                reports__kind=GeneratedReport.Kind.YOU_SAID_WE_DID_BOOKLET,
                reports__status=GeneratedReport.Status.READY,
            ),
            output_field=IntegerField(),
        )
    ).order_by("region__name", "name")
