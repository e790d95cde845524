"""Impact (C13): how the persons' own ratings changed, aggregated and protected.

Each person in case work rates their life satisfaction and their participation in the
life areas they chose (0-10) at the start and at every review (``plan.SelfRating``,
``plan.AreaRating``). For every person with at least two ratings of a measure, the change
is the latest rating minus the first. The figures per district (with the district
hierarchy up to the whole city) and per offer category (of the offers the person was
referred to) are the number of such persons and their mean change, both passed through
disclosure control (``sozialraum.lib.disclosure``): the persons per cell as a table of
counts, the changes as a table of sums with the persons as contributors; a mean is shown
only where both are.

Not per Quartier project: ``teamwork.Project`` records a project's district, team,
partners, actions and hours, but not who takes part, so no rating can be attributed to a
project (attributing a district's persons to its projects would claim a link nobody
observed). :func:`explanation` says so to the reader.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Final

from django.db.models import QuerySet
from django.utils.translation import gettext, gettext_lazy

from sozialraum.casework.models import Person
from sozialraum.directory.models import Category
from sozialraum.districts.hierarchy import row_tree
from sozialraum.lib.disclosure import Cell, Rule, derived, protect_counts, protect_sums
from sozialraum.lib.replica import on_replica
from sozialraum.plan.models import AreaRating, LifeArea, Referral, SelfRating

#: The measure key of life satisfaction; participation is keyed by the life area's code.
SATISFACTION: Final = "satisfaction"
#: The row of all persons (the whole city, persons without a district included).
ALL: Final = "all"
#: The row of persons whose home is in no district.
NO_DISTRICT: Final = "no_district"

_TENTH = Decimal("0.1")


@dataclass(frozen=True)
class Change:
    """One cell of an impact table: the persons with a first and a later rating of the
    measure, and their mean change (latest minus first, points on the 0-10 scale, one
    decimal); ``mean_change`` is ``None`` when there are no such persons."""

    persons: Cell
    mean_change: Cell | None


@dataclass(frozen=True)
class ImpactTable:
    """Rows (district pks, :class:`~sozialraum.districts.hierarchy.DirectlyIn`,
    :data:`NO_DISTRICT` and :data:`ALL`; or category pks) by measures
    (:data:`SATISFACTION`, then life-area codes), with each row's name in German."""

    rows: tuple[Any, ...]
    measures: tuple[str, ...]
    labels: Mapping[Any, str]
    measure_labels: Mapping[str, str]
    cells: Mapping[tuple[Any, str], Change]

    def change(self, row: Any, measure: str) -> Change:
        return self.cells[(row, measure)]

    @property
    def any_suppressed(self) -> bool:
        return any(change.persons.suppressed for change in self.cells.values()) or any(
            change.mean_change is not None and change.mean_change.suppressed
            for change in self.cells.values()
        )


@on_replica
def impact_by_district(
    *, persons: QuerySet[Person] | None = None, rule: Rule | None = None
) -> ImpactTable:
    """Change per district: every district that holds rated persons, its ancestors up to
    the city, a row for persons without a district, and :data:`ALL` at the end.
    ``persons`` narrows the persons counted (default: all)."""
    changes = rating_changes(persons)
    everyone = Person.objects.all() if persons is None else persons
    homes = {pk: home for pk, home in everyone.values_list("pk", "district_id") if pk in changes}
    tree = row_tree({home for home in homes.values() if home is not None})
    leaf_of: dict[int | None, Any] = {pk: row for pk, row in tree.row_of.items()}
    leaf_of[None] = NO_DISTRICT
    hierarchy: dict[Any, Any] = {NO_DISTRICT: ALL, **tree.parent}
    hierarchy |= {top: ALL for top in tree.tops}
    members = {person: [leaf_of[home]] for person, home in homes.items()}
    labels: dict[Any, str] = dict(tree.names)
    labels |= {NO_DISTRICT: gettext("no district"), ALL: gettext("all persons")}
    leaves = sorted(
        {leaf_of[home] for home in homes.values()}, key=lambda row: _label_key(row, labels)
    )
    return _table(changes, members, leaves, hierarchy, labels, rule)


@on_replica
def impact_by_category(
    *, persons: QuerySet[Person] | None = None, rule: Rule | None = None
) -> ImpactTable:
    """Change per offer category: a person counts in every category of every offer they
    were referred to (in any state), so the rows overlap and have no total."""
    changes = rating_changes(persons)
    referrals = Referral.objects.filter(offer__isnull=False)
    if persons is not None:
        referrals = referrals.filter(person__in=persons)
    pairs = referrals.order_by().values_list("person_id", "offer__categories").distinct()
    members: dict[int, list[Any]] = defaultdict(list)
    for person, category in pairs:
        if category is not None and person in changes:
            members[person].append(category)
    used = {category for categories in members.values() for category in categories}
    labels = {pk: name for pk, name in Category.objects.values_list("pk", "name") if pk in used}
    rows = sorted(labels, key=lambda pk: (labels[pk], pk))
    return _table(changes, members, rows, None, labels, rule)


