"""Every submission its own token: a resend is one item or one tap, new words
under an old token are refused and kept, and two different taps count twice.
These are the server's promises, so they hold without JavaScript."""

import re

import pytest

from surgeries.models import FeedbackItem
from tests.surgeries.factories import surgery_for, theme_for
from tests.surgeries.test_views import item_post, token_in, url

pytestmark = pytest.mark.django_db


def tap_tokens(body: str) -> list[str]:
    return re.findall(r'name="token" value="([^"]+)"', body)


def test_each_counting_form_has_its_own_token(tenant_a, client_for):
    surgery = surgery_for(tenant_a)
    body = client_for(tenant_a["rep"]).get(url(tenant_a, f"surgeries/{surgery.public_id}/"))
    tokens = tap_tokens(body.content.decode())
    # talked, approached, wants to get involved, declined
    assert len(tokens) == 4
    assert len(set(tokens)) == 4


def test_two_different_taps_from_one_page_count_twice(tenant_a, client_for):
    """Without JavaScript the page does not reload between two quick taps."""
    surgery = surgery_for(tenant_a)
    client = client_for(tenant_a["rep"])
    body = client.get(url(tenant_a, f"surgeries/{surgery.public_id}/")).content.decode()
    engaged, approached, _interested, _declined = tap_tokens(body)
    path = url(tenant_a, f"surgeries/{surgery.public_id}/count/")
    client.post(path, {"outcome": "engaged", "token": engaged})
    client.post(path, {"outcome": "approached", "token": approached})
    resend = client.post(path, {"outcome": "approached", "token": approached}, follow=True)
    surgery.refresh_from_db()
    assert (surgery.people_approached, surgery.people_engaged) == (2, 1)
    assert "That tap was counted already." in resend.content.decode()


def test_a_different_button_under_a_used_token_is_still_counted(tenant_a, client_for):
    surgery = surgery_for(tenant_a)
    client = client_for(tenant_a["rep"])
    path = url(tenant_a, f"surgeries/{surgery.public_id}/count/")
    client.post(path, {"outcome": "engaged", "token": "shared"})
    client.post(path, {"outcome": "approached", "token": "shared"})
    surgery.refresh_from_db()
    assert surgery.people_approached == 2


def test_a_resend_says_which_item_it_was(tenant_a, client_for):
    surgery = surgery_for(tenant_a)
    theme = theme_for(tenant_a)
    client = client_for(tenant_a["rep"])
    path = url(tenant_a, f"surgeries/{surgery.public_id}/")
    client.post(path, item_post(theme))
    response = client.post(path, item_post(theme), follow=True)
    body = response.content.decode()
    assert FeedbackItem.objects.count() == 1
    assert f"This feedback was saved already: {theme.name}, logged at" in body
    assert "It has not been added twice." in body


def test_new_words_under_a_used_token_are_refused_and_kept(tenant_a, client_for):
    """The lost reply: the server saved the first words, the page kept the
    token, and the rep typed the next person's words into the same form."""
    surgery = surgery_for(tenant_a)
    theme = theme_for(tenant_a)
    client = client_for(tenant_a["rep"])
    path = url(tenant_a, f"surgeries/{surgery.public_id}/")
    client.post(path, item_post(theme))
    response = client.post(path, item_post(theme, said="The waiting room is too cold."))
    body = response.content.decode()
    assert response.status_code == 200
    assert "These words are not saved yet." in body
    assert "The waiting room is too cold." in body
    fresh = token_in(body)
    assert fresh != "tok-1"
    client.post(
        path, item_post(theme, said="The waiting room is too cold.", submission_token=fresh)
    )
    assert sorted(FeedbackItem.objects.values_list("said", flat=True)) == [
        "Nobody tells us what happened to what we said.",
        "The waiting room is too cold.",
    ]


def test_the_page_lists_the_reps_saved_tokens_for_the_draft_script(tenant_a, client_for):
    surgery = surgery_for(tenant_a)
    theme = theme_for(tenant_a)
    client = client_for(tenant_a["rep"])
    path = url(tenant_a, f"surgeries/{surgery.public_id}/")
    client.post(path, item_post(theme))
    assert 'data-saved-tokens="tok-1"' in client.get(path).content.decode()


def test_a_rep_is_not_shown_the_staff_summary_link(tenant_a, client_for):
    body = client_for(tenant_a["rep"]).get(url(tenant_a, "feedback/board/")).content.decode()
    assert "Feedback board" in body
    assert "What staff see: the summary" not in body
