"""Bad input never answers 500 (issue 10): control characters in any query
parameter or form field get a plain 400 page, from one middleware."""

import pytest
from django.core.exceptions import ValidationError

from councils.privacy import require_visible_text, visible_text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/{org}/feedback/board/?council=%00",
        "/{org}/feedback/evidence/?council=%00",
        "/{org}/proposals/new/?from_selection=%00",
        "/{org}/proposals/new/?council=%00",
        "/{org}/people/?q=a%01b",
        "/accounts/login/?next=%00",
        "/?x=%7f",
    ],
)
def test_control_characters_in_a_query_answer_400_in_plain_english(tenant_a, client_for, path):
    client = client_for(tenant_a["coordinator"])
    response = client.get(path.format(org=tenant_a.organisation.slug))
    assert response.status_code == 400
    assert "hidden character" in response.content.decode()


def test_control_characters_in_a_form_field_answer_400(tenant_a, client):
    response = client.post("/accounts/login/", {"login": "kim\x00", "password": "x"})
    assert response.status_code == 400


def test_a_control_character_in_a_field_name_answers_400(client):
    response = client.post("/setup/", {"user\x00name": "kim"})
    assert response.status_code == 400


def test_tab_newline_and_carriage_return_are_kept(tenant_a, client):
    response = client.post(
        "/accounts/login/", {"login": "kim", "password": "line one\r\n\tline two"}
    )
    assert response.status_code == 200


@pytest.mark.parametrize(
    "text",
    ["\u200b", "\u200b\u200c\u200d", "\u202e\u202d", " \ufeff \u2060 ", "\u2066\u2069\u00ad"],
)
def test_text_of_only_invisible_or_direction_characters_is_not_feedback(text):
    assert visible_text(text) == ""
    with pytest.raises(ValidationError, match="Type the feedback in words"):
        require_visible_text(text)


def test_real_text_with_a_hidden_character_is_kept():
    assert require_visible_text("bus\u200b fares") == "bus\u200b fares"
    assert visible_text("bus\u200b fares") == "bus fares"
