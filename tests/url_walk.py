"""Every URL pattern of the site, however deep its include, and an example path for each."""

import re
from typing import NamedTuple

from django.urls import URLResolver, get_resolver

# `<int:pk>` in a route, `(?P<url>.*)` in a regular expression.
_ROUTE_PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>")
_REGEX_GROUP = re.compile(r"\(\?P<(\w+)>[^)]*\)")


class SitePattern(NamedTuple):
    route: str  # e.g. "cases/<int:pk>/status/", or the admin's "admin/(?P<url>.*)$"
    name: str | None  # with its namespace, e.g. "admin:index"
    callback: object

    @property
    def is_admin(self) -> bool:
        return self.route.startswith("admin/")


def url_patterns(resolver: URLResolver | None = None, prefix: str = "", namespace: str = ""):
    """Yield a SitePattern for every URL pattern of the site, including every include."""
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern)
        if hasattr(pattern, "url_patterns"):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from url_patterns(pattern, route, inner)
        else:
            name = namespace + pattern.name if pattern.name else None
            yield SitePattern(route, name, pattern.callback)


def example_path(route: str, values: dict[str, object]) -> str:
    """The route with each parameter replaced by values[name]: a path that resolves to it."""

    def value(match: re.Match) -> str:
        return str(values[match.group(1)])

    path = _REGEX_GROUP.sub(value, _ROUTE_PARAMETER.sub(value, route))
    return "/" + path.replace("^", "").replace("$", "")
