from councils import context_processors


def test_the_menu_is_worked_out_once_a_request(tenant_a, client_for, monkeypatch):
    """The home page renders each panel with the request, which runs the
    context processors again for each: the menu must still be worked out
    once."""
    calls = []
    real = context_processors.items_for

    def counted(request):
        calls.append(request)
        return real(request)

    monkeypatch.setattr(context_processors, "items_for", counted)
    response = client_for(tenant_a["coordinator"]).get(f"/{tenant_a.organisation.slug}/")
    assert response.status_code == 200
    assert len(calls) == 1
    assert b"govuk-service-navigation__item--active" in response.content


def test_the_menu_addresses_are_django_s_own_under_any_prefix(tenant_a, tenant_b):
    """The menu's addresses are reversed once per process: they must be what
    reverse() gives, for each organisation, and under a script prefix too."""
    from django.test import RequestFactory
    from django.urls import reverse, set_script_prefix

    from councils.navigation import _ITEMS, items_for

    def menu(tenant, role):
        request = RequestFactory().get(f"/{tenant.organisation.slug}/")
        request.user = tenant[role]
        request.organisation = tenant.organisation
        request.roles = {role}
        return [item["url"] for item in items_for(request)]

    by_name = {item.url_name for item in _ITEMS}
    for tenant in (tenant_a, tenant_b):
        urls = menu(tenant, "admin")
        expected = {reverse(n, kwargs={"org_slug": tenant.organisation.slug}) for n in by_name}
        assert urls and set(urls) <= expected
    try:
        set_script_prefix("/said-and-done/")
        assert all(url.startswith("/said-and-done/bravo/") for url in menu(tenant_b, "admin"))
    finally:
        set_script_prefix("/")
    assert all(url.startswith("/bravo/") for url in menu(tenant_b, "admin"))
