"""Words a person did not agree to share never reach a proposal: a draft is
filled from counts and approved quotes, and an approved quote belongs to its
own council only."""

from __future__ import annotations

import pytest

from proposals.models import Proposal

from .factories import FeedbackItemFactory, SurgeryFactory

pytestmark = pytest.mark.django_db

RAW = "I got warned for being 15 minutes late"


def url(tenant, path: str) -> str:
    return f"/{tenant.organisation.slug}/{path}"


def test_draft_from_selection_uses_counts_and_approved_quotes_only(tenant_a, client_for, theme):
    from surgeries.services import feedback_selection_add

    rep = tenant_a["rep"]
    surgery = SurgeryFactory(council=tenant_a.council, site=tenant_a.site)
    items = [
        FeedbackItemFactory(council=tenant_a.council, surgery=surgery, theme=theme, said=RAW),
        FeedbackItemFactory(
            council=tenant_a.council,
            surgery=surgery,
            theme=theme,
            said="The raw words, with Dave's name in them.",
            consent_to_quote=True,
            quote_status="approved",
            approved_quote="The wait in reception is too long.",
        ),
    ]
    feedback_selection_add(user=rep, council=tenant_a.council, items=items)
    client = client_for(rep)
    page = url(tenant_a, f"proposals/new/?from_selection={tenant_a.council.public_id}")
    response = client.get(page)
    assert response.status_code == 200
    text = response.content.decode()
    assert RAW not in text
    assert "Dave" not in text
    problem = response.context["form"].initial["problem"]
    assert "said something about" in problem
    assert "1 surgery" in problem
    assert "“The wait in reception is too long.”" in problem
    # The rep saves the draft as it was filled in: still none of the raw words.
    response = client.post(
        page,
        {
            "title": "Lateness",
            "problem": problem,
            "cost_band": "low",
            "scope": "council",
            "theme": theme.public_id,
            "evidence": [i.public_id for i in items],
        },
    )
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert RAW not in proposal.problem
    assert "Dave" not in proposal.problem


def test_a_quote_approved_in_another_council_is_not_shown(tenant_a, draft):
    from proposals import selectors

    mine = FeedbackItemFactory(
        council=tenant_a.council,
        consent_to_quote=True,
        quote_status="approved",
        approved_quote="Ours to print.",
    )
    theirs = FeedbackItemFactory(
        council=tenant_a.other_council,
        consent_to_quote=True,
        quote_status="approved",
        approved_quote="Approved in the other council.",
    )
    # Linked directly, past the service's check, as older data may be.
    draft.evidence.add(mine, theirs)
    quotes = selectors.evidence_for(draft).quotes
    assert quotes == ["Ours to print."]
    text = selectors.draft_problem_text(draft.council, [mine, theirs])
    assert "Approved in the other council." not in text
    assert "“Ours to print.”" in text


PHONE = "Ring him on 07700 900123 about it."


@pytest.mark.parametrize(
    ("form_name", "field", "extra"),
    [
        ("CommentForm", "body", {}),
        ("WithdrawForm", "reason", {}),
        ("ImplementationUpdateForm", "note", {}),
        ("ImplementedForm", "we_did", {}),
        ("ActionNoteForm", "note", {}),
        ("AgendaItemEditForm", "notes", {}),
    ],
)
def test_text_fields_refuse_personal_data(form_name, field, extra):
    from proposals import forms

    form = getattr(forms, form_name)(data={field: PHONE, **extra})
    assert not form.is_valid()
    assert field in form.errors


@pytest.mark.parametrize(
    "field", ["title", "problem", "solution", "business_case", "benefits", "evidence_note"]
)
def test_proposal_fields_refuse_personal_data(tenant_a, field):
    from proposals.forms import ProposalForm

    form = ProposalForm(
        data={"title": "T", "problem": "P", "cost_band": "low", "scope": "council", field: PHONE},
        organisation=tenant_a.organisation,
    )
    assert not form.is_valid()
    assert field in form.errors


@pytest.mark.parametrize(
    ("outcome", "field"),
    [
        ("accepted_with_changes", "changes_required"),
        ("deferred", "deferred_reason"),
        ("not_accepted", "not_accepted_reason"),
        ("replaced", "replaced_changes"),
        ("withdrawn", "withdrawn_reason"),
    ],
)
def test_decision_words_refuse_personal_data(tenant_a, ready, council_meeting, outcome, field):
    from proposals.forms import DecisionForm

    form = DecisionForm(
        data={"outcome": outcome, field: PHONE},
        meeting=council_meeting,
        proposal=ready,
    )
    assert not form.is_valid()
    assert field in form.errors


def test_minutes_refuse_personal_data(council_meeting):
    from proposals.forms import MinuteForm

    form = MinuteForm(data={"text": PHONE}, meeting=council_meeting)
    assert not form.is_valid()
    assert "text" in form.errors
