"""Writes for districts: importing published boundaries and population figures.

An import reads and checks all of its input first (``importers.py``), then writes in one
transaction. It is idempotent: districts are matched by ``code`` and population counts by
(district, year, band), rows that already hold the imported values are left alone, so a
second run of the same data changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from sozialraum.lib.importing import DataImportError, ImportProblem

from .importers import (
    DEFAULT_ENCODING,
    FLENSBURG_DIR,
    KIEL_PATH,
    PRESETS,
    BoundaryOptions,
    DistrictRecord,
    ParsedImport,
    PopulationRecord,
    Progress,
    TableOptions,
    city_code,
    name_key,
    read_boundaries,
    read_preset,
    read_table,
)
from .models import GEOMETRY, District, PopulationCount

_BandKey = tuple[int, int, int, int | None]


@dataclass(frozen=True)
class AreaChange:
    """A district whose re-imported boundary has another area than before."""

    code: str
    name: str
    before_km2: float | None
    after_km2: float | None

    def __str__(self) -> str:
        before = "-" if self.before_km2 is None else f"{self.before_km2:.4f}"
        after = "-" if self.after_km2 is None else f"{self.after_km2:.4f}"
        change = ""
        if self.before_km2 and self.after_km2 is not None:
            change = f" ({(self.after_km2 - self.before_km2) / self.before_km2:+.2%})"
        return _("%(name)s (%(code)s): area %(before)s km² -> %(after)s km²%(change)s") % {
            "name": self.name,
            "code": self.code,
            "before": before,
            "after": after,
            "change": change,
        }


@dataclass(frozen=True)
class ImportReport:
    """What an import did; ``problems`` lists the entries left out as invalid (only with
    ``skip_invalid``), ``repaired`` the codes of boundaries that had to be made valid."""

    label: str
    districts_created: int
    districts_updated: int
    districts_unchanged: int
    population_written: int
    population_unchanged: int
    problems: tuple[ImportProblem, ...] = ()
    repaired: tuple[str, ...] = ()
    notes: tuple[ImportProblem, ...] = ()
    area_changes: tuple[AreaChange, ...] = ()
    dry_run: bool = False

    @property
    def summary(self) -> str:
        """One line for a command's output."""
        prefix = _("Dry run, nothing written. ") if self.dry_run else ""
        return prefix + _(
            "%(label)s: %(created)d districts created, %(updated)d updated, %(unchanged)d "
            "unchanged; %(written)d population counts written, %(same)d unchanged; "
            "%(skipped)d invalid entries skipped, %(repaired)d boundaries repaired."
        ) % {
            "label": self.label,
            "created": self.districts_created,
            "updated": self.districts_updated,
            "unchanged": self.districts_unchanged,
            "written": self.population_written,
            "same": self.population_unchanged,
            "skipped": len({problem.record for problem in self.problems}),
            "repaired": len(self.repaired),
        }


def flensburg_import(
    *, directory: Path = FLENSBURG_DIR, skip_invalid: bool = False, encoding: str = DEFAULT_ENCODING
) -> ImportReport:
    """Imports Flensburg's city, Stadtteile and Stadtbezirke with boundaries, and residents
    by Stadtteil, year and age band, from ``directory``: the preset ``flensburg``."""
    return preset_import(directory, "flensburg", skip_invalid=skip_invalid, encoding=encoding)


def kiel_import(
    *, path: Path = KIEL_PATH, skip_invalid: bool = False, encoding: str = DEFAULT_ENCODING
) -> ImportReport:
    """Imports Kiel's city and 30 statistical Stadtteile (no boundaries) and residents by
    Stadtteil, year and age band from the file at ``path``: the preset ``kiel``."""
    return preset_import(path, "kiel", skip_invalid=skip_invalid, encoding=encoding)


