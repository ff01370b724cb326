"""Proposals, meetings, decisions, action points and implementation.

The loop the product exists for (DOMAIN.md, "Proposal"):

    draft ─▶ ready (endorsed at a hub meeting) ─▶ presented at a council meeting
      ─▶ accepted | accepted_with_changes | deferred | not_accepted | replaced | withdrawn
    accepted / accepted_with_changes ─▶ in_progress (owner, target date, updates)
      ─▶ implemented ("we did" statement) | not_implemented (reason required)

Reading guide for other apps (reports, You Said We Did):

- ``Proposal.status`` is the *published* state. A decision recorded by the chair
  during a meeting changes nothing people can see until it is published;
  publishing copies its outcome onto the proposal and sets
  ``Proposal.published_decision``, ``decided_at`` and ``published_at``.
- ``Proposal.problem`` is "you said"; ``Proposal.we_did`` is "we did" (set when
  implemented); ``Proposal.not_implemented_reason`` explains the other ending;
  ``published_decision.reason`` / ``reason_category`` say why something was not
  accepted (or deferred).
- Every write goes through ``proposals.services``; this module holds fields,
  constraints and tiny properties only.
"""

from .decisions import Decision
from .meetings import ActionPoint, ActionPointUpdate, AgendaItem, Attendance, Meeting, MinutePoint
from .proposals import (
    ACCEPTED_STATUSES,
    DECIDED_STATUSES,
    EDITABLE_STATUSES,
    STATUS_TAG_CLASSES,
    ImplementationUpdate,
    Proposal,
    ProposalComment,
    ProposalEvent,
    ProposalStatus,
)
from .targets import Milestone, TargetDateRequest
from .wording import SOURCE_FIELDS, WordingApproval, WordingPart

__all__ = [
    "ACCEPTED_STATUSES",
    "DECIDED_STATUSES",
    "EDITABLE_STATUSES",
    "STATUS_TAG_CLASSES",
    "ActionPoint",
    "ActionPointUpdate",
    "AgendaItem",
    "Attendance",
    "Decision",
    "ImplementationUpdate",
    "Meeting",
    "Milestone",
    "MinutePoint",
    "Proposal",
    "ProposalComment",
    "ProposalEvent",
    "ProposalStatus",
    "TargetDateRequest",
    "SOURCE_FIELDS",
    "WordingApproval",
    "WordingPart",
]
