"""Home page panels. Each app registers what it shows to which roles, so a
person lands on a page made for the roles they hold."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string


@dataclass(frozen=True)
class Panel:
    key: str
    roles: frozenset[str]
    template: str
    context: Callable  # (request) -> dict
    order: int


_PANELS: list[Panel] = []


def register_panel(
    key: str, *, roles: set[str], template: str, context: Callable, order: int = 50
) -> None:
    if any(panel.key == key for panel in _PANELS):
        return
    _PANELS.append(Panel(key, frozenset(roles), template, context, order))
    _PANELS.sort(key=lambda panel: panel.order)


def panels_for(request) -> list[str]:
    """Rendered panels for the roles the person holds here."""
    rendered = []
    for panel in _PANELS:
        if panel.roles & request.roles:
            context = panel.context(request)
            if context is not None:
                rendered.append(render_to_string(panel.template, context, request=request))
    return rendered
