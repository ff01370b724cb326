"""The chair records decisions at a council meeting, then publishes them
together; publishing copies each outcome onto its proposal."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from councils.after_commit import after_commit
from councils.audit import audit_record
from councils.periods import day_label

from .. import access, selectors, tasks
from ..models import AgendaItem, Decision, Meeting, Proposal, ProposalEvent
from ..models import ProposalStatus as S
from ..models.decisions import REASONED_OUTCOMES
from .common import lock_meeting, lock_proposal, meeting_start, moment, record_event

Out = Decision.Outcome

# A reason is printed for the reps and the people who raised the idea, and
# sent to every rep: it is there so they can tell others why the council
# decided as it did. "No" or "Later" says nothing they can pass on; the
# shortest sentence that says why ("No budget this year.") has three words.
# Three words, not a number of characters, because a long word is no reason.
FEWEST_WORDS_IN_A_REASON = 3


def _clean_reason(reason: str, errors: dict) -> None:
    if reason and len(reason.split()) < FEWEST_WORDS_IN_A_REASON and "reason" not in errors:
        errors["reason"] = _(
            "A reason tells the reps and the people who raised this idea why the council "
            "decided as it did, so they can explain it to others. Write it as a short "
            "sentence of at least three words, for example: “There is no money for this "
            "until April.”"
        )


def _clean_deferral(meeting, deferred_to, deferred_to_meeting, reason, errors) -> None:
    if deferred_to is None and deferred_to_meeting is None:
        errors["deferred_to"] = _("Say when it will come back: a date or a meeting.")
    if deferred_to is not None and deferred_to <= meeting.date:
        errors["deferred_to"] = _("The date it comes back must be after this meeting.")
    if deferred_to_meeting is not None and (
        deferred_to_meeting.council_id != meeting.council_id
        or deferred_to_meeting.kind != Meeting.Kind.COUNCIL
        or deferred_to_meeting.date <= meeting.date
    ):
        errors["deferred_to_meeting"] = _("Choose a later council meeting of this council.")
    if not reason:
        errors["reason"] = _("Explain why it is deferred, in plain English.")


def _clean_decision(
    *,
    meeting: Meeting,
    proposal: Proposal,
    outcome: str,
    changes_required: str,
    deferred_to: dt.date | None,
    deferred_to_meeting: Meeting | None,
    reason_category: str,
    reason: str,
    replaced_by: Proposal | None,
) -> dict:
    errors: dict[str, str] = {}
    changes_required, reason = changes_required.strip(), reason.strip()
    if outcome not in Out.values:
        raise ValidationError({"outcome": _("Choose the decision.")})
    if outcome == Out.ACCEPTED_WITH_CHANGES and not changes_required:
        errors["changes_required"] = _("Say what must change.")
    if outcome == Out.DEFERRED:
        _clean_deferral(meeting, deferred_to, deferred_to_meeting, reason, errors)
    if outcome == Out.NOT_ACCEPTED:
        if reason_category not in {c for c in Decision.ReasonCategory.values if c}:
            errors["reason_category"] = _(
                "Choose the kind of reason: cost, policy, practicality, already in place or other."
            )
        if not reason:
            errors["reason"] = _("Explain why it is not accepted, in plain English.")
    if outcome == Out.REPLACED and replaced_by is not None:
        if (
            replaced_by.pk == proposal.pk
            or replaced_by.council_id != meeting.council_id
            or replaced_by.status not in {S.DRAFT, S.READY}
        ):
            errors["replaced_by"] = _("Choose another draft or ready proposal of this council.")
    if outcome == Out.REPLACED and not (reason or changes_required):
        errors["reason"] = _("Explain what the new proposal should do differently.")
    if outcome in REASONED_OUTCOMES:
        _clean_reason(reason, errors)
    if errors:
        raise ValidationError(errors)
    return {
        "outcome": outcome,
        "changes_required": changes_required
        if outcome in {Out.ACCEPTED_WITH_CHANGES, Out.REPLACED}
        else "",
        "deferred_to": deferred_to if outcome == Out.DEFERRED else None,
        "deferred_to_meeting": deferred_to_meeting if outcome == Out.DEFERRED else None,
        "reason_category": reason_category if outcome == Out.NOT_ACCEPTED else "",
        # Changing the outcome clears what belonged to the other outcome.
        "reason": reason if outcome in REASONED_OUTCOMES else "",
        "replaced_by": replaced_by if outcome == Out.REPLACED else None,
    }


@transaction.atomic
def decision_record(
    *,
    meeting: Meeting,
    proposal: Proposal,
    outcome: str,
    actor,
    changes_required: str = "",
    deferred_to: dt.date | None = None,
    deferred_to_meeting: Meeting | None = None,
    reason_category: str = "",
    reason: str = "",
    replaced_by: Proposal | None = None,
    at: dt.datetime | None = None,
) -> Decision:
    """The chair records a decision during (or after) the council meeting. It is
    seen by nobody else until the meeting's decisions are published; until
    then the chair may change it."""
    at = moment(at)
    if meeting.kind != Meeting.Kind.COUNCIL:
        raise ValidationError({"__all__": _("Decisions are made at council meetings.")})
    access.refuse(
        access.may_decide(actor, meeting),
        _("Only the meeting's chair, or a chair of this council, can record decisions."),
    )
    meeting = lock_meeting(meeting)
    if proposal.council_id != meeting.council_id:
        raise ValidationError({"__all__": _("This proposal belongs to another council.")})
    if meeting.cancelled_at:
        raise ValidationError({"__all__": _("This meeting was cancelled.")})
    if meeting.date > timezone.localdate(at):
        raise ValidationError({"__all__": _("Decisions are recorded on the day of the meeting.")})
    if not AgendaItem.objects.filter(
        meeting=meeting, proposal=proposal, kind=AgendaItem.Kind.PROPOSAL
    ).exists():
        raise ValidationError({"__all__": _("This proposal is not on the meeting's agenda.")})
    proposal = lock_proposal(proposal)
    existing = (
        Decision.objects.select_for_update().filter(meeting=meeting, proposal=proposal).first()
    )
    if existing is not None and existing.published_at is not None:
        raise ValidationError({"__all__": _("This decision has been published and cannot change.")})
    if existing is None and proposal.status not in selectors.DECIDABLE_STATUSES:
        raise ValidationError(
            {
                "__all__": _("This proposal is %(status)s.")
                % {"status": proposal.get_status_display().lower()}
            }
        )
    fields = _clean_decision(
        meeting=meeting,
        proposal=proposal,
        outcome=outcome,
        changes_required=changes_required,
        deferred_to=deferred_to,
        deferred_to_meeting=deferred_to_meeting,
        reason_category=reason_category,
        reason=reason,
        replaced_by=replaced_by,
    )
    # Decided at the meeting (recorded during it, or typed up afterwards).
    decided_at = min(at, meeting_start(meeting))
    if existing is None:
        decision = Decision.objects.create(
            organisation_id=meeting.organisation_id,
            meeting=meeting,
            proposal=proposal,
            decided_by=actor,
            decided_at=decided_at,
            **fields,
        )
    else:
        decision = existing
        for name, value in fields.items():
            setattr(decision, name, value)
        decision.decided_by = actor
        decision.save(update_fields=[*fields, "decided_by"])
    if proposal.status != S.PRESENTED:
        old = proposal.status
        proposal.status = S.PRESENTED
        proposal.presented_at = proposal.presented_at or meeting_start(meeting)
        proposal.save(update_fields=["status", "presented_at", "updated_at"])
        record_event(
            proposal,
            ProposalEvent.Kind.PRESENTED,
            actor=actor,
            at=meeting_start(meeting),
            from_status=old,
            to_status=S.PRESENTED,
            meeting=meeting,
        )
    audit_record(
        organisation=meeting.organisation,
        actor=actor,
        action="decision.recorded",
        obj=decision,
        changes={**fields, "proposal": proposal.public_id},
    )
    return decision


@transaction.atomic
def decisions_publish(
    *, meeting: Meeting, actor, checked: str | None = None, at: dt.datetime | None = None
) -> list[Decision]:
    """Publish the meeting's recorded decisions together. Each decision is
    claimed with ``UPDATE ... WHERE published_at IS NULL``, so two people
    pressing the button at once publish (and notify) once. After commit, every
    author and every rep of the council gets one email.

    ``checked`` is the fingerprint of the decisions the chair read on the
    check page (``selectors.decisions_to_publish``): if a decision was added
    or changed since, nothing is published and the chair is asked to check
    again. Compared under the meeting's lock, which recording a decision
    also takes."""
    at = moment(at)
    access.refuse(
        access.may_publish(actor, meeting),
        _("Only the meeting's chair, or a chair of this council, can publish its decisions."),
    )
    meeting = lock_meeting(meeting)
    waiting = list(selectors.unpublished_decisions(meeting))
    if not waiting:
        raise ValidationError({"__all__": _("There are no decisions waiting to be published.")})
    if checked is not None and checked != selectors.decisions_fingerprint(waiting):
        raise ValidationError(
            {
                "checked": _(
                    "The decisions changed after you checked them. Check them again, then publish."
                )
            }
        )
    pending = [d.pk for d in waiting]
    claimed = []
    for pk in pending:
        won = Decision.objects.filter(pk=pk, published_at__isnull=True).update(
            published_at=at, published_by=actor
        )
        if won:
            claimed.append(pk)
    if not claimed:
        raise ValidationError(
            {"__all__": _("Someone else has just published these decisions. Nothing was changed.")}
        )
    decisions = list(
        Decision.objects.filter(pk__in=claimed).select_related("proposal", "replaced_by")
    )
    for decision in decisions:
        _apply_decision(decision, actor=actor, at=at)
    audit_record(
        organisation=meeting.organisation,
        actor=actor,
        action="decisions.published",
        obj=meeting,
        changes={"decisions": [d.proposal.public_id for d in decisions]},
    )
    after_commit(tasks.notify_decisions_published, [d.pk for d in decisions])
    return decisions


def _new_version(proposal: Proposal, *, actor, at: dt.datetime) -> Proposal:
    """The proposal morphs: its reps get a new draft to rework, linked to it."""
    new = Proposal.objects.create(
        organisation_id=proposal.organisation_id,
        council=proposal.council,
        scope=proposal.scope,
        title=(_("%(title)s (new version)") % {"title": proposal.title})[:200],
        problem=proposal.problem,
        solution=proposal.solution,
        business_case=proposal.business_case,
        cost_band=proposal.cost_band,
        benefits=proposal.benefits,
        evidence_note=proposal.evidence_note,
        theme=proposal.theme,
        created_by=actor,
        raised_at=at,
    )
    new.authors.set(proposal.authors.all())
    new.evidence.set(proposal.evidence.all())
    record_event(
        new,
        ProposalEvent.Kind.RAISED,
        actor=actor,
        at=at,
        to_status=S.DRAFT,
        text=_("A new version of “%(title)s”, as the council asked.") % {"title": proposal.title},
    )
    return new


def _apply_decision(decision: Decision, *, actor, at: dt.datetime) -> None:
    proposal = lock_proposal(decision.proposal)
    old = proposal.status
    proposal.status = decision.outcome
    proposal.decided_at = decision.decided_at
    proposal.published_at = at
    proposal.published_decision = decision
    update_fields = ["status", "decided_at", "published_at", "published_decision", "updated_at"]
    if decision.outcome == Out.WITHDRAWN:
        proposal.withdrawn_at = at
        update_fields.append("withdrawn_at")
    proposal.save(update_fields=update_fields)
    if decision.outcome == Out.REPLACED and decision.replaced_by is None:
        decision.replaced_by = _new_version(proposal, actor=actor, at=at)
        decision.save(update_fields=["replaced_by"])
    record_event(
        proposal,
        ProposalEvent.Kind.DECISION,
        actor=decision.decided_by,
        at=at,
        from_status=old,
        to_status=decision.outcome,
        meeting=decision.meeting,
        text=decision_summary(decision),
    )


def decision_summary(decision: Decision) -> str:
    """The decision and its reason in one plain paragraph (timeline, emails)."""
    parts = [decision.get_outcome_display() + "."]
    if decision.outcome == Out.ACCEPTED_WITH_CHANGES:
        parts.append(_("What must change: %(changes)s") % {"changes": decision.changes_required})
    if decision.outcome == Out.DEFERRED:
        if decision.deferred_to_meeting_id:
            parts.append(
                _("It comes back at the %(meeting)s.") % {"meeting": decision.deferred_to_meeting}
            )
        elif decision.deferred_to:
            parts.append(_("It comes back by %(day)s.") % {"day": day_label(decision.deferred_to)})
    if decision.outcome == Out.NOT_ACCEPTED:
        parts.append(_("Reason: %(kind)s.") % {"kind": decision.get_reason_category_display()})
    if decision.outcome == Out.REPLACED and decision.changes_required:
        parts.append(
            _("What the new proposal should do: %(changes)s")
            % {"changes": decision.changes_required}
        )
    if decision.reason:
        parts.append(decision.reason)
    return " ".join(parts)
