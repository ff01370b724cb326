"""Themes: added, renamed and retired by the organisation's admins, never
deleted, so old feedback keeps its theme."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from councils.audit import audit_record
from councils.models import Organisation

from .. import access
from ..models import Theme
from .limits import THEME_NAME_MAX


def clean_theme_name(organisation: Organisation, name: str, exclude_pk=None) -> str:
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Enter the theme's name.")})
    if len(name) > THEME_NAME_MAX:
        raise ValidationError(
            {"name": _("Keep the name to %(max)s characters or fewer.") % {"max": THEME_NAME_MAX}}
        )
    clash = Theme.objects.filter(organisation=organisation, name__iexact=name)
    if exclude_pk:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationError({"name": _("There is already a theme called ‘%s’.") % name})
    return name


@transaction.atomic
def theme_create(*, organisation: Organisation, name: str, actor) -> Theme:
    access.require(access.may_manage_themes(actor, organisation), access.REFUSE_THEMES)
    name = clean_theme_name(organisation, name)
    last = Theme.objects.filter(organisation=organisation).aggregate(m=Max("position"))["m"]
    theme = Theme.objects.create(organisation=organisation, name=name, position=(last or 0) + 1)
    audit_record(
        organisation=organisation,
        actor=actor,
        action="theme.created",
        obj=theme,
        changes={"name": name},
    )
    return theme


@transaction.atomic
def theme_rename(*, theme: Theme, name: str, actor) -> Theme:
    access.require(access.may_manage_themes(actor, theme.organisation), access.REFUSE_THEMES)
    name = clean_theme_name(theme.organisation, name, exclude_pk=theme.pk)
    locked = Theme.objects.select_for_update().get(pk=theme.pk)
    old = locked.name
    if name == old:
        return theme
    locked.name = theme.name = name
    locked.save(update_fields=["name"])
    audit_record(
        organisation=theme.organisation,
        actor=actor,
        action="theme.renamed",
        obj=theme,
        changes={"name": [old, name]},
    )
    return theme


@transaction.atomic
def theme_set_active(*, theme: Theme, is_active: bool, actor) -> Theme:
    """Retire a theme (it disappears from the forms, its feedback keeps it)
    or bring it back."""
    access.require(access.may_manage_themes(actor, theme.organisation), access.REFUSE_THEMES)
    locked = Theme.objects.select_for_update().get(pk=theme.pk)
    theme.is_active = locked.is_active
    if locked.is_active == is_active:
        return theme
    locked.is_active = theme.is_active = is_active
    locked.save(update_fields=["is_active"])
    audit_record(
        organisation=theme.organisation,
        actor=actor,
        action="theme.restored" if is_active else "theme.retired",
        obj=theme,
    )
    return theme