def rating_changes(persons: QuerySet[Person] | None = None) -> dict[int, dict[str, int]]:
    """``{person pk: {measure: latest minus first}}`` for the measures the person rated
    at least twice (ratings in date order, same-day ratings in the order recorded)."""
    ratings = SelfRating.objects.order_by("person_id", "rated_on", "pk")
    areas = AreaRating.objects.order_by(
        "rating__person_id", "life_area__code", "rating__rated_on", "rating_id"
    )
    if persons is not None:
        ratings = ratings.filter(person__in=persons)
        areas = areas.filter(rating__person__in=persons)
    series = (
        ((person, SATISFACTION), value)
        for person, value in ratings.values_list("person_id", "life_satisfaction").iterator()
    )
    changes: dict[int, dict[str, int]] = defaultdict(dict)
    for (person, measure), change in _first_to_last(series):
        changes[person][measure] = change
    area_series = (
        ((person, code), value)
        for person, code, value in areas.values_list(
            "rating__person_id", "life_area__code", "participation"
        ).iterator()
    )
    for (person, measure), change in _first_to_last(area_series):
        changes[person][measure] = change
    return dict(changes)


def _first_to_last(series: Iterable[tuple[Any, int]]) -> Iterator[tuple[Any, int]]:
    """For runs of equal keys (sorted input): the key and last minus first value, for
    runs of at least two."""
    key, first, last, length = None, 0, 0, 0
    for item, value in series:
        if item != key:
            if length >= 2:
                yield key, last - first
            key, first, length = item, value, 0
        last, length = value, length + 1
    if length >= 2:
        yield key, last - first


def _label_key(row: Any, labels: Mapping[Any, str]) -> tuple[bool, str, str]:
    """Districts by name, each one's own row after its name's, no district last."""
    return (row == NO_DISTRICT, labels[row], repr(row))


def _table(
    changes: Mapping[int, Mapping[str, int]],
    members: Mapping[int, list[Any]],
    rows: list[Any],
    hierarchy: dict[Any, Any] | None,
    labels: Mapping[Any, str],
    rule: Rule | None,
) -> ImpactTable:
    """Counts and sums per row and measure, protected, joined into :class:`Change` cells.
    The rule for sums leaves dominance out: a change lies between -10 and +10, so no one
    person's change can outweigh the others as a large budget does; the minimum number
    of persons protects each mean."""
    rule = rule or Rule.from_settings()
    areas = dict(LifeArea.objects.values_list("code", "plain_name"))
    measures = [SATISFACTION, *sorted(areas)]
    if hierarchy is not None and NO_DISTRICT not in rows:
        hierarchy = {k: v for k, v in hierarchy.items() if k != NO_DISTRICT}
    counts: dict[tuple[Any, str], int] = defaultdict(int)
    sums: dict[tuple[Any, str], dict[int, int]] = defaultdict(dict)
    for person, person_rows in members.items():
        for measure, change in changes.get(person, {}).items():
            for row in person_rows:
                counts[(row, measure)] += 1
                sums[(row, measure)][person] = change
    shape: dict[str, Any] = {"rows": rows, "columns": measures, "hierarchy": hierarchy}
    shape["column_total"] = False
    persons = protect_counts(counts, **shape, rule=rule)
    totals = protect_sums(sums, **shape, rule=replace(rule, dominance_percent=100))
    cells = {
        (row, measure): _change(persons.cell(row, measure), totals.cell(row, measure))
        for row in persons.rows
        for measure in measures
    }
    measure_labels = {SATISFACTION: gettext("life satisfaction")} | areas
    return ImpactTable(persons.rows, tuple(measures), labels, measure_labels, cells)


def _change(persons: Cell, total: Cell) -> Change:
    if not persons.value:
        return Change(persons=persons, mean_change=None)
    mean = (Decimal(total.value) / Decimal(persons.value)).quantize(_TENTH, ROUND_HALF_UP)
    return Change(persons=persons, mean_change=derived(mean, persons, total))


#: What the impact figures can and cannot show, paragraph by paragraph.
EXPLANATION = (
    gettext_lazy(
        "The figures compare how people rated their own life satisfaction and their "
        "participation in a life area at the start and at their latest review, on a "
        "scale from 0 to 10. A positive number means that on average they rate it "
        "higher now."
    ),
    gettext_lazy(
        "The figures do not show why something changed. Many things happen in a "
        "person's life besides the support and the offers, so a change cannot be "
        "credited to an offer, a team or a district."
    ),
    gettext_lazy(
        "They are self-ratings: what people say about themselves on one day. Mood on "
        "the day, the way the question was asked and who asked it all play a part."
    ),
    gettext_lazy(
        "Only people with at least two ratings are counted. People who left early, "
        "who could not or did not want to rate, and everyone who is not in case work "
        "are missing, and they may be the ones for whom things went differently."
    ),
    gettext_lazy(
        "A person counts in every category of every offer they were referred to. "
        "There are no figures per Quartier project, because the platform does not "
        "record who takes part in a project."
    ),
)
SUPPRESSION = gettext_lazy(
    "Where fewer than %(min_count)s people are behind a figure, it is shown as "
    '"." so that no one can be recognised; some further figures are hidden so '
    "that they cannot be worked out from the totals."
)


def explanation() -> list[str]:
    """:data:`EXPLANATION` and :data:`SUPPRESSION` with the threshold in force, in the
    active language."""
    return [
        *(str(paragraph) for paragraph in EXPLANATION),
        str(SUPPRESSION) % {"min_count": Rule.from_settings().min_count},
    ]
