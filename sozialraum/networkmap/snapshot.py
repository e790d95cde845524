"""A version of a map as plain data, and what changed between two versions.

The metrics, the drawing and the comparison work on these frozen dataclasses, not on
models, so they are pure and the same for a stored version and a file being checked.
A contact's ``key`` stays the same across the versions of one map: it is how a contact is
followed over time (easyNWK's alter id).
"""

from __future__ import annotations

from dataclasses import dataclass

from .choices import Bond, Sector


@dataclass(frozen=True)
class MapContact:
    """One contact of a version, where it sits and what it is."""

    key: int
    name: str
    sector: str
    ring: int
    angle: float
    distance: float
    role: str = ""
    human: bool = True
    deceased: bool = False
    bond: int = Bond.CONTACT
    note: str = ""

    @property
    def sector_label(self) -> str:
        return str(Sector(self.sector).label)


@dataclass(frozen=True)
class MapTie:
    """A tie between two contacts of the same version, by key (``a < b``)."""

    a: int
    b: int

    @classmethod
    def between(cls, first: int, second: int) -> MapTie:
        return cls(a=min(first, second), b=max(first, second))


@dataclass(frozen=True)
class MapSnapshot:
    """The contacts and ties of one version."""

    contacts: tuple[MapContact, ...]
    ties: tuple[MapTie, ...]

    def by_key(self) -> dict[int, MapContact]:
        return {contact.key: contact for contact in self.contacts}


@dataclass(frozen=True)
class Move:
    """A contact present in both versions whose ring or sector changed."""

    before: MapContact
    after: MapContact


@dataclass(frozen=True)
class Comparison:
    """What changed from an earlier to a later version: who came, who went, who moved
    closer or further (by ring), who changed sector, and who died in between."""

    came: tuple[MapContact, ...]
    went: tuple[MapContact, ...]
    closer: tuple[Move, ...]
    further: tuple[Move, ...]
    changed_sector: tuple[Move, ...]
    died: tuple[MapContact, ...]

    @property
    def unchanged(self) -> bool:
        return not any(
            (self.came, self.went, self.closer, self.further, self.changed_sector, self.died)
        )


def compare(earlier: MapSnapshot, later: MapSnapshot) -> Comparison:
    """Matches contacts by key; the lists follow the later version's (or, for those who
    went, the earlier version's) order."""
    before, after = earlier.by_key(), later.by_key()
    both = [(before[key], contact) for key, contact in after.items() if key in before]
    return Comparison(
        came=tuple(contact for key, contact in after.items() if key not in before),
        went=tuple(contact for key, contact in before.items() if key not in after),
        closer=tuple(Move(old, new) for old, new in both if new.ring < old.ring),
        further=tuple(Move(old, new) for old, new in both if new.ring > old.ring),
        changed_sector=tuple(Move(old, new) for old, new in both if new.sector != old.sector),
        died=tuple(new for old, new in both if new.deceased and not old.deceased),
    )
