"""Reps draft proposals, edit them, add co-authors, withdraw them; anyone who
works with proposals comments; reps follow; at a hub meeting the reps send
drafts forward to the council ("ready")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from councils.audit import audit_record, changes_between, model_values
from councils.models import Council, Organisation
from surgeries.models import FeedbackItem, Theme

from .. import access, selectors
from ..models import AgendaItem, Meeting, Proposal, ProposalComment, ProposalEvent, ProposalStatus
from .common import (
    add_agenda_item,
    lock_meeting,
    lock_proposal,
    moment,
    record_event,
    require_not_cancelled,
)

S = ProposalStatus
PROPOSAL_FIELDS = [
    "title",
    "problem",
    "solution",
    "business_case",
    "cost_band",
    "benefits",
    "evidence_note",
    "theme",
    "scope",
]
WITHDRAWABLE_STATUSES = frozenset({S.DRAFT, S.READY, S.DEFERRED})


def _clean_proposal_data(*, organisation: Organisation, data: dict) -> dict:
    errors = {}
    if not (data.get("title") or "").strip():
        errors["title"] = _("Give the proposal a short title.")
    if not (data.get("problem") or "").strip():
        errors["problem"] = _("Say what the problem is, in the words of the people who raised it.")
    theme = data.get("theme")
    if theme is not None and (
        not isinstance(theme, Theme) or theme.organisation_id != organisation.pk
    ):
        errors["theme"] = _("Choose a theme from this organisation.")
    if errors:
        raise ValidationError(errors)
    return {name: data[name] for name in PROPOSAL_FIELDS if name in data}


def _check_evidence(council: Council, items: Iterable[FeedbackItem]) -> list[FeedbackItem]:
    items = list(items)
    if any(i.council_id != council.pk for i in items):
        raise ValidationError(
            {"evidence": _("Feedback can only come from this council's own feedback.")}
        )
    return items


def _check_co_authors(council: Council, people: Iterable) -> list:
    people = list(people)
    reps = set(selectors.reps_of_council(council).values_list("pk", flat=True))
    if any(p.pk not in reps for p in people):
        raise ValidationError({"co_authors": _("Co-authors must be reps of this council.")})
    return people


def _require_author(proposal: Proposal, actor) -> None:
    access.refuse(
        access.may_edit_proposal(actor, proposal),
        _("Only the reps who wrote this proposal can change it."),
    )


def _field_label(name: str) -> str:
    if name == "evidence_items":
        return _("linked feedback")
    return str(Proposal._meta.get_field(name).verbose_name)


@transaction.atomic
def proposal_create(
    *,
    organisation: Organisation,
    council: Council,
    actor,
    data: dict,
    evidence: Iterable[FeedbackItem] = (),
    co_authors: Iterable = (),
    at: dt.datetime | None = None,
) -> Proposal:
    """A rep drafts a proposal, from selected feedback or from scratch."""
    if council.organisation_id != organisation.pk:
        raise ValidationError({"council": _("Choose a council from this organisation.")})
    access.refuse(
        access.is_rep_of(actor, council), _("Only reps of this council can write its proposals.")
    )
    fields = _clean_proposal_data(organisation=organisation, data=data)
    items = _check_evidence(council, evidence)
    authors = _check_co_authors(council, co_authors)
    at = moment(at)
    proposal = Proposal.objects.create(
        organisation=organisation,
        council=council,
        created_by=actor,
        raised_at=at,
        status=S.DRAFT,
        **fields,
    )
    proposal.authors.add(actor, *authors)
    proposal.evidence.add(*items)
    record_event(proposal, ProposalEvent.Kind.RAISED, actor=actor, at=at, to_status=S.DRAFT)
    audit_record(
        organisation=organisation,
        actor=actor,
        action="proposal.created",
        obj=proposal,
        changes={"council": council.name, "evidence_items": len(items)},
    )
    return proposal


@transaction.atomic
def proposal_update(
    *,
    proposal: Proposal,
    actor,
    data: dict,
    evidence: Iterable[FeedbackItem] | None = None,
    at: dt.datetime | None = None,
) -> Proposal:
    """Authors edit a draft (or a ready proposal before it is presented).
    Staff never rewrite a proposal: they comment."""
    proposal = lock_proposal(proposal)
    _require_author(proposal, actor)
    if not proposal.is_editable:
        raise ValidationError(
            {"__all__": _("This proposal has been presented, so it can no longer be changed.")}
        )
    fields = _clean_proposal_data(organisation=proposal.organisation, data=data)
    before = model_values(proposal, PROPOSAL_FIELDS)
    for name, value in fields.items():
        setattr(proposal, name, value)
    proposal.save(update_fields=[*fields, "updated_at"])
    changes = changes_between(before, model_values(proposal, PROPOSAL_FIELDS))
    if evidence is not None:
        items = _check_evidence(proposal.council, evidence)
        old = set(proposal.evidence.values_list("pk", flat=True))
        if old != {i.pk for i in items}:
            proposal.evidence.set(items)
            changes["evidence_items"] = [len(old), len(items)]
    if changes:
        record_event(
            proposal,
            ProposalEvent.Kind.EDITED,
            actor=actor,
            at=moment(at),
            text=_("Changed: %(fields)s.")
            % {"fields": ", ".join(_field_label(n) for n in changes)},
        )
        audit_record(
            organisation=proposal.organisation,
            actor=actor,
            action="proposal.updated",
            obj=proposal,
            changes=changes,
        )
    return proposal


@transaction.atomic
def proposal_add_author(*, proposal: Proposal, user, actor, at: dt.datetime | None = None) -> None:
    proposal = lock_proposal(proposal)
    _require_author(proposal, actor)
    if not proposal.is_editable:
        raise ValidationError(
            {"user": _("Authors can only be added before the proposal is presented.")}
        )
    _check_co_authors(proposal.council, [user])
    if proposal.authors.filter(pk=user.pk).exists():
        raise ValidationError({"user": _("%(person)s is already an author.") % {"person": user}})
    proposal.authors.add(user)
    record_event(
        proposal, ProposalEvent.Kind.AUTHOR_ADDED, actor=actor, at=moment(at), text=str(user)
    )
    audit_record(
        organisation=proposal.organisation,
        actor=actor,
        action="proposal.author_added",
        obj=proposal,
        changes={"author": str(user)},
    )


@transaction.atomic
def proposal_withdraw(
    *, proposal: Proposal, actor, reason: str, at: dt.datetime | None = None
) -> Proposal:
    """The authors take a proposal back before the council decides on it."""
    proposal = lock_proposal(proposal)
    _require_author(proposal, actor)
    if proposal.status not in WITHDRAWABLE_STATUSES:
        raise ValidationError(
            {"__all__": _("Only a draft, a ready or a deferred proposal can be withdrawn.")}
        )
    if not reason.strip():
        raise ValidationError({"reason": _("Say why you are withdrawing it.")})
    at = moment(at)
    old = proposal.status
    proposal.status = S.WITHDRAWN
    proposal.withdrawn_at = at
    proposal.save(update_fields=["status", "withdrawn_at", "updated_at"])
    # It no longer needs a place on any meeting that has not happened.
    AgendaItem.objects.filter(
        proposal=proposal, meeting__date__gte=timezone.localdate(at), kind=AgendaItem.Kind.PROPOSAL
    ).exclude(meeting__decisions__proposal=proposal).delete()
    record_event(
        proposal,
        ProposalEvent.Kind.WITHDRAWN,
        actor=actor,
        at=at,
        from_status=old,
        to_status=S.WITHDRAWN,
        text=reason.strip(),
    )
    audit_record(
        organisation=proposal.organisation,
        actor=actor,
        action="proposal.withdrawn",
        obj=proposal,
        changes={"status": [old, S.WITHDRAWN], "reason": reason.strip()},
    )
    return proposal


@transaction.atomic
def proposal_comment(
    *, proposal: Proposal, actor, body: str, at: dt.datetime | None = None
) -> ProposalComment:
    """Reps of the council and staff who work with proposals may comment."""
    access.refuse(
        access.may_comment(actor, proposal),
        _("Your role does not let you comment on proposals."),
    )
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Write your comment.")})
    at = moment(at)
    comment = ProposalComment.objects.create(
        organisation_id=proposal.organisation_id,
        proposal=proposal,
        author=actor,
        body=body,
        created_at=at,
    )
    record_event(proposal, ProposalEvent.Kind.COMMENT, actor=actor, at=at, text=body)
    audit_record(
        organisation=proposal.organisation, actor=actor, action="proposal.commented", obj=proposal
    )
    return comment


@transaction.atomic
def proposal_follow(*, proposal: Proposal, actor, follow: bool) -> None:
    """Reps of the council can ask to be told of every implementation update."""
    access.refuse(
        access.may_follow(actor, proposal), _("Only reps of this council can follow its proposals.")
    )
    if follow:
        proposal.followers.add(actor)
    else:
        proposal.followers.remove(actor)


@transaction.atomic
def proposal_mark_ready(
    *, proposal: Proposal, meeting: Meeting, actor, at: dt.datetime | None = None
) -> Proposal:
    """At a hub meeting the reps choose which drafts go forward; each becomes
    ready for, and is put on the agenda of, the council's next council meeting."""
    at = moment(at)
    if meeting.kind != Meeting.Kind.HUB:
        raise ValidationError({"__all__": _("Proposals are marked ready at a hub meeting.")})
    access.refuse(
        access.may_mark_ready(actor, meeting),
        _("Only the council's reps decide which drafts go forward."),
    )
    meeting = lock_meeting(meeting)
    require_not_cancelled(meeting)
    if proposal.council_id != meeting.council_id:
        raise ValidationError({"__all__": _("This proposal belongs to another council.")})
    if meeting.date > timezone.localdate(at):
        raise ValidationError(
            {"__all__": _("Mark proposals ready on the day of the hub meeting, or after it.")}
        )
    proposal = lock_proposal(proposal)
    if proposal.status != S.DRAFT:
        raise ValidationError({"__all__": _("Only a draft can be marked ready.")})
    missing = [
        label
        for label, value in (
            (_("the proposed solution"), proposal.solution),
            (_("the benefits"), proposal.benefits),
            (_("a theme"), proposal.theme_id),
        )
        if not value
    ]
    if missing:
        raise ValidationError(
            {
                "__all__": _("Before it goes to the council, add %(missing)s.")
                % {"missing": _(" and ").join(missing)}
            }
        )
    add_agenda_item(meeting, kind=AgendaItem.Kind.PROPOSAL, proposal=proposal)
    proposal.status = S.READY
    proposal.ready_at = at
    proposal.save(update_fields=["status", "ready_at", "updated_at"])
    record_event(
        proposal,
        ProposalEvent.Kind.READY,
        actor=actor,
        at=at,
        from_status=S.DRAFT,
        to_status=S.READY,
        meeting=meeting,
    )
    next_council = (
        selectors.upcoming_meetings(council=proposal.council, today=timezone.localdate(at))
        .filter(kind=Meeting.Kind.COUNCIL)
        .order_by("date", "starts_at")
        .first()
    )
    if next_council is not None:
        add_agenda_item(next_council, kind=AgendaItem.Kind.PROPOSAL, proposal=proposal)
    audit_record(
        organisation=proposal.organisation,
        actor=actor,
        action="proposal.ready",
        obj=proposal,
        changes={"status": [S.DRAFT, S.READY], "hub_meeting": str(meeting)},
    )
    return proposal
