"""Importing day-care centres and playgrounds from the shipped files: counts, idempotence,
problems naming file, record and field, skipping invalid records, dry runs."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from sozialraum.accounts.models import Organisation, OrganisationKind
from sozialraum.directory.exchange.cities import (
    KITAS_FLENSBURG_FILE,
    KITAS_KIEL_FILE,
    day_care_hours,
    kitas_flensburg_import,
    kitas_kiel_import,
    playgrounds_flensburg_import,
    shipped,
)
from sozialraum.directory.models import Fee, Offer, OfferChange, Place, Wheelchair
from sozialraum.districts.lookup import lookup_cache_clear
from sozialraum.districts.models import District
from sozialraum.districts.services import flensburg_import, kiel_import
from sozialraum.districts.tests.factories import DistrictFactory
from sozialraum.lib.importing import DataImportError

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    lookup_cache_clear()
    with translation.override("en"):
        yield
    lookup_cache_clear()


def copy(source: Path, tmp_path: Path) -> Path:
    path = tmp_path / source.name
    shutil.copy(source, path)
    return path


def rewrite(path: Path, change: Any) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def database_state() -> tuple[int, int, int, int]:
    return (
        Offer.objects.count(),
        Place.objects.count(),
        Organisation.objects.count(),
        OfferChange.objects.count(),
    )


# --- Flensburg day-care centres -------------------------------------------------------------


def test_flensburgs_seventy_day_care_centres_become_offers_with_places_and_providers() -> None:
    report = kitas_flensburg_import()
    assert (report.count("created"), report.problems) == (70, ())
    assert Offer.objects.filter(categories__code="children_day_care").count() == 70
    offer = Offer.objects.get(external_id="flensburg-kita:kita-kinderhaus-marientreppe-flensburg")
    place = offer.places.get()
    assert (offer.name, offer.provider.name, offer.phone) == ("Kinderhaus", "DKSB", "0461/3132978")
    assert offer.opening_hours == "Mo-Fr 07:30-16:30"
    assert (place.street_address, place.postal_code, place.city) == (
        "Marientreppe 10",
        "24939",
        "Flensburg",
    )
    assert (place.latitude, place.longitude) == (54.792274, 9.429929)


def test_the_city_runs_its_own_centres_and_one_provider_spelt_two_ways_is_one() -> None:
    kitas_flensburg_import()
    city = Organisation.objects.get(name="Stadt Flensburg")
    assert city.kind == OrganisationKind.CITY_SOCIAL_SERVICES
    assert city.offers.count() == 11
    danish = Organisation.objects.filter(name__startswith="Dansk Skoleforening")
    assert danish.count() == 1 and danish.get().offers.count() == 14


def test_centres_with_admission_criteria_are_not_open_to_everyone() -> None:
    kitas_flensburg_import()
    restricted = Offer.objects.filter(for_everyone=False)
    assert restricted.count() == 14
    assert all(o.eligibility.startswith("Aufnahmekriterien: https://") for o in restricted)


def test_a_source_time_written_with_a_dot_is_still_converted() -> None:
    assert day_care_hours("07:00-17.00") == "Mo-Fr 07:00-17:00"
    assert day_care_hours("nach Absprache") == ""
    assert day_care_hours("18:00-07:00") == ""


def test_day_care_centres_get_their_flensburg_district_from_their_coordinates() -> None:
    flensburg_import(skip_invalid=True)
    kitas_flensburg_import()
    place = Place.objects.get(external_id="flensburg-kita:kita-kinderhaus-marientreppe-flensburg")
    assert place.district is not None and place.district.code.startswith("flensburg:")
    assert not Place.objects.filter(district__isnull=True).exists()


def test_importing_flensburgs_centres_again_duplicates_and_changes_nothing() -> None:
    kitas_flensburg_import()
    before = database_state()
    report = kitas_flensburg_import()
    assert (report.count("unchanged"), report.changed) == (70, ())
    assert report.places == {"unchanged": 70}
    assert database_state() == before


def test_a_record_changed_at_the_source_is_updated_with_its_history(tmp_path: Path) -> None:
    kitas_flensburg_import()
    path = copy(shipped(KITAS_FLENSBURG_FILE), tmp_path)
    rewrite(path, lambda d: d["features"][0]["properties"].update(opening_hours="08:00-15:00"))
    report = kitas_flensburg_import(path=path)
    assert report.count("updated") == 1
    assert report.changed[0].fields == ("opening_hours",)
    change = OfferChange.objects.filter(action="updated").get()
    assert change.changes == {"opening_hours": ["Mo-Fr 07:30-16:30", "Mo-Fr 08:00-15:00"]}
    assert change.source == "import: kitas_flensburg.geojson" and change.user is None


# --- Problems, skipping, dry runs -----------------------------------------------------------


def test_a_malformed_record_names_file_record_and_field_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    path = copy(shipped(KITAS_FLENSBURG_FILE), tmp_path)
    rewrite(path, lambda d: d["features"][2]["geometry"].update(coordinates=["9.4", None]))
    with pytest.raises(DataImportError) as raised:
        kitas_flensburg_import(path=path)
    [problem] = raised.value.problems
    assert (problem.file, problem.field) == ("kitas_flensburg.geojson", "features[2].geometry")
    assert "kita-neustadt-jens-due-weg-flensburg" in problem.message
    assert database_state() == (0, 0, 0, 0)


def test_with_skip_invalid_the_rest_is_imported_and_the_problem_reported(tmp_path: Path) -> None:
    path = copy(shipped(KITAS_KIEL_FILE), tmp_path)
    rewrite(path, lambda d: d[3]["address"].update(latitude="54,3"))
    report = kitas_kiel_import(path=path, skip_invalid=True)
    assert report.count("created") == 160
    [problem] = report.problems
    assert (problem.file, problem.field) == ("kitas_kiel.json", "[3].address.latitude")
    assert "54,3" in problem.message and "id " in problem.message
    assert "kitas_kiel.json, field [3].address.latitude:" in str(problem)


def test_a_value_the_model_refuses_is_found_before_anything_is_written(tmp_path: Path) -> None:
    path = copy(shipped(KITAS_FLENSBURG_FILE), tmp_path)
    rewrite(path, lambda d: d["features"][1]["properties"].update(phone_number="0461 " * 20))
    with pytest.raises(DataImportError) as raised:
        kitas_flensburg_import(path=path)
    [problem] = raised.value.problems
    assert problem.field == "features[1].phone"
    assert "flensburg-kita:kita-nystadens-boerne-og-ungdomshus" in problem.message
    assert database_state() == (0, 0, 0, 0)


def test_a_dry_run_reports_what_would_change_and_writes_nothing() -> None:
    report = playgrounds_flensburg_import(dry_run=True)
    assert (report.dry_run, report.count("created")) == (True, 76)
    assert database_state() == (0, 0, 0, 0)


def test_an_identifier_used_twice_in_a_file_is_a_problem(tmp_path: Path) -> None:
    path = copy(shipped(KITAS_KIEL_FILE), tmp_path)
    rewrite(path, lambda d: d[5].update(id=d[4]["id"]))
    with pytest.raises(DataImportError) as raised:
        kitas_kiel_import(path=path)
    [problem] = raised.value.problems
    assert problem.field == "[5]" and "kitaportal-sh:" in problem.message


def test_a_file_that_is_not_json_is_one_problem(tmp_path: Path) -> None:
    path = tmp_path / "spielplaetze_flensburg.geojson"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(DataImportError) as raised:
        playgrounds_flensburg_import(path=path)
    [problem] = raised.value.problems
    assert problem.file == path.name and "cannot be read" in problem.message


# --- Flensburg playgrounds ------------------------------------------------------------------


def test_flensburgs_playgrounds_become_free_offers_of_the_city() -> None:
    report = playgrounds_flensburg_import()
    assert (report.count("created"), report.providers_created) == (76, 1)
    offer = Offer.objects.get(external_id="flensburg-playground:am-sender")
    assert (offer.name, offer.fee, offer.provider.name) == (
        "Spielplatz Am Sender",
        Fee.FREE,
        "Stadt Flensburg",
    )
    assert offer.description.startswith("Ausstattung: Basketballkorb, Federwipper")
    assert offer.categories.get().code == "playground"
    assert offer.opening_hours == ""
    place = offer.places.get()
    assert (place.street_address, place.postal_code) == ("Mommsenstraße 47", "24943")


def test_importing_the_playgrounds_again_changes_nothing() -> None:
    playgrounds_flensburg_import()
    before = database_state()
    assert playgrounds_flensburg_import().changed == ()
    assert database_state() == before


# --- Kiel day-care centres ------------------------------------------------------------------


def test_kiels_day_care_centres_become_offers_and_barrier_free_ones_are_step_free() -> None:
    report = kitas_kiel_import()
    assert (report.count("created"), report.problems) == (161, ())
    offer = Offer.objects.get(external_id="kitaportal-sh:473")
    place = offer.places.get()
    assert offer.provider.name == "AWO Kreisverband Kiel e. V."
    assert offer.opening_hours == "Mo-Fr 08:00-16:00"
    assert (place.step_free_entrance, place.wheelchair) == (True, Wheelchair.YES)
    assert Place.objects.filter(step_free_entrance=True).count() == 76
    assert Place.objects.filter(wheelchair=Wheelchair.UNKNOWN).count() == 85


def test_kiel_centres_without_coordinates_are_kept_with_their_address() -> None:
    kitas_kiel_import()
    unknown = Place.objects.filter(latitude__isnull=True)
    assert unknown.count() == 8
    assert all(place.street_address and place.city == "Kiel" for place in unknown)


def test_kiel_centres_get_the_stadtteil_their_source_names_where_it_names_one() -> None:
    kiel_import()
    kitas_kiel_import()
    placed = Counter(
        Place.objects.filter(district__isnull=False).values_list("district__name", flat=True)
    )
    assert placed == {"Mettenhof": 11, "Wik": 9, "Suchsdorf": 6, "Holtenau": 3, "Schilksee": 3}
    assert all(
        district.parent is not None and district.parent.name == "Kiel"
        for district in District.objects.filter(name__in=placed)
    )
    # "Kiel - Pries/Friedrichsort" names two Stadtteile: no guess between them.
    pries = Place.objects.get(external_id=_kita_in("Kiel - Pries/Friedrichsort"))
    assert pries.district is None


def test_a_named_district_is_not_looked_for_in_another_city() -> None:
    DistrictFactory.create(name="Wik", parent=DistrictFactory.create(name="Anderswo"))
    kitas_kiel_import()
    assert not Place.objects.filter(district__isnull=False).exists()


def _kita_in(named: str) -> str:
    items = json.loads(shipped(KITAS_KIEL_FILE).read_text(encoding="utf-8"))
    ident = next(i["id"] for i in items if i["address"].get("district") == named)
    return f"kitaportal-sh:{ident}"


def test_importing_kiels_centres_again_duplicates_and_changes_nothing() -> None:
    kitas_kiel_import()
    before = database_state()
    assert kitas_kiel_import().changed == ()
    assert database_state() == before


# --- Commands -------------------------------------------------------------------------------


def test_the_command_prints_a_one_line_summary() -> None:
    out = StringIO()
    call_command("import_kitas_kiel", stdout=out)
    assert out.getvalue().strip().splitlines() == [
        "Kitas Kiel: 161 offers created, 0 updated, 0 unchanged; 161 places created, "
        "0 updated; 59 providers created; 0 invalid records skipped."
    ]


def test_the_command_with_dry_run_lists_the_changes_and_writes_nothing() -> None:
    out = StringIO()
    call_command("import_playgrounds_flensburg", "--dry-run", stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert lines[0] == "created: flensburg-playground:am-sender Spielplatz Am Sender"
    assert lines[-1].endswith("Dry run: nothing was written.")
    assert database_state() == (0, 0, 0, 0)


def test_the_command_stops_with_every_problem_on_invalid_input(tmp_path: Path) -> None:
    path = copy(shipped(KITAS_FLENSBURG_FILE), tmp_path)
    rewrite(path, lambda d: d["features"][0]["properties"].update(institution=""))
    err = StringIO()
    with pytest.raises(CommandError, match="Nothing imported: 1 problems"):
        call_command("import_kitas_flensburg", "--path", str(path), stderr=err)
    assert "features[0].properties.institution: is missing" in err.getvalue()
