"""``{% implementation_state proposal %}``: where a proposal being put in
place stands (update due or overdue, past its target date), by the one rule
in ``proposals.selectors.implementation_state``, for any page that shows the
tags.

Lists show it once a row (50 rows on a chair's page). As an included
template, its constant labels and dated sentences, each a ``{% translate %}``
or ``{% blocktranslate %}`` with a ``date`` filter, and the template's own
nodes were most of the page's time: here the labels are translated once a
render, the addresses reversed once, and the words written directly, the
same words and HTML."""

from __future__ import annotations

import datetime as dt
import re

from django import template
from django.template.defaultfilters import date as format_date
from django.template.defaultfilters import timesince_filter
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_noop, ngettext

from councils.addresses import IdUrl, id_url
from proposals.selectors import ImplementationState
from proposals.selectors import implementation_state as state_of

register = template.Library()

LONG_DATE = "j F Y"
RED = '<strong class="govuk-tag govuk-tag--red">'
YELLOW = '<strong class="govuk-tag govuk-tag--yellow">'


# The tag's fixed words, by key.
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

_RENDER_KEY = "implementation_state_page"


class _ForPage:
    """What every row of one render shares: the labels in the active
    language (each ``gettext`` is remembered by ``councils.translation``; a
    row then reads a dict) and the addresses, reversed once."""

    def __init__(self, org_slug: str):
        # Not escaped, as ``{% translate "..." %}`` prints them (a
        # template's literal is safe, and so is its translation).
        self.labels = {key: mark_safe(gettext(msgid)) for key, msgid in LABELS.items()}
        self.org_slug = org_slug

    @cached_property
    def proposal_url(self) -> IdUrl:
        return id_url("proposal_detail", self.org_slug)

    # Only the owner's rows have links.
    @cached_property
    def update_url(self) -> IdUrl:
        return id_url("proposal_update_add", self.org_slug)

    @cached_property
    def ask_url(self) -> IdUrl:
        return id_url("target_date_ask", self.org_slug)

    @cached_property
    def done_url(self) -> IdUrl:
        return id_url("proposal_implemented", self.org_slug)


def _for_page(context) -> _ForPage:
    shared = context.render_context.get(_RENDER_KEY)
    if shared is None:
        organisation = context.get("organisation")
        shared = _ForPage(organisation.slug if organisation is not None else "")
        context.render_context[_RENDER_KEY] = shared
    return shared


def _long_date(value: dt.date | dt.datetime) -> str:
    """As ``{{ value|date:"j F Y" }}`` prints it (local time for a moment)."""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return conditional_escape(formats.date_format(value, LONG_DATE))


class StateForPage:
    """An ``ImplementationState`` with the labels and sentences the tag writes."""

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


def state_for_page(context, proposal) -> StateForPage | None:
    state = state_of(proposal)
    return None if state is None else StateForPage(state, proposal, _for_page(context).labels)


# The owner's links, as the words around them are translated: the
# ``{% blocktranslate %}`` messages these were, with their placeholders.
POST_UPDATE_EVEN_IF = gettext_noop(
    '<a class="govuk-link" href="%(update_url)s">Post an update<span '
    'class="govuk-visually-hidden"> on %(title)s</span></a>, even if nothing has changed.'
)
ASK_OR_MARK_DONE = gettext_noop(
    '<a class="govuk-link" href="%(ask_url)s">Ask for a new target date<span '
    'class="govuk-visually-hidden"> for %(title)s</span></a>, or <a class="govuk-link" '
    'href="%(done_url)s">mark it as done<span class="govuk-visually-hidden">: '
    "%(title)s</span></a> if it is."
)
YOU_ASKED_FOR = gettext_noop("You asked for %(day)s: waiting for the chair.")


