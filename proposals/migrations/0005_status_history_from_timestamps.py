"""Fill each proposal's status history from the timestamps it already has.

Services write a timeline event with ``from_status``/``to_status`` for every
status change; proposals made before that was relied on (or loaded without
the services) may have no such events, so the figures "as at" a date could
not see them. This writes the missing steps, once, from the dates on the
proposal. It never imports app code.
"""

from django.db import migrations

ACCEPTED_LATER = {"in_progress", "implemented", "not_implemented"}
KIND_FOR_STATUS = {
    "draft": "raised",
    "ready": "ready",
    "presented": "presented",
    "in_progress": "owner_assigned",
    "implemented": "implemented",
    "not_implemented": "not_implemented",
    "withdrawn": "withdrawn",
}
DECISIONS = {"accepted", "accepted_with_changes", "deferred", "not_accepted", "replaced"}


def steps_from_timestamps(p) -> list[tuple]:
    """The (moment, status) steps a proposal went through, as far as its own
    dates tell. ``p`` is any object with the proposal's fields (and
    ``decision_outcome``, the published decision's outcome or "")."""
    steps = [(p.raised_at, "draft")]
    if p.ready_at:
        steps.append((p.ready_at, "ready"))
    if p.presented_at:
        steps.append((p.presented_at, "presented"))
    decided = p.published_at or p.decided_at
    outcome = p.decision_outcome or ""
    if p.status in ACCEPTED_LATER and outcome not in {"accepted", "accepted_with_changes"}:
        outcome = "accepted"
    if not outcome and p.status in DECISIONS | {"accepted", "accepted_with_changes"}:
        outcome = p.status
    if decided and outcome:
        steps.append((decided, outcome))
    if p.status in ACCEPTED_LATER:
        steps.append((p.owner_assigned_at or decided or p.raised_at, "in_progress"))
    if p.status == "implemented" and p.implemented_at:
        steps.append((p.implemented_at, "implemented"))
    if p.status == "not_implemented" and p.not_implemented_at:
        steps.append((p.not_implemented_at, "not_implemented"))
    if p.status == "withdrawn" and p.withdrawn_at:
        steps.append((p.withdrawn_at, "withdrawn"))
    if steps[-1][1] != p.status:
        steps.append((p.updated_at or steps[-1][0], p.status))
    # Keep the order the dates give, never going back in time.
    ordered, last = [], None
    for at, status in steps:
        at = max(at, last) if last else at
        if not ordered or ordered[-1][1] != status:
            ordered.append((at, status))
        last = at
    return ordered


def fill(apps, schema_editor):
    Proposal = apps.get_model("proposals", "Proposal")
    ProposalEvent = apps.get_model("proposals", "ProposalEvent")
    with_history = ProposalEvent.objects.exclude(to_status="").values("proposal_id")
    missing = Proposal.objects.exclude(pk__in=with_history).select_related("published_decision")
    events = []
    for p in missing.iterator():
        p.decision_outcome = p.published_decision.outcome if p.published_decision_id else ""
        previous = ""
        for at, status in steps_from_timestamps(p):
            events.append(
                ProposalEvent(
                    organisation_id=p.organisation_id,
                    proposal_id=p.pk,
                    kind=KIND_FOR_STATUS.get(status, "decision"),
                    at=at,
                    from_status=previous,
                    to_status=status,
                )
            )
            previous = status
    ProposalEvent.objects.bulk_create(events, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("proposals", "0004_database_keeps_its_promises_and_translatable_labels")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
