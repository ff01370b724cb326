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