def preset_import(
    path: Path,
    preset: str,
    *,
    skip_invalid: bool = False,
    dry_run: bool = False,
    encoding: str = DEFAULT_ENCODING,
    progress: Progress | None = None,
) -> ImportReport:
    """Imports the city of the preset named ``preset`` (see :data:`PRESETS`) from ``path``:
    its districts and residents by district, year and age band.

    Raises DataImportError and writes nothing if any entry is invalid, unless
    ``skip_invalid``: then the invalid entries are left out and listed in the report;
    ``dry_run`` reports what would change and writes nothing.
    """
    chosen = PRESETS[preset]
    parsed = read_preset(chosen, path, encoding, progress)
    return _parsed_import(chosen.city, parsed, skip_invalid=skip_invalid, dry_run=dry_run)


def districts_import(
    path: Path,
    options: BoundaryOptions,
    *,
    skip_invalid: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Imports the districts of the boundary file at ``path`` (GeoJSON or Shapefile) into
    the city ``options.city``, creating the city if it does not exist; districts are
    matched by code, and the report lists each whose area changed.

    Raises DataImportError and writes nothing if any area is invalid, unless
    ``skip_invalid``; ``dry_run`` reports what would change and writes nothing.
    """
    city = options.city_code
    districts = District.objects.filter(code__startswith=f"{city}:").only("code", "kind")
    parents = {district.code: district.kind for district in districts}
    taken = dict(District.objects.values_list("slug", "code"))
    parsed = read_boundaries(path, options, parents=parents, taken_slugs=taken, progress=progress)
    if not parsed.districts and not parsed.problems:
        parsed.file_problem(path.name, _("holds no area"))
    return _parsed_import(
        options.city, parsed, skip_invalid=skip_invalid, dry_run=dry_run, population=False
    )


def population_import(
    path: Path,
    city: str,
    options: TableOptions,
    *,
    skip_invalid: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Imports residents by district, year and age band of the city named ``city`` from
    the table at ``path`` (see :func:`read_table`); the city and its districts must exist.
    Counts are matched by district, year and band, so a re-import changes only what
    differs.

    Raises DataImportError and writes nothing if any row is invalid (a district the city
    does not have, a value that is not a number), unless ``skip_invalid``; ``dry_run``
    reports what would change and writes nothing.
    """
    code = city_code(city)
    rows = District.objects.filter(code__startswith=f"{code}:").values_list("code", "name")
    if not District.objects.filter(code=code).exists():
        message = _('the city "%(city)s" does not exist; import its districts first') % {
            "city": city
        }
        raise DataImportError([ImportProblem(path.name, None, None, message, True)])
    names = {name_key(name): code for code, name in rows}
    parsed = read_table(path, options, names, code, progress)
    districts = District.objects.defer(*GEOMETRY).in_bulk(
        {record.district_code for record in parsed.population}, field_name="code"
    )
    return _parsed_import(
        city, parsed, skip_invalid=skip_invalid, dry_run=dry_run, districts=districts
    )


def _parsed_import(
    label: str,
    parsed: ParsedImport,
    *,
    skip_invalid: bool,
    dry_run: bool = False,
    population: bool = True,
    districts: dict[str, District] | None = None,
) -> ImportReport:
    """Writes ``parsed`` (or, with ``dry_run``, finds out what writing would change and
    rolls it back). Skipping applies to records, never to files: a file that cannot be
    read or gives nothing, or input without a single population count where
    ``population`` is expected, fails. ``districts``: existing districts the population
    counts may refer to, besides those in ``parsed``."""
    problems = list(parsed.problems)
    if population and not parsed.population:  # nothing valid: the problems say why
        message = _("holds no valid population count")
        raise DataImportError(problems or [ImportProblem(label, None, None, message, True)])
    if any(problem.whole_file for problem in problems) or (problems and not skip_invalid):
        raise DataImportError(problems)
    with transaction.atomic():
        conflicts = _slug_conflicts(parsed.districts)
        if conflicts:
            raise DataImportError(conflicts)
        written_districts, counts, area_changes = _districts_write(parsed.districts)
        written, unchanged = _population_write(
            parsed.population, {**(districts or {}), **written_districts}
        )
        transaction.set_rollback(dry_run)
    return ImportReport(
        label=label,
        districts_created=counts["created"],
        districts_updated=counts["updated"],
        districts_unchanged=counts["unchanged"],
        population_written=written,
        population_unchanged=unchanged,
        problems=tuple(parsed.problems),
        repaired=tuple(parsed.repaired),
        notes=tuple(parsed.notes),
        area_changes=tuple(area_changes),
        dry_run=dry_run,
    )


def _slug_conflicts(records: list[DistrictRecord]) -> list[ImportProblem]:
    """Slugs that districts with other codes already use (the slug is unique)."""
    slugs = {record.slug: record.code for record in records}
    taken = District.objects.filter(slug__in=slugs).exclude(code__in=slugs.values())
    return [
        ImportProblem(
            _("database"),
            None,
            "slug",
            _('"%(slug)s" of %(new)s is already used by district %(code)s')
            % {"slug": district.slug, "new": slugs[district.slug], "code": district.code},
        )
        for district in taken
    ]


def _district_values(record: DistrictRecord, parent: District | None) -> dict[str, Any]:
    min_lon, min_lat, max_lon, max_lat = record.bbox or (None, None, None, None)
    return {
        "name": record.name,
        "slug": record.slug,
        "kind": str(record.kind),
        "parent_id": parent.pk if parent else None,
        "boundary": record.boundary,
        "min_lon": min_lon,
        "min_lat": min_lat,
        "max_lon": max_lon,
        "max_lat": max_lat,
        "area_km2": record.area_km2,
        "source": record.source,
    }


def _parent(record: DistrictRecord, written: dict[str, District]) -> District | None:
    if record.parent_code is None:
        return None
    return written.get(record.parent_code) or District.objects.get(code=record.parent_code)


def _districts_write(
    records: list[DistrictRecord],
) -> tuple[dict[str, District], dict[str, int], list[AreaChange]]:
    """Creates or updates the districts by code (parents before children); returns them by
    code, how many were created, updated and unchanged, and the areas that changed."""
    existing = District.objects.in_bulk([record.code for record in records], field_name="code")
    written: dict[str, District] = {}
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    area_changes = []
    for record in records:
        district = existing.get(record.code) or District(code=record.code)
        before = district.area_km2
        values = _district_values(record, _parent(record, written))
        outcome = _district_save(district, values)
        counts[outcome] += 1
        written[record.code] = district
        if outcome == "updated" and before != record.area_km2:
            area_changes.append(AreaChange(record.code, record.name, before, record.area_km2))
    return written, counts, area_changes


def _district_save(district: District, values: dict[str, Any]) -> str:
    """Saves ``district`` with ``values`` if anything differs; says what happened."""
    if district.pk is not None and all(getattr(district, k) == v for k, v in values.items()):
        return "unchanged"
    outcome = "created" if district.pk is None else "updated"
    for name, value in values.items():
        setattr(district, name, value)
    district.full_clean()
    district.save()
    return outcome


def _population_write(
    records: list[PopulationRecord], districts: dict[str, District]
) -> tuple[int, int]:
    """Creates or replaces the count of each imported (district, year, band); returns how
    many rows were written and how many already held the imported value."""
    existing: dict[_BandKey, PopulationCount] = {
        (row.district_id, row.year, row.age_from, row.age_to): row
        for row in PopulationCount.objects.filter(district__in=list(districts.values()))
    }
    created: list[PopulationCount] = []
    changed: list[PopulationCount] = []
    for record in records:
        district = districts[record.district_code]
        row = existing.get((district.pk, record.year, record.age_from, record.age_to))
        if row is None:
            created.append(_population_row(record, district))
        elif (row.count, row.source) != (record.count, record.source):
            row.count, row.source = record.count, record.source
            changed.append(row)
    PopulationCount.objects.bulk_create(created)
    PopulationCount.objects.bulk_update(changed, ["count", "source"])
    written = len(created) + len(changed)
    return written, len(records) - written


def _population_row(record: PopulationRecord, district: District) -> PopulationCount:
    return PopulationCount(
        district=district,
        year=record.year,
        age_from=record.age_from,
        age_to=record.age_to,
        count=record.count,
        source=record.source,
    )
