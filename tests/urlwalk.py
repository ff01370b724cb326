"""Enumerate every URL pattern of the project, with its parameter names."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>\w+)>")


@dataclass(frozen=True)
class Route:
    route: str
    name: str | None
    callback: object

    @property
    def params(self) -> list[str]:
        return [m.group("name") for m in PARAM.finditer(self.route)]

    def fill(self, values: dict) -> str:
        return "/" + PARAM.sub(lambda m: str(values[m.group("name")]), self.route)


def all_routes() -> list[Route]:
    routes: list[Route] = []

    def walk(patterns, prefix: str) -> None:
        for p in patterns:
            route = prefix + str(p.pattern)
            if isinstance(p, URLResolver):
                walk(p.url_patterns, route)
            elif isinstance(p, URLPattern):
                routes.append(Route(route, p.name, p.callback))

    walk(get_resolver().url_patterns, "")
    return routes


def org_routes() -> list[Route]:
    """Every route under /<org_slug>/."""
    return [r for r in all_routes() if r.route.startswith("<slug:org_slug>/")]
