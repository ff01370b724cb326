"""``{% implementation_state proposal as state %}``: where a proposal being
put in place stands (update due or overdue, past its target date), by the
one rule in ``proposals.selectors.implementation_state``, for any page that
shows the tags."""

from __future__ import annotations

from django import template

from proposals.selectors import implementation_state as state_of

register = template.Library()


@register.simple_tag
def implementation_state(proposal):
    return state_of(proposal)
