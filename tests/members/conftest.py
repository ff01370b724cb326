"""Until tests/conftest.py's ``client_for`` records the second factor itself,
these folders use this one: signed in, with the second factor passed."""

import pytest

from councils.tenancy import mark_second_factor_passed


@pytest.fixture
def client_for(client):
    def sign_in(user):
        client.force_login(user)
        session = client.session
        mark_second_factor_passed(session, user)
        session.save()
        return client

    return sign_in
