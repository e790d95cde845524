"""Links on a district's public page to what other parts know about the district (the
barriers its walks recorded, ...), registered in their ``AppConfig.ready`` without this
app importing them::

    from sozialraum.districts.page_links import DistrictLink, district_links_register

    district_links_register("barriers", barrier_links)  # (district) -> [DistrictLink, ...]

A source is called for every view of a district's page: it reads little (one small
query at most) and returns no link where it has nothing to show. Labels are plain text;
the template escapes them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .models import District


@dataclass(frozen=True)
class DistrictLink:
    """One link of the page's "more about this district" list."""

    label: Any
    url: str


DistrictLinks = Callable[[District], list[DistrictLink]]

_SOURCES: dict[str, DistrictLinks] = {}


def district_links_register(key: str, source: DistrictLinks) -> None:
    """Adds (or, with the same key, replaces) a source of links."""
    _SOURCES[key] = source


def district_links(district: District) -> list[DistrictLink]:
    """Every registered source's links for ``district``, sources in key order."""
    return [link for key in sorted(_SOURCES) for link in _SOURCES[key](district)]
