"""Forms for proposals, meetings, decisions and implementation. Choices are
always limited to the organisation (and usually the council), and carry
public ids, so a tampered form is refused beside the field."""

from .decisions import (
    DecisionForm,
    ImplementationUpdateForm,
    ImplementedForm,
    NotImplementedForm,
    OwnerForm,
)
from .meetings import (
    ActionNoteForm,
    ActionPointForm,
    AgendaItemAddForm,
    AgendaItemEditForm,
    AttendanceForm,
    MeetingCancelForm,
    MeetingForm,
    MeetingStartForm,
    MinuteForm,
)
from .proposals import (
    AddAuthorForm,
    CommentForm,
    CouncilChoiceForm,
    ProposalFilterForm,
    ProposalForm,
    WithdrawForm,
)
from .targets import MilestoneForm, TargetDateAnswerForm, TargetDateRequestForm
from .wording import WordingForm

__all__ = [
    "MilestoneForm",
    "TargetDateAnswerForm",
    "TargetDateRequestForm",
    "ActionNoteForm",
    "ActionPointForm",
    "AddAuthorForm",
    "AgendaItemAddForm",
    "AgendaItemEditForm",
    "AttendanceForm",
    "CommentForm",
    "CouncilChoiceForm",
    "DecisionForm",
    "ImplementationUpdateForm",
    "ImplementedForm",
    "MeetingCancelForm",
    "MeetingForm",
    "MeetingStartForm",
    "MinuteForm",
    "NotImplementedForm",
    "OwnerForm",
    "ProposalFilterForm",
    "ProposalForm",
    "WithdrawForm",
    "WordingForm",
]
