"""Meeting agendas: assembled from what is waiting, then ordered and edited
by the coordinator."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from councils.audit import audit_record, changes_between, model_values

from .. import access, selectors
from ..models import ActionPoint, AgendaItem, Decision, Meeting, Proposal, ProposalEvent
from ..models import ProposalStatus as S
from .common import (
    add_agenda_item,
    lock_meeting,
    next_order,
    record_event,
    require_minutes_open,
    require_not_cancelled,
)


def _require_agenda_editor(meeting: Meeting, actor) -> None:
    access.refuse(
        access.may_edit_agenda(actor, meeting), _("Only coordinators can edit the agenda.")
    )


def _due_at_council(meeting: Meeting) -> Q:
    """Proposals a council meeting should look at: ready ones, and deferred
    ones now due."""
    return (
        Q(status=S.READY)
        | Q(status=S.DEFERRED, published_decision__deferred_to__lte=meeting.date)
        | Q(status=S.DEFERRED, published_decision__deferred_to_meeting=meeting)
        # Deferred to a meeting that was then cancelled: due at the next one.
        | Q(
            status=S.DEFERRED,
            published_decision__deferred_to_meeting__cancelled_at__isnull=False,
        )
        | Q(
            status=S.DEFERRED,
            published_decision__deferred_to__isnull=True,
            published_decision__deferred_to_meeting__isnull=True,
        )
    )


@transaction.atomic
def agenda_build(*, meeting: Meeting, actor) -> int:
    """Add whatever is waiting for this meeting and is not on its agenda yet:

    - hub meetings: the council's drafts, for the reps to choose which go forward;
    - council meetings: proposals marked ready, and deferred ones now due;
    - both: proposals awaiting an implementation update, and every open action
      point raised at an earlier meeting (carried forward until closed).

    Nothing is removed; the coordinator orders and edits. Returns how many
    items were added."""
    _require_agenda_editor(meeting, actor)
    meeting = lock_meeting(meeting)
    require_not_cancelled(meeting)
    require_minutes_open(meeting)
    council = meeting.council
    added = 0
    proposals = Proposal.objects.filter(council=council)
    if meeting.kind == Meeting.Kind.HUB:
        ready = proposals.filter(status=S.DRAFT)
    else:
        ready = proposals.filter(_due_at_council(meeting))
    for proposal in ready.order_by("ready_at", "raised_at", "id"):
        item = add_agenda_item(meeting, kind=AgendaItem.Kind.PROPOSAL, proposal=proposal)
        added += item is not None
    for proposal in proposals.filter(status=S.IN_PROGRESS).order_by("target_date", "id"):
        item = add_agenda_item(
            meeting, kind=AgendaItem.Kind.IMPLEMENTATION_UPDATE, proposal=proposal
        )
        added += item is not None
    for point in ActionPoint.objects.filter(
        council=council, status=ActionPoint.Status.OPEN, meeting__date__lt=meeting.date
    ).order_by("due_on", "id"):
        item = add_agenda_item(meeting, kind=AgendaItem.Kind.ACTION_POINT, action_point=point)
        added += item is not None
    if added:
        audit_record(
            organisation=meeting.organisation,
            actor=actor,
            action="agenda.built",
            obj=meeting,
            changes={"items_added": added},
        )
    return added


def _check_proposal_item(meeting: Meeting, kind: str, proposal: Proposal | None) -> None:
    if proposal is None:
        raise ValidationError({"proposal": _("Choose a proposal.")})
    if proposal.council_id != meeting.council_id:
        raise ValidationError(
            {
                "proposal": _(
                    "This proposal belongs to %(council)s. "
                    "Put it on one of that council's meetings."
                )
                % {"council": proposal.council.name}
            }
        )
    if kind == AgendaItem.Kind.IMPLEMENTATION_UPDATE and proposal.status != S.IN_PROGRESS:
        raise ValidationError({"proposal": _("This proposal is not being put in place.")})
    if (
        kind == AgendaItem.Kind.PROPOSAL
        and meeting.is_council
        and proposal.status not in selectors.DECIDABLE_STATUSES
    ):
        raise ValidationError(
            {"proposal": _("Only proposals marked ready (or deferred) go to a council meeting.")}
        )
    if kind == AgendaItem.Kind.PROPOSAL and not meeting.is_council and proposal.status != S.DRAFT:
        raise ValidationError({"proposal": _("Hub meetings look at draft proposals.")})


@transaction.atomic
def agenda_item_add(
    *,
    meeting: Meeting,
    kind: str,
    actor,
    title: str = "",
    notes: str = "",
    proposal: Proposal | None = None,
) -> AgendaItem:
    _require_agenda_editor(meeting, actor)
    meeting = lock_meeting(meeting)
    require_not_cancelled(meeting)
    require_minutes_open(meeting)
    if kind == AgendaItem.Kind.OTHER:
        if not title.strip():
            raise ValidationError({"title": _("Give the item a title.")})
        proposal = None
    elif kind in {AgendaItem.Kind.PROPOSAL, AgendaItem.Kind.IMPLEMENTATION_UPDATE}:
        _check_proposal_item(meeting, kind, proposal)
    else:
        raise ValidationError({"kind": _("Choose what kind of item this is.")})
    try:
        with transaction.atomic():
            item = AgendaItem.objects.create(
                organisation_id=meeting.organisation_id,
                meeting=meeting,
                order=next_order(meeting),
                kind=kind,
                title=title.strip(),
                notes=notes.strip(),
                proposal=proposal,
            )
    except IntegrityError as error:
        raise ValidationError({"proposal": _("This proposal is already on the agenda.")}) from error
    if proposal is not None:
        record_event(
            proposal,
            ProposalEvent.Kind.ON_AGENDA,
            actor=actor,
            at=timezone.now(),
            meeting=meeting,
            text=str(meeting),
        )
    audit_record(
        organisation=meeting.organisation,
        actor=actor,
        action="agenda.item_added",
        obj=meeting,
        changes={"item": str(item)},
    )
    return item


def _lock_item(item: AgendaItem) -> AgendaItem:
    return (
        AgendaItem.objects.select_for_update(of=("self",))
        .select_related("meeting", "meeting__council", "meeting__organisation", "action_point")
        .get(pk=item.pk)
    )


@transaction.atomic
def agenda_item_update(*, item: AgendaItem, title: str, notes: str, actor) -> AgendaItem:
    _require_agenda_editor(item.meeting, actor)
    item = _lock_item(item)
    if item.kind == AgendaItem.Kind.OTHER and not title.strip():
        raise ValidationError({"title": _("Give the item a title.")})
    before = model_values(item, ["title", "notes"])
    item.title, item.notes = title.strip(), notes.strip()
    item.save(update_fields=["title", "notes"])
    audit_record(
        organisation=item.meeting.organisation,
        actor=actor,
        action="agenda.item_updated",
        obj=item.meeting,
        changes=changes_between(before, model_values(item, ["title", "notes"])),
    )
    return item


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, direction: str, actor) -> None:
    """Swap with the item above or below."""
    _require_agenda_editor(item.meeting, actor)
    items = list(AgendaItem.objects.select_for_update().filter(meeting=item.meeting))
    index = next(i for i, it in enumerate(items) if it.pk == item.pk)
    other = index - 1 if direction == "up" else index + 1
    if direction not in {"up", "down"} or not 0 <= other < len(items):
        return
    items[index], items[other] = items[other], items[index]
    for position, it in enumerate(items, start=1):
        if it.order != position * 10:
            it.order = position * 10
            it.save(update_fields=["order"])
    audit_record(
        organisation=item.meeting.organisation,
        actor=actor,
        action="agenda.item_moved",
        obj=item.meeting,
        changes={"item": str(item), "direction": direction},
    )


@transaction.atomic
def agenda_item_remove(*, item: AgendaItem, actor) -> None:
    _require_agenda_editor(item.meeting, actor)
    item = _lock_item(item)
    if item.action_point_id and item.action_point.status == ActionPoint.Status.OPEN:
        raise ValidationError(
            {"__all__": _("Open action points stay on every agenda until they are closed.")}
        )
    if (
        item.proposal_id
        and Decision.objects.filter(meeting=item.meeting, proposal_id=item.proposal_id).exists()
    ):
        raise ValidationError({"__all__": _("A decision has been recorded for this item.")})
    if item.proposal_id and item.kind == AgendaItem.Kind.IMPLEMENTATION_UPDATE:
        raise ValidationError(
            {"__all__": _("Proposals being put in place stay on the agenda until they are done.")}
        )
    audit_record(
        organisation=item.meeting.organisation,
        actor=actor,
        action="agenda.item_removed",
        obj=item.meeting,
        changes={"item": str(item)},
    )
    item.delete()
