"""Forms for surgeries and feedback. Choices of councils, sites, themes and
reps are always limited to the organisation and carry public ids, so a
tampered form is refused beside the field with a plain message."""

from .feedback import (
    FeedbackCorrectForm,
    FeedbackItemForm,
    FollowUpCloseForm,
    QuoteForm,
    ThemeForm,
)
from .fields import new_token
from .filters import BoardFilterForm, QuoteFilterForm, SummaryFilterForm
from .surgeries import CountTapForm, SurgeryCountsForm, SurgeryForm

__all__ = [
    "BoardFilterForm",
    "CountTapForm",
    "FeedbackCorrectForm",
    "FeedbackItemForm",
    "FollowUpCloseForm",
    "QuoteForm",
    "QuoteFilterForm",
    "SummaryFilterForm",
    "SurgeryCountsForm",
    "SurgeryForm",
    "ThemeForm",
    "new_token",
]
