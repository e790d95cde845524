"""The life table the cohort projection survives people with (see ``data/README.md``).

Destatis, GENESIS table 12621-0001, Sterbetafel 2022/24 for Germany, male and female, ages
0 to 100, shipped unchanged as ``data/sterbetafel_2022_24.csv``. The platform's population
figures have no sex, so the two tables are combined into one for both sexes as a
stationary population would hold them: men and women weighted by the sex ratio at birth
(:data:`BOYS_PER_GIRL`), so older ages are mostly women, as they are in Germany.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

#: The shipped table and its name as pages cite it.
LIFE_TABLE_FILE = Path(__file__).parent / "data" / "sterbetafel_2022_24.csv"
LIFE_TABLE_NAME = "Destatis, Sterbetafel 2022/24 (12621-0001), Deutschland"

#: Boys born per girl in Germany (about 105 to 100), the weight of the male table.
BOYS_PER_GIRL = 1.05

#: The ages of the table (0 to this one, single years).
OLDEST_AGE = 100

_ROW = re.compile(r"^(\d+) Jahre?;")
# Columns of a sex (after the age): q, p, l, d, L, T, e; each followed by a status flag.
_L_SMALL, _L_BIG, _T = 2, 4, 5
_FEMALE = 7


@dataclass(frozen=True)
class LifeTable:
    """Per single year of age 0..:data:`OLDEST_AGE`: survivors ``l`` at exact age x,
    person-years ``L`` lived between x and x+1, and person-years ``T`` lived above x."""

    l: tuple[float, ...]  # noqa: E741 - the demographers' name
    L: tuple[float, ...]
    T: tuple[float, ...]

    def survival(self, age: int) -> float:
        """The share of people aged ``age`` (completed years) alive a year later:
        L(age+1) / L(age)."""
        return self.L[age + 1] / self.L[age]

    def open_survival(self, age: int) -> float:
        """The share of people aged ``age`` and older alive a year later: T(age+1) / T(age)."""
        return self.T[age + 1] / self.T[age]

    def birth_survival(self) -> float:
        """The share of a year's births alive at its end: L(0) / l(0)."""
        return self.L[0] / self.l[0]

    def share_of_women(self, age_from: int, age_to: int) -> float:
        """Women's share of ``[age_from, age_to)`` in the table's stationary population."""
        women = sum(_female().L[age_from:age_to])
        men = sum(_male().L[age_from:age_to]) * BOYS_PER_GIRL
        return women / (women + men)


def _number(text: str) -> float:
    return float(text.replace(",", "."))


@functools.cache
def _tables() -> tuple[LifeTable, LifeTable]:
    """The male and female table, read from the shipped file."""
    male: dict[str, list[float]] = {"l": [], "L": [], "T": []}
    female: dict[str, list[float]] = {"l": [], "L": [], "T": []}
    with LIFE_TABLE_FILE.open(encoding="utf-8") as file:
        for line in file:
            match = _ROW.match(line)
            if not match:
                continue
            values = line.rstrip("\n").split(";")[1::2]
            if int(match[1]) != len(male["l"]):
                raise ValueError(f"{LIFE_TABLE_FILE}: ages out of order at {match[1]}")
            for columns, offset in ((male, 0), (female, _FEMALE)):
                columns["l"].append(_number(values[offset + _L_SMALL]))
                columns["L"].append(_number(values[offset + _L_BIG]))
                columns["T"].append(_number(values[offset + _T]))
    if len(male["l"]) != OLDEST_AGE + 1:
        raise ValueError(f"{LIFE_TABLE_FILE}: expected ages 0 to {OLDEST_AGE}")
    return (
        LifeTable(tuple(male["l"]), tuple(male["L"]), tuple(male["T"])),
        LifeTable(tuple(female["l"]), tuple(female["L"]), tuple(female["T"])),
    )


def _male() -> LifeTable:
    return _tables()[0]


def _female() -> LifeTable:
    return _tables()[1]


@functools.cache
def life_table() -> LifeTable:
    """Both sexes combined, men weighted by :data:`BOYS_PER_GIRL` (see the module docstring)."""
    male, female = _tables()

    def mix(m: tuple[float, ...], f: tuple[float, ...]) -> tuple[float, ...]:
        weight = BOYS_PER_GIRL
        return tuple((weight * a + b) / (weight + 1) for a, b in zip(m, f, strict=True))

    return LifeTable(mix(male.l, female.l), mix(male.L, female.L), mix(male.T, female.T))
