"""Ready for Welsh: the public page renders in Welsh. (Every template's words
are checked for translation tags by tests/councils/test_translations.py.)"""

import pytest
from django.utils import translation


@pytest.mark.django_db
def test_the_public_page_renders_in_welsh_without_error(tenant_a, client):
    council = tenant_a.council
    type(council).objects.filter(pk=council.pk).update(public_page_enabled=True)
    with translation.override("cy"):
        response = client.get(
            f"/public/{tenant_a.organisation.slug}/{council.slug}/", HTTP_ACCEPT_LANGUAGE="cy"
        )
    assert response.status_code == 200
