"""Home page panels. Each app registers what it shows to which roles, so a
person lands on a page made for the roles they hold."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string

from .freshness import remember_html


@dataclass(frozen=True)
class Panel:
    key: str
    roles: frozenset[str]
    template: str
    context: Callable  # (request) -> dict
    order: int
    # (request) -> key: the panel is the same for everyone with the same key
    # (see councils.freshness), so it is rendered once, without the request:
    # its context must hold all its template uses (``organisation`` too).
    remembered: Callable | None = None


_PANELS: list[Panel] = []


def register_panel(
    key: str,
    *,
    roles: set[str],
    template: str,
    context: Callable,
    order: int = 50,
    remembered: Callable | None = None,
) -> None:
    if any(panel.key == key for panel in _PANELS):
        return
    _PANELS.append(Panel(key, frozenset(roles), template, context, order, remembered))
    _PANELS.sort(key=lambda panel: panel.order)


def panels_for(request) -> list[str]:
    """Rendered panels for the roles the person holds here."""
    rendered = []
    for panel in _PANELS:
        if not panel.roles & request.roles:
            continue
        if panel.remembered is not None:
            html = remember_html(
                request.organisation,
                f"panel:{panel.key}",
                panel.remembered(request),
                lambda panel=panel: _rendered_alone(panel, request),
            )
            if html:
                rendered.append(html)
            continue
        context = panel.context(request)
        if context is not None:
            rendered.append(render_to_string(panel.template, context, request=request))
    return rendered


def _rendered_alone(panel: Panel, request) -> str:
    """A remembered panel: "" when it has nothing to show."""
    context = panel.context(request)
    return "" if context is None else render_to_string(panel.template, context)
