"""``{% item_meta item %}``: the line under a piece of feedback (its kind,
the day it was received, where it came from, a safeguarding flag), on every
page that lists feedback. ``{% board_item item item_url %}``: one item of
the feedback board, inside its ``<li>``; ``{% logged_item ... %}``: one
item logged at a surgery, on the surgery's page; ``{% quote_item ... %}``:
one quote waiting to be checked; ``{% followup_item ... %}``: one open
follow-up.

A tag rather than an included template: a list of 50 items looked up the
same few translations and formatted the same few days 50 times over (about
110 µs an item); this translates each label and formats each day once a
page. It writes what the template wrote, character for character."""

from __future__ import annotations

from django import template
from django.template.defaultfilters import date as format_date
from django.template.defaultfilters import time as format_time
from django.template.defaultfilters import timesince_filter, truncatechars
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext

register = template.Library()


def _page_words(context):
    """``words(key, make)``: ``make()`` escaped, made once a page. The cache
    lives while that page renders (never across requests or languages)."""
    return words_once(context.render_context.setdefault("item_meta", {}))


def words_once(once: dict):
    """``words(key, make)``, made once for as long as ``once`` lives."""

    def words(key, make, escape=conditional_escape) -> str:
        if key not in once:
            once[key] = escape(make())
        return once[key]

    return words


@register.simple_tag(takes_context=True)
def item_meta(context, item) -> SafeString:
    return mark_safe(_item_meta(_page_words(context), item))


def _item_meta(words, item) -> str:

    parts = [
        words(("kind", item.kind), item.get_kind_display),
        " · ",
        words(("day", item.received_on), lambda: format_date(item.received_on, "j M Y")),
        " · ",
    ]
    if item.surgery_id:
        # Translated words are the template's own: not escaped, as in a template.
        at = words("surgery at", lambda: gettext("Surgery at %(site)s"), escape=str)
        # The board reads only the surgery's place's name, not the surgery.
        site = getattr(item, "surgery_site_name", None) or item.surgery.site.name
        parts.append(at % {"site": conditional_escape(site)})
    else:
        parts.append(words(("channel", item.channel), item.get_channel_display))
        if item.site_id:
            parts += [", ", conditional_escape(item.site.name)]
    if item.follow_up == "safeguarding":
        parts += [" · ", words("safeguarding", lambda: gettext("Safeguarding"), escape=str)]
    return "".join(parts)


@register.simple_tag(takes_context=True)
def board_item(context, item, item_url) -> SafeString:
    """What the board's template wrote for one item, character for character
    (a box to tick it as evidence, or a tag saying it is picked already):
    about 25 template nodes an item, 50 items a page, were a third of the
    page's time. Translated words are the template's own and not escaped,
    as in a template; the item's words are."""
    return mark_safe(board_item_html(_page_words(context), item, item_url))


def board_item_html(words, item, item_url) -> str:
    """``{% board_item %}`` with ``words`` from ``words_once``."""
    said = conditional_escape(item.said)
    public_id = conditional_escape(item.public_id)
    meta = _item_meta(words, item)
    if item.is_selected:
        in_evidence = words("in evidence", lambda: gettext("In your evidence"), escape=str)
        parts = [
            '\n      \n      <p class="govuk-body govuk-!-margin-bottom-1">',
            f'<strong class="govuk-tag govuk-tag--green">{in_evidence}</strong></p>',
            f'\n      <p class="govuk-body govuk-!-margin-bottom-1">“{said}”</p>\n      \n      ',
            f'<p class="govuk-body-s govuk-!-margin-bottom-1">{meta}</p>',
        ]
    else:
        parts = [
            "\n      \n      ",
            '<div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">',
            '\n        <div class="govuk-checkboxes__item">\n          ',
            f'<input class="govuk-checkboxes__input" id="pick-{public_id}" name="items"',
            f' type="checkbox" value="{public_id}" aria-describedby="pick-{public_id}-hint">',
            "\n          ",
            f'<label class="govuk-label govuk-checkboxes__label" for="pick-{public_id}">',
            f"“{said}”</label>\n          ",
            f'<div id="pick-{public_id}-hint" class="govuk-hint govuk-checkboxes__hint">',
            f"{meta}</div>\n        </div>\n      </div>\n      \n      ",
        ]
    parts.append("\n      ")
    if item.suggestion:
        suggests = words("suggests", lambda: gettext("Suggests: %(suggestion)s"), escape=str) % {
            "suggestion": conditional_escape(item.suggestion)
        }
        parts.append(f'<p class="govuk-body-s govuk-!-margin-bottom-1">{suggests}</p>')
    day = words(("day long", item.received_on), lambda: format_date(item.received_on, "j F Y"))
    theme = words(("theme", item.theme_id), lambda: str(item.theme))
    link_words = words(
        "open",
        lambda: gettext(
            'Open<span class="govuk-visually-hidden"> feedback from %(date)s about %(theme)s</span>'
        ),
        escape=str,
    ) % {"date": day, "theme": theme}
    href = f"{conditional_escape(item_url.before)}{public_id}{conditional_escape(item_url.after)}"
    parts += [
        '\n      <p class="govuk-body-s govuk-!-margin-bottom-0"><a class="govuk-link" href="',
        f'{href}">{link_words}</a></p>\n    ',
    ]
    return "".join(parts)


