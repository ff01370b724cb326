"""Enumerate every URL pattern of the project, with its parameter names.

Both kinds of pattern are walked: ``path()`` routes (``<str:surgery_id>``)
and ``re_path()`` regexes (``(?P<surgery_id>...)``), so a page added either
way is in the matrices the day it is added.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern

# A regex's named group (with no brackets inside it, as all Django's own
# regexes and ours are) or a path converter. The group comes first so that
# its "<name>" is not read as a converter.
PARAM = re.compile(r"\(\?P<(?P<group>\w+)>[^()]*\)|<(?:[^>:]+:)?(?P<converter>\w+)>")


@dataclass(frozen=True)
class Route:
    route: str
    name: str | None
    callback: object

    @property
    def params(self) -> list[str]:
        return [_name(m) for m in PARAM.finditer(self.route)]

    @property
    def object_params(self) -> list[str]:
        """The parameters that name an object (everything but the organisation)."""
        return [p for p in self.params if p != "org_slug"]

    @property
    def module(self) -> str:
        return self.callback.__module__

    def fill(self, values: dict) -> str:
        path = PARAM.sub(lambda m: str(values[_name(m)]), self.route)
        # A regex's anchors are not part of the address.
        return "/" + path.replace("^", "").replace("$", "")


def _name(match: re.Match) -> str:
    return match.group("group") or match.group("converter")


def all_routes() -> list[Route]:
    routes: list[Route] = []

    def walk(patterns, prefix: str) -> None:
        for p in patterns:
            route = prefix + _text(p.pattern)
            if isinstance(p, URLResolver):
                walk(p.url_patterns, route)
            elif isinstance(p, URLPattern):
                routes.append(Route(route, p.name, p.callback))

    walk(get_resolver().url_patterns, "")
    return routes


def _text(pattern) -> str:
    text = str(pattern)
    if isinstance(pattern, RegexPattern) and not text.startswith("^"):
        text = "^" + text  # a regex matches from the start of what is left
    return text


def is_org_route(route: Route) -> bool:
    """Under /<org_slug>/: the organisation is the first thing in the path."""
    match = PARAM.match(route.route.removeprefix("^"))
    return match is not None and _name(match) == "org_slug"


def org_routes() -> list[Route]:
    """Every route under /<org_slug>/."""
    return [r for r in all_routes() if is_org_route(r)]
