"""Approving a proposal's words for publication, or sending them back.

A coordinator of the proposal's council reads each part of the words a
document or public page would print ("you said", "we did", the decision's
reason...) and approves it as it stands, approves it edited (a name taken
out, say), or sends it back with a note. Nobody approves words they wrote.

The page may be open a while; meanwhile the words may change. Each answer
names the words the coordinator read (``seen``, their fingerprint): if they
are no longer the proposal's words, nothing is saved and the coordinator is
asked to read them again. Later edits need no hook here: the approval is for
the exact text, and readers compare (``proposals.selectors.wording``).
"""

from __future__ import annotations

import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from councils.audit import audit_record
from councils.privacy import check_no_personal_data, visible_text

from .. import access
from ..models import Proposal, WordingApproval, WordingPart
from ..selectors.wording import WORDING_STATUSES, current_words
from .common import lock_proposal

TEXT_MAX = 4000
NOTE_MAX = 2000
NOTE_MIN_WORDS = 3

REFUSE_ROLE = gettext_lazy(
    "Words for publication are approved by the coordinators of the proposal's council."
)
REFUSE_OWN = gettext_lazy("You wrote these words, so another coordinator must approve them.")


def fingerprint(text: str) -> str:
    """A short fingerprint of words, for a form to say which words it showed."""
    return hashlib.sha256((text or "").encode()).hexdigest()[:32]


def _check(*, proposal: Proposal, part: str, seen: str, actor) -> tuple[Proposal, str]:
    """Who may, and the words as they are now (under a lock)."""
    access.refuse(access.may_approve_wording(actor, proposal), str(REFUSE_ROLE))
    if part not in WordingPart.values:
        raise ValidationError({"part": _("Choose which words to answer for.")})
    locked = lock_proposal(proposal)
    access.refuse(not access.wrote_words(actor, locked, part), str(REFUSE_OWN))
    if locked.status not in WORDING_STATUSES:
        raise ValidationError(
            _(
                "These words cannot be published yet: "
                "the proposal has not been to a council meeting."
            )
        )
    source = current_words(locked, part)
    if not source:
        raise ValidationError(_("There are no words here to publish."))
    if seen != fingerprint(source):
        raise ValidationError(
            _("The words were changed a moment ago. Read the new words, then decide again.")
        )
    return locked, source


def _save(*, proposal: Proposal, part: str, values: dict) -> WordingApproval:
    row = WordingApproval.objects.select_for_update().filter(proposal=proposal, part=part).first()
    if row is None:
        return WordingApproval.objects.create(
            organisation_id=proposal.organisation_id, proposal=proposal, part=part, **values
        )
    for name, value in values.items():
        setattr(row, name, value)
    row.save(update_fields=list(values))
    return row


@transaction.atomic
def wording_approve(
    *, proposal: Proposal, part: str, text: str, seen: str, actor
) -> WordingApproval:
    """Approve one part of the proposal's words for documents and public
    pages, as ``text`` (the words as they stand, or edited)."""
    locked, source = _check(proposal=proposal, part=part, seen=seen, actor=actor)
    text = visible_text(text)
    if not text:
        raise ValidationError({"text": _("Write the words to publish.")})
    if len(text) > TEXT_MAX:
        raise ValidationError(
            {"text": _("Keep the words to %(max)s characters or fewer.") % {"max": TEXT_MAX}}
        )
    check_no_personal_data(text=text)
    row = _save(
        proposal=locked,
        part=part,
        values={
            "status": WordingApproval.Status.APPROVED,
            "source_text": source,
            "text": text,
            "note": "",
            "reviewed_by": actor,
            "reviewed_at": timezone.now(),
        },
    )
    audit_record(
        organisation=locked.organisation,
        actor=actor,
        action="proposal.wording_approved",
        obj=row,
        changes={"part": part, "edited": text != source.strip()},
    )
    return row


@transaction.atomic
def wording_send_back(
    *, proposal: Proposal, part: str, note: str, seen: str, actor
) -> WordingApproval:
    """Do not publish these words; say why, for whoever wrote them."""
    locked, source = _check(proposal=proposal, part=part, seen=seen, actor=actor)
    note = visible_text(note)
    if len(note.split()) < NOTE_MIN_WORDS:
        raise ValidationError(
            {"note": _("Say in a sentence what should change, so the writer can put it right.")}
        )
    if len(note) > NOTE_MAX:
        raise ValidationError(
            {"note": _("Keep the note to %(max)s characters or fewer.") % {"max": NOTE_MAX}}
        )
    check_no_personal_data(note=note)
    row = _save(
        proposal=locked,
        part=part,
        values={
            "status": WordingApproval.Status.SENT_BACK,
            "source_text": source,
            "text": "",
            "note": note,
            "reviewed_by": actor,
            "reviewed_at": timezone.now(),
        },
    )
    audit_record(
        organisation=locked.organisation,
        actor=actor,
        action="proposal.wording_sent_back",
        obj=row,
        changes={"part": part},
    )
    return row
