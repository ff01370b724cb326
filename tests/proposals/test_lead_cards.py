"""The cards of a lead's open work are written by a tag (``lead_cards``), not
by the template a card: they must be exactly what that template wrote, in
both languages, for every kind of card."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from councils.addresses import id_url
from councils.models import Council, Organisation
from proposals.models import ActionPoint, Meeting, Proposal
from proposals.selectors.lead import ACTION, IMPLEMENTATION, LeadItem

# The loop of templates/proposals/my_actions.html the tag replaced.
THE_TEMPLATE = (Path(__file__).parent / "lead_cards_template.html").read_text()

SLUG = "kestle"


def items() -> list[LeadItem]:
    now = timezone.now()
    today = timezone.localdate()
    council = Council(name="Kestle & Vale <3>")
    meeting = Meeting(public_id="mt-1", kind="council", date=today - dt.timedelta(days=9))
    out = []
    for i, (target, last, waiting, told) in enumerate(
        [
            (today - dt.timedelta(days=12), None, None, ""),
            (today - dt.timedelta(days=2), now - dt.timedelta(days=3), today, "We're on it & <b>"),
            (None, now - dt.timedelta(days=40), None, "x" * 400),
            (today + dt.timedelta(days=30), now - dt.timedelta(days=25), None, "Fine."),
        ]
    ):
        p = Proposal(
            status="in_progress",
            title=f'Card "{i}" & co',
            public_id=f"pr-{i}",
            target_date=target,
            last_update_at=last,
            council=council,
        )
        p.waiting_target_date = waiting
        overdue = bool(target and target < today) or not last
        out.append(
            LeadItem(
                kind=IMPLEMENTATION,
                obj=p,
                due=target,
                is_overdue=overdue,
                days_late=(today - target).days if target and target < today else 0,
                last_update_at=last,
                told_reps=told,
            )
        )
    for i, (due, late, told) in enumerate([(today - dt.timedelta(days=1), 1, ""), (None, 0, "y")]):
        a = ActionPoint(description="Fix the <door> " * 12, council=council, meeting=meeting)
        out.append(
            LeadItem(
                kind=ACTION,
                obj=a,
                due=due,
                is_overdue=bool(late),
                days_late=late,
                last_update_at=now - dt.timedelta(days=i) if i else None,
                told_reps=told,
            )
        )
    return out


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_the_cards_are_what_the_template_wrote(language):
    rows = items()
    context = {
        "lead": {"open_items": rows},
        "organisation": Organisation(slug=SLUG),
        **{
            name: id_url(url_name, SLUG)
            for name, url_name in [
                ("proposal_url", "proposal_detail"),
                ("meeting_url", "meeting_detail"),
                ("update_url", "proposal_update_add"),
                ("ask_url", "target_date_ask"),
                ("milestone_url", "milestone_new"),
            ]
        },
    }
    with translation.override(language):
        expected = Template(THE_TEMPLATE).render(Context(context))
        got = Template("{% load lead_cards %}{% lead_cards lead.open_items %}").render(
            Context(context)
        )
    assert got == expected
    assert got.count('class="app-card"') == len(rows)
