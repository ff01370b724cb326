import pytest

from councils.models import AuditEvent, Council

pytestmark = pytest.mark.django_db


def test_admin_creates_a_council_and_it_is_audited(tenant_a, client_for):
    client = client_for(tenant_a["admin"])
    response = client.post(
        f"/{tenant_a.organisation.slug}/setup/councils/new/",
        {
            "name": "Riverside Over-50s Council",
            "slug": "riverside-50",
            "region": tenant_a.region.public_id,
            "kind": "cohort",
            "cohort_description": "Over 50s",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    council = Council.objects.get(slug="riverside-50")
    assert council.organisation == tenant_a.organisation
    event = AuditEvent.objects.get(action="council.created", object_id=council.public_id)
    assert event.actor == tenant_a["admin"]
    assert event.changes["name"] == [None, "Riverside Over-50s Council"]


def test_duplicate_slug_is_refused_plainly(tenant_a, client_for):
    client = client_for(tenant_a["admin"])
    response = client.post(
        f"/{tenant_a.organisation.slug}/setup/councils/new/",
        {
            "name": "Another",
            "slug": tenant_a.council.slug,
            "region": tenant_a.region.public_id,
            "kind": "community",
        },
    )
    assert response.status_code == 200
    assert "Another council already uses this short name." in response.content.decode()
    assert 'value="Another"' in response.content.decode()


def test_region_of_another_organisation_is_refused(tenant_a, tenant_b, client_for):
    client = client_for(tenant_a["admin"])
    response = client.post(
        f"/{tenant_a.organisation.slug}/setup/sites/new/",
        {"name": "Somewhere", "region": tenant_b.region.public_id, "kind": "office"},
    )
    assert response.status_code == 200
    assert "Choose a region from this organisation." in response.content.decode()


def test_edit_records_what_changed(tenant_a, client_for):
    client = client_for(tenant_a["admin"])
    site = tenant_a.site
    response = client.post(
        f"/{tenant_a.organisation.slug}/setup/sites/{site.public_id}/",
        {"name": "New name", "region": site.region.public_id, "kind": "office", "is_active": "on"},
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="site.updated")
    assert event.changes == {"name": [site.name, "New name"]}


def test_audit_log_filters_by_person_and_object(tenant_a, client_for):
    client = client_for(tenant_a["admin"])
    client.post(
        f"/{tenant_a.organisation.slug}/setup/regions/new/",
        {"name": "North", "is_active": "on"},
    )
    page = client.get(f"/{tenant_a.organisation.slug}/audit/?person={tenant_a['admin'].public_id}")
    assert "region.created" in page.content.decode()
    page = client.get(f"/{tenant_a.organisation.slug}/audit/?person={tenant_a['rep'].public_id}")
    assert "region.created" not in page.content.decode()


def test_chair_cannot_open_setup(tenant_a, client_for):
    response = client_for(tenant_a["chair"]).get(f"/{tenant_a.organisation.slug}/setup/")
    assert response.status_code == 403
    assert "Your role does not let you do this." in response.content.decode()


def test_region_is_chosen_by_public_id_not_primary_key(tenant_a, client_for):
    client = client_for(tenant_a["admin"])
    response = client.post(
        f"/{tenant_a.organisation.slug}/setup/sites/new/",
        {"name": "Somewhere", "region": tenant_a.region.pk, "kind": "office"},
    )
    assert response.status_code == 200
    assert "Choose a region from this organisation." in response.content.decode()
    assert not tenant_a.organisation.site_set.filter(name="Somewhere").exists()


@pytest.mark.parametrize("role", ["coordinator", "chair", "lead", "manager", "rep"])
def test_only_an_admin_may_change_the_organisation_setup(tenant_a, role):
    from django.core.exceptions import PermissionDenied

    from councils import services

    with pytest.raises(PermissionDenied):
        services.region_save(
            organisation=tenant_a.organisation,
            region=None,
            data={"name": "North", "is_active": True},
            actor=tenant_a[role],
        )
    with pytest.raises(PermissionDenied):
        services.site_save(
            organisation=tenant_a.organisation,
            site=tenant_a.site,
            data={"name": "Renamed"},
            actor=tenant_a[role],
        )
    tenant_a.site.refresh_from_db()
    assert tenant_a.site.name != "Renamed"


def test_an_edit_writes_only_what_it_changes_to_the_current_row(tenant_a):
    from councils import services

    stale = Council.objects.get(pk=tenant_a.council.pk)
    # Someone else changes the council after this person's page was loaded.
    Council.objects.filter(pk=stale.pk).update(meeting_cadence="Every month")
    services.council_save(
        organisation=tenant_a.organisation,
        council=stale,
        data={"name": "Renamed council", "slug": stale.slug},
        actor=tenant_a["admin"],
    )
    council = Council.objects.get(pk=stale.pk)
    assert (council.name, council.meeting_cadence) == ("Renamed council", "Every month")
    event = AuditEvent.objects.get(action="council.updated", object_id=council.public_id)
    assert event.changes == {"name": [stale.name, "Renamed council"]}


def test_audit_log_person_filter_takes_a_public_id(tenant_a, client_for):
    client = client_for(tenant_a["admin"])
    client.post(f"/{tenant_a.organisation.slug}/setup/regions/new/", {"name": "North"})
    page = client.get(f"/{tenant_a.organisation.slug}/audit/?person={tenant_a['rep'].pk}")
    assert "Choose one of the options shown." in page.content.decode()
