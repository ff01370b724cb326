"""Who may do what to proposals and meetings, beyond the role map.

The role map (``councils/permissions.py``) answers plain questions such as
"may this person see proposals of this council?". The rules here also look
at the object: who wrote the proposal, who chairs the meeting, whether it is
a hub meeting. Services call these and refuse whoever may not, whatever page
called them; views ask the same functions what to show. Each function only
answers yes or no; ``refuse`` turns a no into a plain ``PermissionDenied``.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from councils.models import Council, Organisation
from councils.permissions import can_anywhere

from .models import ActionPoint, Meeting, Proposal, ProposalStatus

# Given per proposal (django-guardian) to the lead who owns its implementation.
UPDATE_PERM = "proposals.update_implementation"

# "Mark as done" can be taken back for this long after.
UNDO_DONE_WINDOW = dt.timedelta(minutes=10)


def refuse(allowed: bool, message: str) -> None:
    """Raise ``PermissionDenied(message)`` unless ``allowed``."""
    if not allowed:
        raise PermissionDenied(message)


# ---------------------------------------------------------------------------
# Proposals


def is_rep_of(user, council: Council) -> bool:
    """Reps write, follow and (at hub meetings) send forward their council's proposals."""
    return user.has_perm("proposals.author_proposal", council)


def is_author(user, proposal: Proposal) -> bool:
    return any(a.pk == user.pk for a in proposal.authors.all())


def may_edit_proposal(user, proposal: Proposal) -> bool:
    """The reps who wrote it (staff never rewrite a proposal: they comment).
    Also who may add a co-author or withdraw it."""
    return is_rep_of(user, proposal.council) and is_author(user, proposal)


def may_comment(user, proposal: Proposal) -> bool:
    return user.has_perm("proposals.comment_proposal", proposal) or is_rep_of(
        user, proposal.council
    )


def may_follow(user, proposal: Proposal) -> bool:
    return is_rep_of(user, proposal.council)


def may_assign_owner(user, proposal: Proposal) -> bool:
    return user.has_perm("proposals.assign_owner", proposal)


def is_implementation_owner(user, proposal: Proposal) -> bool:
    """The lead given this proposal to put in place (a per-proposal grant)."""
    return user.has_perm(UPDATE_PERM, proposal)


def may_undo_done(user, proposal: Proposal) -> bool:
    """Who may take back "Mark as done": the person who marked it (only the
    owner can, and a finished proposal's owner cannot change), or a
    coordinator of its council. Only while ``undo_done_open``."""
    if not getattr(user, "is_authenticated", False):
        return False
    return (proposal.owner_id is not None and proposal.owner_id == user.pk) or (
        may_approve_wording(user, proposal)
    )


def undo_done_until(proposal: Proposal) -> dt.datetime | None:
    """Until when "Mark as done" can be taken back (None: it is not done)."""
    if proposal.status != ProposalStatus.IMPLEMENTED or proposal.implemented_at is None:
        return None
    return proposal.implemented_at + UNDO_DONE_WINDOW


def undo_done_open(proposal: Proposal, *, now: dt.datetime | None = None) -> bool:
    until = undo_done_until(proposal)
    return until is not None and (now or timezone.now()) < until


def works_as_lead(user, organisation: Organisation) -> bool:
    """Someone who puts proposals in place (a probation lead) somewhere in
    the organisation."""
    return can_anywhere(user, organisation, "proposals.track_implementation")


def may_see_my_actions(user, organisation: Organisation) -> bool:
    """The "My actions" page: probation leads, and anyone who owns a proposal."""
    return works_as_lead(user, organisation) or (
        user.is_authenticated
        and Proposal.objects.filter(organisation=organisation, owner=user).exists()
    )


# ---------------------------------------------------------------------------
# Meetings


def may_schedule_meetings(user, council: Council) -> bool:
    return user.has_perm("proposals.manage_meetings", council)


def may_change_meeting(user, meeting: Meeting) -> bool:
    """Change the date, place and people of a meeting, or cancel it: coordinators."""
    return may_schedule_meetings(user, meeting.council)


def may_edit_agenda(user, meeting: Meeting) -> bool:
    return may_schedule_meetings(user, meeting.council)


def may_run_meeting(user, meeting: Meeting) -> bool:
    """Record attendance and complete the minutes: the coordinator or the chair."""
    return may_schedule_meetings(user, meeting.council) or (
        meeting.chair_id is not None and meeting.chair_id == user.pk
    )


def may_take_minutes(user, meeting: Meeting) -> bool:
    """Hub meeting minutes are the reps' (or the coordinator's); council
    meeting minutes are anyone's whose role takes minutes."""
    if meeting.kind == Meeting.Kind.HUB and not (
        is_rep_of(user, meeting.council) or may_schedule_meetings(user, meeting.council)
    ):
        return False
    return user.has_perm("proposals.take_minutes", meeting.council)


def may_note_action_point(user, action_point: ActionPoint, meeting: Meeting) -> bool:
    """The action's owner, or whoever takes the minutes."""
    return action_point.owner_id == user.pk or may_take_minutes(user, meeting)


def may_mark_ready(user, meeting: Meeting) -> bool:
    """At a hub meeting, the council's reps choose which drafts go forward."""
    return meeting.kind == Meeting.Kind.HUB and is_rep_of(user, meeting.council)


def may_decide(user, meeting: Meeting) -> bool:
    """The meeting's chair, or a chair of that council, at a council meeting."""
    if meeting.kind != Meeting.Kind.COUNCIL:
        return False
    return (meeting.chair_id is not None and meeting.chair_id == user.pk) or user.has_perm(
        "proposals.decide_proposal", meeting.council
    )


def may_publish(user, meeting: Meeting) -> bool:
    if meeting.kind != Meeting.Kind.COUNCIL:
        return False
    return (meeting.chair_id is not None and meeting.chair_id == user.pk) or user.has_perm(
        "proposals.publish_decisions", meeting.council
    )


def may_see_meeting(user, meeting: Meeting) -> bool:
    """Hub meetings are for the council's reps (and organisers); council
    meetings for everyone who sees the council's proposals, and whoever is
    invited or chairs."""
    if meeting.chair_id == user.pk:
        return True
    if may_schedule_meetings(user, meeting.council):
        return True
    if meeting.kind == Meeting.Kind.HUB:
        return is_rep_of(user, meeting.council)
    return user.has_perm("proposals.view_proposal", meeting.council) or (
        meeting.invited.filter(pk=user.pk).exists()
    )


# ---------------------------------------------------------------------------
# Words for publication


def may_approve_wording(user, proposal: Proposal) -> bool:
    """Read a proposal's words and approve them for documents and public
    pages (or send them back): the coordinators of its council."""
    return bool(getattr(user, "is_authenticated", False)) and user.has_perm(
        "proposals.approve_wording", proposal
    )


def wrote_words(user, proposal: Proposal, part: str) -> bool:
    """Whoever wrote these words: nobody approves their own words for print."""
    from .models import WordingPart

    if part in (WordingPart.TITLE, WordingPart.PROBLEM):
        return proposal.created_by_id == user.pk or is_author(user, proposal)
    if part in (WordingPart.DECISION_REASON, WordingPart.DECISION_CHANGES):
        decision = proposal.published_decision
        return decision is not None and decision.decided_by_id == user.pk
    return proposal.owner_id is not None and proposal.owner_id == user.pk
