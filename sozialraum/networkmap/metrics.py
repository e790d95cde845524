"""Metrics of one version of a network map, computed with networkx.

The network is the person's living contacts and the ties between them (the person, who is
tied to everyone, is left out, as in easyNWK's analysis; deceased contacts are shown on
the map but are no longer a resource, so they are counted apart). Definitions:

- size: living contacts; per sector and per sector and ring;
- density: ties / possible ties between the living contacts (0 with fewer than two);
- isolated contacts: living contacts without a tie to any other contact;
- most connected: the living contacts with the most ties (none if nobody has a tie);
- empty sectors: no living contact; thin sectors: fewer than ``THIN_BELOW`` — both are
  offered as starting points for goals and referrals.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from .choices import Ring, Sector
from .snapshot import MapContact, MapSnapshot

#: A sector with fewer living contacts than this (but at least one) counts as thin.
THIN_BELOW = 2


@dataclass(frozen=True)
class SectorCount:
    """Living contacts of one sector, in total and per ring (close, middle, distant)."""

    sector: str
    total: int
    per_ring: tuple[int, int, int]

    @property
    def label(self) -> str:
        return str(Sector(self.sector).label)


@dataclass(frozen=True)
class Metrics:
    """The metrics of one version (see the module docstring for their definitions)."""

    size: int
    deceased: int
    institutions: int
    ties: int
    density: float
    sectors: tuple[SectorCount, ...]
    isolated: tuple[MapContact, ...]
    most_connected: tuple[MapContact, ...]
    max_degree: int
    empty_sectors: tuple[str, ...]
    thin_sectors: tuple[str, ...]

    @property
    def density_percent(self) -> int:
        return round(self.density * 100)

    @property
    def empty_labels(self) -> list[str]:
        return [str(Sector(sector).label) for sector in self.empty_sectors]


def network_graph(snapshot: MapSnapshot) -> nx.Graph:
    """The living contacts as nodes (by key) and the ties among them as edges."""
    living = {contact.key for contact in snapshot.contacts if not contact.deceased}
    graph = nx.Graph()
    graph.add_nodes_from(sorted(living))
    graph.add_edges_from(
        (tie.a, tie.b) for tie in snapshot.ties if tie.a in living and tie.b in living
    )
    return graph


def map_metrics(snapshot: MapSnapshot) -> Metrics:
    """All metrics of ``snapshot``; lists of contacts keep the snapshot's order."""
    graph = network_graph(snapshot)
    living = [contact for contact in snapshot.contacts if not contact.deceased]
    degrees = dict(graph.degree())
    max_degree = max(degrees.values(), default=0)
    sectors = tuple(_sector_count(sector, living) for sector in Sector.values)
    return Metrics(
        size=len(living),
        deceased=len(snapshot.contacts) - len(living),
        institutions=sum(1 for contact in living if not contact.human),
        ties=graph.number_of_edges(),
        density=nx.density(graph) if len(living) > 1 else 0.0,
        sectors=sectors,
        isolated=tuple(contact for contact in living if degrees[contact.key] == 0),
        most_connected=tuple(
            contact for contact in living if max_degree and degrees[contact.key] == max_degree
        ),
        max_degree=max_degree,
        empty_sectors=tuple(count.sector for count in sectors if count.total == 0),
        thin_sectors=tuple(count.sector for count in sectors if 0 < count.total < THIN_BELOW),
    )


def _sector_count(sector: str, living: list[MapContact]) -> SectorCount:
    here = [contact for contact in living if contact.sector == sector]
    close, middle, distant = (sum(1 for c in here if c.ring == ring) for ring in Ring.values)
    return SectorCount(sector=sector, total=len(here), per_ring=(close, middle, distant))