KIND_TAG_COLOURS = {"problem": "orange", "positive": "green"}


@register.simple_tag(takes_context=True)
def logged_item(context, item, item_url, edit_url) -> SafeString:
    """What the surgery page's template wrote for one item logged there,
    character for character: the page reps use on old phones, with every
    item of the day on it."""
    return mark_safe(logged_item_html(_page_words(context), item, item_url, edit_url))


def logged_item_html(words, item, item_url, edit_url) -> str:
    """``{% logged_item %}`` with ``words`` from ``words_once``."""
    theme = words(("theme", item.theme_id), lambda: str(item.theme))
    kind = words(("kind", item.kind), item.get_kind_display)
    colour = KIND_TAG_COLOURS.get(item.kind, "blue")
    parts = [
        f'\n    <p class="govuk-body govuk-!-margin-bottom-1"><strong>{theme}</strong>',
        f' <strong class="govuk-tag govuk-tag--{colour}">{kind}</strong>',
    ]
    if item.follow_up == "safeguarding":
        flag = words("safeguarding", lambda: gettext("Safeguarding"), escape=str)
        parts.append(f' <strong class="govuk-tag govuk-tag--red">{flag}</strong>')
    elif item.follow_up == "signposted":
        flag = words("signposted", lambda: gettext("Signposted"), escape=str)
        parts.append(f' <strong class="govuk-tag govuk-tag--grey">{flag}</strong>')
    said = conditional_escape(truncatechars(item.said, 160))
    time = conditional_escape(format_time(template_localtime(item.created_at), "H:i"))
    about = {"theme": theme, "time": time}
    public_id = conditional_escape(item.public_id)
    view = words(
        "view",
        lambda: gettext(
            'View<span class="govuk-visually-hidden"> feedback about %(theme)s,'
            " logged at %(time)s</span>"
        ),
        escape=str,
    )
    parts += [
        f'</p>\n    <p class="govuk-body govuk-!-margin-bottom-1">“{said}”</p>',
        '\n    <p class="govuk-body-s govuk-!-margin-bottom-0">',
        '\n      <a class="govuk-link" href="',
        f'{conditional_escape(item_url.before)}{public_id}{conditional_escape(item_url.after)}">',
        f"{view % about}</a>\n      ",
    ]
    if item.can_correct:
        correct = words(
            "correct",
            lambda: gettext(
                'Correct<span class="govuk-visually-hidden"> feedback about %(theme)s,'
                " logged at %(time)s</span>"
            ),
            escape=str,
        )
        parts += [
            ' · <a class="govuk-link" href="',
            f'{conditional_escape(edit_url.before)}{public_id}{conditional_escape(edit_url.after)}">',
            f"{correct % about}</a>",
        ]
    parts.append("\n    </p>\n  ")
    return "".join(parts)


