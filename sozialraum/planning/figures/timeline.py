"""The main figures over time: per year the data holds, for every compared district and
the city, residents aged 65+, offers in the directory at the end of the year and their
rate per 1,000 residents 65+ (of the latest official figure up to that year), persons
with a new goal and with a new referral, referrals that ended "not suitable" or "nothing
found", searches that found nothing, and ideas.

Each figure is a table of districts by years protected as one (the city's row is the sum
of its districts' in every year, so the hierarchy protects each year's column, and a
row's years add up to what the dashboard publishes for all time, so the row's sum is
taken as known too: one withheld year is never the only one of its row); a
figure's year is when it happened (a goal set, a referral made, a search done, an idea
proposed). One ``GROUP BY district, year`` query per figure.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final

from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from sozialraum.civic.models import Idea
from sozialraum.directory.models import Offer, SearchMiss
from sozialraum.districts.selectors import population_data
from sozialraum.lib.disclosure import Cell, protect_counts
from sozialraum.lib.replica import on_replica
from sozialraum.plan.models import Goal, Referral, ReferralGap

from .base import CITY, PUBLIC_RULE, Area, Figure, cells_figure, counts_figure
from .supply import rate

OLDER, OFFERS, OFFER_RATE = "older", "offers", "offers_per_1000_65"
GOALS, REFERRALS, GAPS, MISSES, IDEAS = "goals", "referrals", "gaps", "misses", "ideas"
#: The figures over time, in the order shown (a measure links to some of them).
KEYS: Final = (OLDER, OFFERS, OFFER_RATE, GOALS, REFERRALS, GAPS, MISSES, IDEAS)


def labels() -> dict[str, str]:
    """The figures' names in the active language."""
    return {
        OLDER: _("residents aged 65 and over"),
        OFFERS: _("offers in the directory at the end of the year"),
        OFFER_RATE: _("offers per 1,000 residents aged 65+"),
        GOALS: _("persons with a new goal"),
        REFERRALS: _("persons with a new referral"),
        GAPS: _('referrals that ended "not suitable" or "nothing found"'),
        MISSES: _("searches that found nothing"),
        IDEAS: _("ideas proposed"),
    }


@dataclass(frozen=True)
class Timeline:
    """Figures (rows: districts and the city; columns: years) keyed as :data:`KEYS`."""

    area: Area
    years: tuple[int, ...]
    figures: Mapping[str, Figure]

    def lines(self, row: Any, keys: Iterable[str] = KEYS) -> list[tuple[Figure, list[Cell | None]]]:
        """``(figure, its cells of row in year order)`` for the given figures."""
        return [
            (self.figures[key], [self.figures[key].cell(row, year) for year in self.years])
            for key in keys
        ]

    @property
    def any_suppressed(self) -> bool:
        return any(figure.any_suppressed for figure in self.figures.values())


def _yearly(rows: QuerySet[Any], district: str, when: str, count: str | None) -> QuerySet[Any]:
    """``(district id, year, n)``: rows counted per district and year (distinct ``count``
    values, e.g. persons, or rows)."""
    grouped = rows.annotate(year=ExtractYear(when)).values_list(district, "year")
    n = Count(count, distinct=True) if count else Count("pk")
    return grouped.annotate(n=n).order_by()


@on_replica
def timeline(area: Area) -> Timeline:
    """Every figure over time for ``area`` (eight queries)."""
    this_year = timezone.localdate().year
    events = {
        GOALS: list(_yearly(Goal.objects.all(), "person__district_id", "created_at", "person_id")),
        REFERRALS: list(
            _yearly(Referral.objects.all(), "person__district_id", "created_at", "person_id")
        ),
        GAPS: list(_yearly(ReferralGap.objects.all(), "district_id", "month", None)),
        MISSES: list(_yearly(SearchMiss.objects.all(), "district_id", "at", None)),
        IDEAS: list(
            _yearly(Idea.objects.filter(state__withdrawn=False), "district_id", "created_at", None)
        ),
    }
    offers = _offers_by_year(area)
    population = population_data([area.city, *area.districts])
    older_by_year = {
        (CITY if pk == area.city.pk else pk, year): count
        for pk, data in population.items()
        for year in data.years
        if (count := data.count(year, 65, None)) is not None
    }
    population_years = sorted({year for _row, year in older_by_year})
    found = set(population_years)
    found |= {year for rows in events.values() for _d, year, _n in rows if year is not None}
    found |= {year for _offer, _leaf, year in offers if year is not None}
    years = tuple(sorted(year for year in found if year <= this_year))
    year_labels = {year: str(year) for year in years}
    titles = labels()
    units = {
        GOALS: _("persons"),
        REFERRALS: _("persons"),
        GAPS: _("referrals"),
        MISSES: _("searches"),
        IDEAS: _("ideas"),
    }
    figures: dict[str, Figure] = {
        key: counts_figure(
            area,
            rows,
            key=key,
            title=titles[key],
            unit=units[key],
            column_labels=year_labels,
            row_total=True,
        )
        for key, rows in events.items()
    }
    older_table = protect_counts(
        {key: n for key, n in older_by_year.items() if key[1] in year_labels},
        rows=[*area.rows, CITY],
        columns=list(years),
        column_total=False,
        rule=PUBLIC_RULE,
    )
    older = cells_figure(
        area,
        {key: older_table.cell(*key) for key in older_by_year if key[1] in year_labels},
        key=OLDER,
        title=titles[OLDER],
        unit=_("residents"),
        column_labels=year_labels,
    )
    since_by_leaf: dict[int, list[int]] = defaultdict(list)
    for _offer, leaf, since in offers:
        since_by_leaf[leaf].append(since)
    offer_counts = [
        (leaf, year, bisect_right(sorted(since_by_leaf[leaf]), year))
        for leaf in area.rows
        for year in years
    ]
    offers_figure = counts_figure(
        area,
        offer_counts,
        key=OFFERS,
        title=titles[OFFERS],
        unit=_("offers"),
        column_labels=year_labels,
        rule=PUBLIC_RULE,
    )
    rates = {}
    for year in years:
        census = max((y for y in population_years if y <= year), default=None)
        for row in (*area.rows, CITY):
            whole = None if census is None else older.cell(row, census)
            cell = rate(offers_figure.cell(row, year), whole, 1000)
            if cell is not None:
                rates[(row, year)] = cell
    figures[OFFERS] = offers_figure
    figures[OLDER] = older
    figures[OFFER_RATE] = cells_figure(
        area,
        rates,
        key=OFFER_RATE,
        title=titles[OFFER_RATE],
        unit=_("offers"),
        column_labels=year_labels,
        decimals=1,
    )
    return Timeline(area=area, years=years, figures=figures)


def _offers_by_year(area: Area) -> list[tuple[int, int, int]]:
    """``(offer, compared district, year it entered the directory)``, each once (one
    query)."""
    rows = (
        Offer.objects.filter(places__district__isnull=False)
        .annotate(since=ExtractYear("created_at"))
        .values_list("pk", "places__district_id", "since")
        .distinct()
    )
    seen = set()
    for offer, district, since in rows:
        leaf = area.leaf(district)
        if leaf is not None:
            seen.add((offer, leaf, since))
    return sorted(seen)
