"""What the pages show besides the picture: the table rows, the description announced for
the picture, the starting points for goals and referrals, and the comparison's lists."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from sozialraum.casework.models import Person

from .choices import Sector
from .metrics import Metrics
from .selectors import VersionDetail
from .snapshot import Comparison, MapContact

#: Offer categories (directory codes) a worker may look at when a sector is empty or thin.
SECTOR_OFFERS = {
    Sector.FAMILY: "children_families",
    Sector.FRIENDS: "meeting_place",
    Sector.WORK: "volunteering",
    Sector.PROFESSIONAL: "counselling",
}
#: The anchor of the goals section on the person page (the plan's section).
GOALS_ANCHOR = "section-plan-heading"


def svg_description(metrics: Metrics) -> str:
    """One sentence for screen readers: how many contacts where, and where the table is."""
    sectors = ", ".join(f"{count.label}: {count.total}" for count in metrics.sectors)
    return _(
        "%(size)d contacts (%(sectors)s) and %(ties)d ties between them. The table "
        "“Contacts” below the picture lists the same."
    ) % {"size": metrics.size, "sectors": sectors, "ties": metrics.ties}


def contact_rows(detail: VersionDetail) -> list[dict[str, Any]]:
    """Each contact with the names of the contacts it is tied to."""
    names = {contact.key: contact.name for contact in detail.contacts}
    knows: dict[int, list[str]] = {}
    for tie in detail.snapshot.ties:
        knows.setdefault(tie.a, []).append(names[tie.b])
        knows.setdefault(tie.b, []).append(names[tie.a])
    return [
        {"contact": contact, "knows": sorted(knows.get(contact.key, []))}
        for contact in detail.contacts
    ]


def starting_points(person: Person, metrics: Metrics) -> list[dict[str, Any]]:
    """Empty and thin sectors, each with a link to the person's goals and to offers of
    the kind that might help, in the person's district."""
    goals = reverse("casework:person", kwargs={"pk": person.pk}) + "#" + GOALS_ANCHOR
    points = []
    for count in metrics.sectors:
        if count.sector not in metrics.empty_sectors + metrics.thin_sectors:
            continue
        query = {"category": SECTOR_OFFERS[Sector(count.sector)]}
        if person.district is not None:
            query["district"] = person.district.slug
        points.append(
            {
                "label": count.label,
                "total": count.total,
                "empty": count.total == 0,
                "goals_url": goals,
                "offers_url": reverse("directory:search") + "?" + urlencode(query),
            }
        )
    return points


def comparison_rows(changes: Comparison) -> list[dict[str, Any]]:
    """The comparison as headed lists of lines, in a fixed order."""

    def where(contact: MapContact) -> str:
        return _("%(sector)s, ring %(ring)d") % {
            "sector": contact.sector_label,
            "ring": contact.ring,
        }

    def moved(move: Any) -> str:
        return _("%(name)s: from %(before)s to %(after)s") % {
            "name": move.after.name,
            "before": where(move.before),
            "after": where(move.after),
        }

    return [
        {
            "key": "came",
            "heading": _("Who came"),
            "lines": [f"{c.name} ({where(c)})" for c in changes.came],
        },
        {
            "key": "went",
            "heading": _("Who went"),
            "lines": [f"{c.name} ({where(c)})" for c in changes.went],
        },
        {
            "key": "closer",
            "heading": _("Who moved closer"),
            "lines": [moved(m) for m in changes.closer],
        },
        {
            "key": "further",
            "heading": _("Who moved further away"),
            "lines": [moved(m) for m in changes.further],
        },
        {
            "key": "sector",
            "heading": _("Who changed sector"),
            "lines": [moved(m) for m in changes.changed_sector],
        },
        {"key": "died", "heading": _("Who died"), "lines": [c.name for c in changes.died]},
    ]