@register.simple_tag(takes_context=True)
def quote_item(context, item, quote_url) -> SafeString:
    """What the list of quotes to check wrote for one quote, character for
    character."""
    words = _page_words(context)
    theme = words(("theme", item.theme_id), lambda: str(item.theme))
    council = words(("council", item.council_id), lambda: item.council.name)
    day = words(("day long", item.received_on), lambda: format_date(item.received_on, "j F Y"))
    check = words(
        "check",
        lambda: gettext(
            'Check<span class="govuk-visually-hidden"> the quote from %(date)s'
            " about %(theme)s</span>"
        ),
        escape=str,
    ) % {"date": day, "theme": theme}
    said = conditional_escape(truncatechars(item.said, 240))
    public_id = conditional_escape(item.public_id)
    href = f"{conditional_escape(quote_url.before)}{public_id}{conditional_escape(quote_url.after)}"
    return mark_safe(
        f'\n    <p class="govuk-body govuk-!-margin-bottom-1">“{said}”</p>'
        f'\n    <p class="govuk-body-s govuk-!-margin-bottom-1">{council} · {theme} · '
        f"{_item_meta(words, item)}</p>"
        '\n    <p class="govuk-body govuk-!-margin-bottom-0"><a class="govuk-link" href="'
        f'{href}">{check}</a></p>\n  '
    )


@register.simple_tag(takes_context=True)
def followup_item(context, item, close_url, rep_url) -> SafeString:
    """What the list of open follow-ups wrote for one, character for
    character. ``item.rep_page``: the rep page of whoever logged it, if the
    person reading may open it."""
    words = _page_words(context)
    if item.follow_up == "safeguarding":
        flag = words("safeguarding", lambda: gettext("Safeguarding"), escape=str)
        tag = f'<strong class="govuk-tag govuk-tag--red">{flag}</strong>'
    else:
        flag = words("signposted", lambda: gettext("Signposted"), escape=str)
        tag = f'<strong class="govuk-tag govuk-tag--grey">{flag}</strong>'
    council = words(("council", item.council_id), lambda: item.council.name)
    parts = [
        f'\n    <p class="govuk-body govuk-!-margin-bottom-1">{tag} <strong>{council}</strong>'
    ]
    where = item.signposted_to_label
    if where:
        to = words("signposted to", lambda: gettext("Signposted to: %(where)s"), escape=str)
        parts.append(
            f'<br><span class="govuk-body-s">{to % {"where": conditional_escape(where)}}</span>'
        )
    theme = words(("theme", item.theme_id), lambda: str(item.theme))
    since = conditional_escape(timesince_filter(item.created_at))
    if item.rep_page:
        logged = words(
            "logged by, rep page",
            lambda: gettext(
                'logged by <a class="govuk-link" href="%(rep_url)s">%(person)s'
                '<span class="govuk-visually-hidden">, their rep page</span></a>'
                " %(since)s ago"
            ),
            escape=str,
        ) % {
            "rep_url": conditional_escape(rep_url(item.rep_page.public_id)),
            "person": conditional_escape(str(item.logged_by)),
            "since": since,
        }
    elif item.logged_by:
        logged = words(
            "logged by", lambda: gettext("logged by %(person)s %(since)s ago"), escape=str
        ) % {"person": conditional_escape(str(item.logged_by)), "since": since}
    else:
        logged = words("logged", lambda: gettext("logged %(since)s ago"), escape=str) % {
            "since": since
        }
    when = conditional_escape(format_date(template_localtime(item.created_at), "j F, H:i"))
    if item.follow_up == "safeguarding":
        close = words(
            "close safeguarding",
            lambda: gettext(
                'Close<span class="govuk-visually-hidden"> the safeguarding concern logged'
                " %(logged)s</span> with a note"
            ),
            escape=str,
        )
    else:
        close = words(
            "close signposting",
            lambda: gettext(
                'Close<span class="govuk-visually-hidden"> the signposting follow-up logged'
                " %(logged)s</span> with a note"
            ),
            escape=str,
        )
    public_id = conditional_escape(item.public_id)
    href = f"{conditional_escape(close_url.before)}{public_id}{conditional_escape(close_url.after)}"
    said = conditional_escape(item.said)
    meta = _item_meta(words, item)
    parts += [
        f'</p>\n    <p class="govuk-body govuk-!-margin-bottom-1">“{said}”</p>',
        f'\n    <p class="govuk-body-s govuk-!-margin-bottom-1">{theme} · {meta} · {logged}</p>',
        '\n    <p class="govuk-body govuk-!-margin-bottom-0"><a class="govuk-link" href="',
        f'{href}">{close % {"logged": when}}</a></p>\n  ',
    ]
    return mark_safe("".join(parts))
