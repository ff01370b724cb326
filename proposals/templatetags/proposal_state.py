"""``{% implementation_state proposal as state %}``: where a proposal being
put in place stands (update due or overdue, past its target date), by the
one rule in ``proposals.selectors.implementation_state``, for any page that
shows the tags.

The tag also carries the words ``proposals/includes/implementation_state.html``
prints for it. Lists include that template once a row (50 rows on a chair's
page), and there its constant labels and dated sentences, each a
``{% translate %}`` or ``{% blocktranslate %}`` with a ``date`` filter, were
a third of the page's time: here the labels are translated once a render
and the sentences built directly, the same words and HTML."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import formats, timezone
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_noop, ngettext

from proposals.selectors import ImplementationState
from proposals.selectors import implementation_state as state_of

register = template.Library()

LONG_DATE = "j F Y"


# The words the include prints, by key (``state.labels.update_due``).
LABELS = {
    "update_overdue": gettext_noop("Update overdue"),
    "update_due": gettext_noop("Update due"),
    "past_target": gettext_noop("Past target date"),
    "no_update_30_days": gettext_noop("No update for more than 30 days."),
    "no_update_yet": gettext_noop("No update yet."),
    "owner_reminded": gettext_noop("The owner is reminded each week."),
    "owner_asked_chair": gettext_noop("The owner has asked the chair for a new one."),
    "only_chair": gettext_noop("Only a chair can set a new one."),
    "post_update": gettext_noop("Post an update"),
    "on": gettext_noop("on"),
}

_RENDER_KEY = "implementation_state_labels"


def _labels(context) -> dict[str, SafeString]:
    """The labels in the active language, translated once a render (each
    ``gettext`` is remembered by ``councils.translation``; a row then reads
    a dict). Not escaped, as ``{% translate "..." %}`` prints them (a
    template's literal is safe, and so is its translation)."""
    labels = context.render_context.get(_RENDER_KEY)
    if labels is None:
        labels = {key: mark_safe(gettext(msgid)) for key, msgid in LABELS.items()}
        context.render_context[_RENDER_KEY] = labels
    return labels


def _long_date(value: dt.date | dt.datetime) -> str:
    """As ``{{ value|date:"j F Y" }}`` prints it (local time for a moment)."""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return conditional_escape(formats.date_format(value, LONG_DATE))


class StateForPage:
    """An ``ImplementationState`` with the words the include prints."""

    def __init__(self, state: ImplementationState, proposal, labels: dict[str, SafeString]):
        self.update_due_by = state.update_due_by
        self.update_overdue = state.update_overdue
        self.update_due = state.update_due
        self.past_target = state.past_target
        self.days_past_target = state.days_past_target
        self.is_overdue = state.is_overdue
        self.labels = labels
        self._target_date = proposal.target_date

    @property
    def due_by_sentence(self) -> SafeString:
        return mark_safe(
            gettext("The next update is due by %(day)s.") % {"day": _long_date(self.update_due_by)}
        )

    @property
    def past_target_sentence(self) -> SafeString:
        days = self.days_past_target
        return mark_safe(
            ngettext(
                "The target date, %(day)s, passed %(days)s day ago.",
                "The target date, %(day)s, passed %(days)s days ago.",
                days,
            )
            % {
                "day": _long_date(self._target_date),
                "days": conditional_escape(formats.localize(days)),
            }
        )


@register.simple_tag(takes_context=True)
def implementation_state(context, proposal):
    state = state_of(proposal)
    return None if state is None else StateForPage(state, proposal, _labels(context))
