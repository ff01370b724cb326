"""Template helpers that render Django forms with GOV.UK Frontend markup.

``{% govuk_field form.name %}`` picks the right pattern from the widget;
``{% govuk_error_summary form %}`` lists every error, linked to its field.
"""

from __future__ import annotations

from django import forms, template
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from councils.fields import DATE_PARTS, DateInputWidget

register = template.Library()


def widget_kind(bound_field) -> str:
    widget = bound_field.field.widget
    if isinstance(widget, DateInputWidget):
        return "date"
    # CheckboxSelectMultiple subclasses RadioSelect, so it is checked first.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.HiddenInput):
        return "hidden"
    if isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        return "file"
    return "input"


@register.inclusion_tag("components/field.html")
def govuk_field(bound_field, label_size: str = "s", width: str = "", inline: bool = False):
    kind = widget_kind(bound_field)
    widget = bound_field.field.widget
    input_type = getattr(widget, "input_type", "text")
    if kind == "date":
        return {
            "field": bound_field,
            "kind": kind,
            "label_size": label_size,
            "example": bound_field.field.example,
            "parts": date_input_parts(bound_field),
        }
    return {
        "field": bound_field,
        "kind": kind,
        "input_type": input_type,
        "label_size": label_size,
        "width": width,
        "inline": inline,
        "value": bound_field.value(),
        "choices": choice_options(bound_field) if kind in CHOICE_KINDS else (),
        "autocomplete": widget.attrs.get("autocomplete", ""),
        "inputmode": widget.attrs.get("inputmode", ""),
        "rows": widget.attrs.get("rows", 4),
    }


CHOICE_KINDS = {"radios", "checkboxes", "select"}


def choice_options(bound_field) -> list[dict]:
    """Each choice of a select, radios or checkboxes: its value, label,
    whether it is chosen, and its id. The same as Django's subwidgets
    (``{% for choice in field %}``), which build a whole widget per choice:
    that was a third of the time of a page with a few long lists."""
    widget = bound_field.field.widget
    # Through iter(): list() would ask a model choice field its length
    # first, which is a COUNT query of its own.
    choices = list(iter(widget.choices))
    if any(isinstance(label, list | tuple) for _, label in choices):
        # Grouped choices are rare: let Django number them.
        return [
            {
                "value": choice.data["value"],
                "label": choice.choice_label,
                "selected": choice.data["selected"],
                "id": choice.id_for_label,
            }
            for choice in bound_field
        ]
    chosen = set(widget.format_value(bound_field.value()))
    # A select's options carry no id of their own; radios and checkboxes do.
    id_ = (widget.attrs.get("id") or bound_field.auto_id) if widget.option_inherits_attrs else ""
    options = []
    any_selected = False
    for index, (value, label) in enumerate(choices):
        if value is None:
            value = ""
        # A single choice is marked once, as Django does.
        selected = (widget.allow_multiple_selected or not any_selected) and str(value) in chosen
        any_selected |= selected
        options.append(
            {
                "value": value,
                "label": label,
                "selected": selected,
                "id": f"{id_}_{index}" if id_ else None,
            }
        )
    return options


def _selected_values(bound_field) -> set[str]:
    value = bound_field.value()
    if value is None:
        return set()
    if isinstance(value, list | tuple | set):
        return {str(v) for v in value}
    return {str(value)}


@register.inclusion_tag("components/error_summary.html")
def govuk_error_summary(*forms_):
    errors = []
    for form in forms_:
        if form is None or not form.errors:
            continue
        for message in form.non_field_errors():
            errors.append({"href": "", "message": message})
        for name, field_errors in form.errors.items():
            if name == "__all__":
                continue
            for message in field_errors:
                errors.append({"href": f"#{field_anchor(form[name])}", "message": message})
    return {"errors": errors}


def field_anchor(bound_field) -> str:
    """The id of the element an error summary link should focus."""
    kind = widget_kind(bound_field)
    if kind in {"radios", "checkboxes"}:
        return f"{bound_field.auto_id}_0"
    if kind == "date":
        # The first box to put right (GOV.UK: the day, when the whole date is wrong).
        first = next(part for part in date_input_parts(bound_field) if part["error"])
        return first["id"]
    return bound_field.auto_id


DATE_PART_LABELS = {"day": _("Day"), "month": _("Month"), "year": _("Year")}
DATE_PART_WIDTHS = {"day": "2", "month": "2", "year": "4"}


def date_input_parts(bound_field) -> list[dict]:
    """The three boxes of a GOV.UK date input: what was typed (kept when
    there is an error) and which boxes to mark as wrong."""
    field, widget = bound_field.field, bound_field.field.widget
    value = bound_field.value()
    typed = widget.decompress(value)
    wrong = field.wrong_parts(value) if bound_field.errors else ()
    return [
        {
            "name": f"{bound_field.html_name}_{part}",
            "id": f"{bound_field.auto_id}_{part}",
            "label": DATE_PART_LABELS[part],
            "value": text,
            "width": DATE_PART_WIDTHS[part],
            "error": part in wrong,
            "autocomplete": f"{widget.autocomplete}-{part}" if widget.autocomplete else "",
        }
        for part, text in zip(DATE_PARTS, typed, strict=True)
    ]


@register.simple_tag(takes_context=True)
def org_url(context, url_name: str, *args):
    """Reverse a URL under the current organisation."""
    from django.urls import reverse

    organisation = context["request"].organisation
    return reverse(url_name, args=[organisation.slug, *args])


@register.inclusion_tag("components/language_switch.html", takes_context=True)
def language_switch(context):
    """English | Cymraeg, on every page. Each language is named in its own
    words (from settings.LANGUAGES, not translated), so a person who cannot
    read the page's language can still find theirs. A small POST form to
    Django's ``set_language``: it works without JavaScript."""
    request = context.get("request")
    current = translation.get_language()
    return {
        "options": [
            {"code": code, "name": name, "current": code == current}
            for code, name in settings.LANGUAGES
        ],
        "next": request.get_full_path() if request is not None else "/",
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("components/radios_reveal.html")
def govuk_radios_reveal(bound_field, label_size: str = "s", **reveals: str):
    """Radios whose choices reveal more fields (GOV.UK "conditional reveal"):
    ``{% govuk_radios_reveal form.kind other="title" proposal="proposal notes" %}``
    names, for a choice's value, the fields of the same form shown under it.
    Without JavaScript every revealed field shows, so the form still works."""
    form = bound_field.form
    selected = _selected_values(bound_field)
    items = []
    for choice in bound_field:
        value = str(choice.data["value"])
        names = reveals.get(value, "").split()
        items.append(
            {
                "choice": choice,
                "checked": value in selected,
                "reveal": [form[name] for name in names],
                "reveal_id": f"conditional-{choice.id_for_label}",
            }
        )
    return {"field": bound_field, "items": items, "label_size": label_size}
