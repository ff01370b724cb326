"""``get_<field>_display`` on our models translates only the label it
returns (Django's own translates every choice's label to hash it)."""

from django.utils import translation

from proposals.models import Proposal, ProposalStatus


def test_a_status_label_is_the_choice_label_in_every_language():
    for language in ("en-gb", "cy"):
        with translation.override(language):
            for value, label in ProposalStatus.choices:
                assert Proposal(status=value).get_status_display() == str(label)
    assert Proposal(status="no-such-status").get_status_display() == "no-such-status"


def test_a_status_label_costs_one_translation(monkeypatch):
    translation.gettext("warm up")
    calls = []
    real = translation._trans.gettext

    def counting(message):
        calls.append(message)
        return real(message)

    monkeypatch.setattr(translation._trans, "gettext", counting)
    assert len(ProposalStatus.choices) > 5
    Proposal(status=ProposalStatus.IMPLEMENTED).get_status_display()
    assert len(calls) == 1
