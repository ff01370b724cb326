"""The demo's coordinators read the proposals' words, as they would: they
approve the words written in the council's own voice, send back a person's
words in quotation marks unless that person agreed to be quoted (an
approved quote of the same council), and leave the newest few waiting, so
the queue has something in it. (One demo proposal, "the ten minute rule",
quotes words nobody agreed to, so there is always one sent back. The others
say what people said in the council's own words: people's words are
printed once, as the quotes a coordinator approved.) Idempotent: an organisation whose words were
already read is left alone."""

from __future__ import annotations

import re

from surgeries.models import FeedbackItem

from .. import selectors, services
from ..models import WordingApproval, WordingPart

# The newest parts are left for the coordinator to read in the demo.
LEAVE_WAITING = 3

SEND_BACK_NOTE = (
    "These are one person's words, and they did not agree to be quoted. "
    "Please say it in the council's own words, or use a quote they agreed to."
)


QUOTED = re.compile(r"“([^”]+)”")


def _unlicensed_quotes(part) -> bool:
    """Words in quotation marks that no one in this council agreed to have
    printed (every quote must be within an approved quote of the council)."""
    for quoted in QUOTED.findall(part.text):
        words = quoted.strip().rstrip(".").strip()
        agreed = FeedbackItem.objects.filter(
            council=part.proposal.council,
            quote_status=FeedbackItem.QuoteStatus.APPROVED,
            consent_to_quote=True,
            approved_quote__icontains=words,
        ).exists()
        if not agreed:
            return True
    return False


def read_words(organisation, coordinator) -> None:
    if WordingApproval.objects.filter(organisation=organisation).exists():
        return
    waiting = selectors.waiting_words(organisation, None)
    for part in waiting[: max(len(waiting) - LEAVE_WAITING, 0)]:
        seen = services.fingerprint(part.text)
        if part.part == WordingPart.PROBLEM and _unlicensed_quotes(part):
            services.wording_send_back(
                proposal=part.proposal,
                part=part.part,
                note=SEND_BACK_NOTE,
                seen=seen,
                actor=coordinator,
            )
        else:
            services.wording_approve(
                proposal=part.proposal, part=part.part, text=part.text, seen=seen, actor=coordinator
            )