@register.simple_tag(takes_context=True)
def implementation_state(
    context, proposal, *, for_owner=False, waiting=None, tags_only=False
) -> SafeString:
    """Where a proposal being put in place stands: "Update due" or "Update
    overdue" (no update within 30 days) apart from "Past target date", each
    with what to do about it. ``for_owner``: the person putting it in place,
    who gets the links. ``waiting``: the new target date they asked for, if
    a chair has not answered yet. ``tags_only``: the tags alone, for a list.

    Built here rather than by an included template: a list included it once
    a row (50 rows on a chair's page), and the template's nodes cost more
    than the words. It writes what that template wrote, character for
    character (``tests/proposals/test_implementation_state_words.py``)."""
    state = state_for_page(context, proposal)
    if state is None:
        return mark_safe("\n")
    shared = _for_page(context)
    labels = shared.labels
    if tags_only:
        out = []
        if state.update_overdue:
            out.append(f" {RED}{labels['update_overdue']}</strong>")
        elif state.update_due:
            out.append(f" {YELLOW}{labels['update_due']}</strong>")
        if state.past_target:
            out.append(f" {RED}{labels['past_target']}</strong>")
        out.append("\n")
        return mark_safe("".join(out))
    if not (state.update_overdue or state.update_due or state.past_target):
        return mark_safe("\n")
    title = conditional_escape(proposal.title) if for_owner else ""
    out = ['\n<ul class="govuk-list app-implementation-state" data-implementation-state>\n  ']
    if state.update_overdue or state.update_due:
        out.append("\n  <li>")
        if state.update_overdue:
            out.append(f"{RED}{labels['update_overdue']}</strong>\n    ")
            out.append(
                labels["no_update_30_days"] if state.update_due_by else labels["no_update_yet"]
            )
            out.append("\n    ")
        else:
            out.append(f"{YELLOW}{labels['update_due']}</strong>\n    ")
            out.append(state.due_by_sentence)
        out.append("\n    ")
        if for_owner:
            update_url = conditional_escape(shared.update_url(proposal.public_id))
            if state.update_overdue:
                out.append(
                    gettext(POST_UPDATE_EVEN_IF) % {"update_url": update_url, "title": title}
                )
            else:
                out.append(
                    f'<a class="govuk-link" href="{update_url}">{labels["post_update"]}'
                    f'<span class="govuk-visually-hidden"> {labels["on"]} {title}</span></a>'
                )
            out.append("\n    ")
        elif state.update_overdue:
            out.append(labels["owner_reminded"])
        out.append("\n  </li>\n  ")
    out.append("\n  ")
    if state.past_target:
        out.append(f"\n  <li>{RED}{labels['past_target']}</strong>\n    ")
        out.append(state.past_target_sentence)
        out.append("\n    ")
        if waiting:
            if for_owner:
                out.append(gettext(YOU_ASKED_FOR) % {"day": _long_date(waiting)})
            else:
                out.append(labels["owner_asked_chair"])
            out.append("\n    ")
        elif for_owner:
            out.append(
                gettext(ASK_OR_MARK_DONE)
                % {
                    "ask_url": conditional_escape(shared.ask_url(proposal.public_id)),
                    "done_url": conditional_escape(shared.done_url(proposal.public_id)),
                    "title": title,
                }
            )
            out.append("\n    ")
        else:
            out.append(labels["only_chair"])
        out.append("\n  </li>\n  ")
    out.append("\n</ul>\n\n")
    return mark_safe("".join(out))


@register.simple_tag(takes_context=True)
def status_tag(context, proposal) -> SafeString:
    """A proposal's status, with its implementation tags, for a list: what
    the include ``proposals/includes/status_tag.html`` wrote, character for
    character, without an include a row."""
    return format_html(
        '\n<strong class="govuk-tag {}">{}</strong>{}\n',
        proposal.status_tag_class,
        proposal.get_status_display(),
        implementation_state(context, proposal, tags_only=True),
    )


OVERDUE_ROW = (
    '\n  <tr class="govuk-table__row">'
    '\n    <td class="govuk-table__cell"><a class="govuk-link" href="{url}">{title}</a><br>'
    '<span class="govuk-body-s">{council}</span>{state}</td>'
    '\n    <td class="govuk-table__cell">{owner}</td>'
    '\n    <td class="govuk-table__cell">{target}</td>'
    '\n    <td class="govuk-table__cell">{updated}</td>'
    "\n  </tr>\n  "
)


# Rows remembered for a while (``councils.freshness``) hold nothing relative
# to the clock finer than a day: rendered with ``since_later`` in the
# context, "3 days, 4 hours ago" is a mark of the moment, and
# ``fill_since`` writes the words where the rows are shown. (A NUL is never
# in text the database keeps.)
SINCE_LATER = "since_later"
_SINCE = "\x00since:{}\x00"
_SINCE_MARK = re.compile("\x00since:([^\x00]+)\x00")


def _since_words(ago: str, moment: dt.datetime) -> str:
    return ago % {"since": conditional_escape(timesince_filter(moment))}


def fill_since(html: str) -> SafeString:
    """Remembered rows with the time since each moment, as of now."""
    if "\x00" not in html:
        return mark_safe(html)
    ago = gettext("%(since)s ago")
    return mark_safe(
        _SINCE_MARK.sub(lambda mark: _since_words(ago, dt.datetime.fromisoformat(mark[1])), html)
    )


@register.simple_tag(takes_context=True)
def overdue_rows(context, proposals) -> SafeString:
    """The rows of the overdue table (``proposals/includes/overdue_table.html``):
    each proposal, its council and where it stands, its owner, target date
    and last update. Written here, not by the template a row: 50 rows on a
    chair's page, each a dozen lookups, filters and a ``{% blocktranslate %}``.
    The same words and HTML as that template wrote."""
    shared = _for_page(context)
    nobody_yet = gettext("Nobody yet")
    never = gettext("Never")
    ago = gettext("%(since)s ago")
    later = bool(context.get(SINCE_LATER))
    rows = []
    for p in proposals:
        target = format_date(p.target_date, "j M Y") if p.target_date else ""
        rows.append(
            OVERDUE_ROW.format(
                url=conditional_escape(shared.proposal_url(p.public_id)),
                title=conditional_escape(p.title),
                council=conditional_escape(p.council.name),
                state=implementation_state(context, p),
                owner=conditional_escape(p.owner) if p.owner else nobody_yet,
                target=conditional_escape(target) if target else "–",
                updated=(
                    never
                    if p.last_update_at is None
                    else _SINCE.format(p.last_update_at.isoformat())
                    if later
                    else _since_words(ago, p.last_update_at)
                ),
            )
        )
    return mark_safe("".join(rows))
