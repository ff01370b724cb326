"""The cards of "Our proposals" are written by a tag (``our_proposal_cards``),
not by the template a card: they must be exactly what that template wrote,
in both languages, for every kind of card."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from councils.addresses import id_url
from councils.models import Council, Organisation
from proposals.models import Decision, Proposal
from surgeries.models import Theme

# The loop of templates/proposals/proposal_ours.html the tag replaced.
THE_TEMPLATE = (Path(__file__).parent / "our_proposal_cards_template.html").read_text()


def cards() -> list[Proposal]:
    today = timezone.localdate()
    council = Council(name="Kestle & Vale <3>")
    theme = Theme(name="Rooms & <time>")
    out = []
    for i, (status, mine, with_theme, reason) in enumerate(
        [
            ("implemented", True, True, ""),
            ("not_implemented", False, False, "No room <at all>"),
            ("accepted", True, False, "We agree & will"),
            ("in_progress", False, True, ""),
            ("draft", False, False, ""),
        ]
    ):
        p = Proposal(
            status=status,
            title=f'Card "{i}" & co',
            public_id=f"pr-{i}",
            we_did="Put in a <bench> & more" if status == "implemented" else "",
            not_implemented_reason=reason if status == "not_implemented" else "",
            target_date=today - dt.timedelta(days=3),
            last_update_at=None,
            council=council,
            theme=theme if with_theme else None,
            # Late in a London summer evening: the day printed is the local one.
            updated_at=timezone.make_aware(dt.datetime(2026, 6, 30, 23, 30), dt.UTC)
            - dt.timedelta(days=i),
        )
        p.published_decision = Decision(reason=reason) if status == "accepted" else None
        p.is_mine = mine
        out.append(p)
    return out


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_the_cards_are_what_the_template_wrote(language):
    rows = cards()
    context = {
        "page": {"object_list": rows},
        "organisation": Organisation(slug="kestle"),
        "proposal_url": id_url("proposal_detail", "kestle"),
    }
    with translation.override(language):
        expected = Template(THE_TEMPLATE).render(Context(context))
        got = Template(
            "{% load proposal_cards %}  {% our_proposal_cards page.object_list %}"
        ).render(Context(context))
    assert got == expected
    assert got.count('class="app-card"') == len(rows)
