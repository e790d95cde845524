"""HSDS 3 export and import: exports validate against the published schemas, an import of
our own export reproduces the same offers (JSON and CSV datapackage), re-imports update
instead of duplicating, the shipped HSDS examples import, and bad input is reported by
file, record and field with nothing written."""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Iterator
from decimal import Decimal
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from sozialraum.accounts.models import Organisation
from sozialraum.directory.exchange import hsds, hsds_io, hsds_schema
from sozialraum.directory.exchange.cities import (
    kitas_flensburg_import,
    playgrounds_flensburg_import,
)
from sozialraum.directory.models import Category, Fee, Offer, Place, Wheelchair
from sozialraum.directory.services import (
    PLACE_FIELDS,
    offer_create,
    place_upsert,
    provider_get_or_create,
)
from sozialraum.districts.lookup import lookup_cache_clear
from sozialraum.lib.importing import DataImportError

pytestmark = pytest.mark.django_db

#: The published HSDS 3 examples, shipped with the tests (see data/hsds3-examples/README.md).
EXAMPLES = Path(__file__).resolve().parent / "data" / "hsds3-examples"


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    lookup_cache_clear()
    with translation.override("en"):
        yield
    lookup_cache_clear()


def lunch_table() -> Offer:
    provider, _ = provider_get_or_create(name="Diakonisches Werk Flensburg")
    place, _ = place_upsert(
        external_id="demo:place:mittagstisch-neustadt",
        data={
            "name": "Gemeindehaus Neustadt",
            "street_address": "Neustadt 16",
            "postal_code": "24939",
            "city": "Flensburg",
            "latitude": 54.7950,
            "longitude": 9.4330,
            "step_free_entrance": True,
            "wheelchair": Wheelchair.LIMITED,
            "accessible_toilet": False,
            "hearing_loop": True,
            "guide_dogs_welcome": True,
        },
    )
    return offer_create(
        provider=provider,
        data={
            "external_id": "demo:mittagstisch-neustadt",
            "name": "Mittagstisch Neustadt",
            "description": "Warmes Mittagessen in Gesellschaft.\nAnmeldung nicht nötig.",
            "phone": "0461 123456",
            "email": "mittagstisch@example.org",
            "url": "https://example.org/mittagstisch",
            "languages": ["de", "da"],
            "opening_hours": "Mo-Fr 12:00-14:00",
            "fee": Fee.PAID,
            "legal_basis": "§ 71 SGB XII",
            "is_demo": True,
            "categories": [Category.objects.get(code="lunch_table")],
            "places": [place],
            "cost_options": [
                {"amount": Decimal("3.00"), "currency": "EUR", "option": "Geringes Einkommen"},
                {"amount": Decimal("4.00"), "currency": "EUR", "option": "Alle anderen"},
            ],
        },
        source="test",
    )


@pytest.fixture
def demo_offers() -> None:
    kitas_flensburg_import()
    playgrounds_flensburg_import()
    lunch_table()
    Category.objects.filter(code="lunch_table").update(
        hsds_terms=[{"vocabulary": "open-eligibility", "code": "1102", "term": "Food"}]
    )


_OFFER_FIELDS = (
    "name",
    "description",
    "phone",
    "email",
    "url",
    "for_everyone",
    "eligibility",
    "legal_basis",
    "languages",
    "opening_hours",
    "fee",
    "is_demo",
)


def offers_snapshot() -> list[tuple[Any, ...]]:
    """Every offer with what an export must carry, independent of ids."""
    offers = Offer.objects.select_related("provider").prefetch_related(
        "places", "categories", "cost_options"
    )
    return sorted(
        (
            tuple(getattr(offer, name) for name in _OFFER_FIELDS),
            offer.provider.name,
            sorted(
                tuple(getattr(place, name) for name in PLACE_FIELDS) for place in offer.places.all()
            ),
            sorted(category.code for category in offer.categories.all()),
            sorted((o.amount, o.currency, o.option) for o in offer.cost_options.all()),
        )
        for offer in offers
    )


def empty_directory() -> None:
    Offer.objects.all().delete()
    Place.objects.all().delete()
    Organisation.objects.all().delete()


# --- Export ---------------------------------------------------------------------------------


def test_every_exported_service_validates_against_the_compiled_hsds_schema(
    demo_offers: None,
) -> None:
    services = hsds.hsds_export_json(Offer.objects.all())

    assert len(services) == Offer.objects.count() > 140
    for service in services:
        assert hsds_schema.schema_errors("compiled/service.json", service) == []


def test_lunch_table_exports_prices_hours_languages_terms_and_accessibility(
    demo_offers: None,
) -> None:
    offer = Offer.objects.get(external_id="demo:mittagstisch-neustadt")
    service = hsds.hsds_service(offer)

    assert service["organization"]["name"] == "Diakonisches Werk Flensburg"
    assert [(o["amount"], o["currency"], o["option"]) for o in service["cost_options"]] == [
        (3.0, "EUR", "Geringes Einkommen"),
        (4.0, "EUR", "Alle anderen"),
    ]
    schedule = service["schedules"][0]
    assert (schedule["freq"], schedule["byday"], schedule["opens_at"], schedule["closes_at"]) == (
        "WEEKLY",
        "MO,TU,WE,TH,FR",
        "12:00:00",
        "14:00:00",
    )
    assert [language["code"] for language in service["languages"]] == ["de", "da"]
    terms = {
        (a["taxonomy_term"]["taxonomy"], a["taxonomy_term"]["code"]) for a in service["attributes"]
    }
    assert terms == {
        ("sozialraum", "lunch_table"),
        ("open-eligibility", "1102"),
        ("sozialraum-legal-basis", "§ 71 SGB XII"),
        ("sozialraum-data-status", "demo"),
    }
    location = service["service_at_locations"][0]["location"]
    assert (location["latitude"], location["longitude"]) == (54.795, 9.433)
    address = location["addresses"][0]
    assert (address["address_1"], address["state_province"]) == (
        "Neustadt 16",
        "Schleswig-Holstein",
    )
    details = {entry["details"] for entry in location["accessibility"]}
    assert details == {
        "wheelchair=limited",
        "toilets:wheelchair=no",
        "hearing_loop=yes",
        "entrance:step_free=yes",
        "guide_dog=yes",
    }


def test_the_land_of_exported_addresses_follows_the_setting(
    demo_offers: None, settings: Any
) -> None:
    settings.HSDS_STATE_PROVINCE = "Hamburg"
    offer = Offer.objects.get(external_id="demo:mittagstisch-neustadt")
    location = hsds.hsds_service(offer)["service_at_locations"][0]["location"]
    assert location["addresses"][0]["state_province"] == "Hamburg"


def test_export_reads_a_fixed_number_of_queries(
    demo_offers: None, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(6):
        hsds.hsds_export_json(Offer.objects.all())


@pytest.mark.parametrize(
    ("hours", "expected"),
    [
        ("Mo-Fr 08:00-16:00", [("MO,TU,WE,TH,FR", "08:00:00", "16:00:00")]),
        (
            "Mo,We 09:00-12:00,13:00-17:00; Sa 10:00-12:00",
            [
                ("MO,WE", "09:00:00", "12:00:00"),
                ("MO,WE", "13:00:00", "17:00:00"),
                ("SA", "10:00:00", "12:00:00"),
            ],
        ),
    ],
)
def test_plain_weekly_hours_become_structured_schedules(
    hours: str, expected: list[tuple[str, str, str]]
) -> None:
    schedules = hsds.hsds_schedules(hours, "s")

    assert [(s["byday"], s["opens_at"], s["closes_at"]) for s in schedules] == expected
    assert (
        hsds_io.opening_hours_from_schedules(
            [{key: value for key, value in s.items() if key != "notes"} for s in schedules]
        )
        == hours
    )


@pytest.mark.parametrize(
    "hours", ["Mo-Fr 08:00-16:00; PH off", "Mo-Fr 08:00-16:00; We 10:00-12:00", "24/7"]
)
def test_other_hours_are_kept_as_text_in_one_schedule(hours: str) -> None:
    (schedule,) = hsds.hsds_schedules(hours, "s")

    assert "byday" not in schedule
    assert schedule["description"] == hours
    assert hsds_io.opening_hours_from_schedules([schedule]) == hours


def test_datapackage_has_the_hsds_tables_with_their_columns_and_valid_rows(
    demo_offers: None, tmp_path: Path
) -> None:
    counts = hsds_schema.hsds_export_datapackage(Offer.objects.all(), tmp_path)

    descriptor = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert [resource["path"] for resource in descriptor["resources"]] == [
        hsds_schema.table_schema(table)["path"] for table in hsds_schema.TABLES
    ]
    for resource in descriptor["resources"]:
        with (tmp_path / resource["path"]).open(encoding="utf-8") as handle:
            header = next(csv.reader(handle))
        assert header == [field["name"] for field in resource["schema"]["fields"]]
    services, problems = hsds_io.read_datapackage(tmp_path)
    assert problems == []
    assert counts["service"] == len(services) == Offer.objects.count()
    assert counts["cost_option"] == 2
    for _where, service in services:
        assert hsds_schema.schema_errors("compiled/service.json", service) == []


def test_datapackage_columns_follow_the_hsds_example_files() -> None:
    for table in hsds_schema.TABLES:
        path = EXAMPLES / "csv" / hsds_schema.table_schema(table)["path"]
        with path.open(encoding="utf-8") as handle:
            assert next(csv.reader(handle)) == hsds_schema.table_columns(table)


# --- Round trip -----------------------------------------------------------------------------


def test_importing_our_json_export_reproduces_the_same_offers(
    demo_offers: None, tmp_path: Path
) -> None:
    before = offers_snapshot()
    path = tmp_path / "export.json"
    path.write_text(json.dumps(hsds.hsds_export_json(Offer.objects.all())), encoding="utf-8")
    empty_directory()

    report = hsds_io.hsds_import_json(path)

    assert report.count("created") == len(before)
    assert offers_snapshot() == before


def test_importing_our_datapackage_export_reproduces_the_same_offers(
    demo_offers: None, tmp_path: Path
) -> None:
    before = offers_snapshot()
    hsds_schema.hsds_export_datapackage(Offer.objects.all(), tmp_path / "package")
    empty_directory()

    hsds_io.hsds_import_datapackage(tmp_path / "package")

    assert offers_snapshot() == before


def test_reimport_changes_nothing_and_a_second_export_keeps_the_ids(
    demo_offers: None, tmp_path: Path
) -> None:
    first = hsds.hsds_export_json(Offer.objects.all())
    path = tmp_path / "export.json"
    path.write_text(json.dumps(first), encoding="utf-8")
    empty_directory()
    hsds_io.hsds_import_json(path)

    report = hsds_io.hsds_import_json(path)
    second = hsds.hsds_export_json(Offer.objects.all())

    assert report.count("unchanged") == len(first)
    assert Offer.objects.count() == len(first)
    assert sorted(s["id"] for s in second) == sorted(s["id"] for s in first)
    locations = {loc["location"]["id"] for s in second for loc in s["service_at_locations"]}
    assert locations == {loc["location"]["id"] for s in first for loc in s["service_at_locations"]}


def test_reimport_updates_a_changed_service_by_its_hsds_id(tmp_path: Path) -> None:
    lunch_table()
    services = hsds.hsds_export_json(Offer.objects.all())
    empty_directory()
    path = tmp_path / "export.json"
    path.write_text(json.dumps(services), encoding="utf-8")
    hsds_io.hsds_import_json(path)
    services[0]["cost_options"][0]["amount"] = 3.5
    path.write_text(json.dumps(services), encoding="utf-8")

    report = hsds_io.hsds_import_json(path)

    assert report.count("updated") == 1
    offer = Offer.objects.get()
    assert offer.external_id == f"hsds:{services[0]['id']}"
    assert sorted(o.amount for o in offer.cost_options.all()) == [Decimal("3.50"), Decimal("4.00")]


def test_dry_run_reports_and_writes_nothing(demo_offers: None, tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(json.dumps(hsds.hsds_export_json(Offer.objects.all())), encoding="utf-8")
    empty_directory()

    report = hsds_io.hsds_import_json(path, dry_run=True)

    assert report.count("created") > 140
    assert report.dry_run
    assert Offer.objects.count() == 0


# --- Bad input ------------------------------------------------------------------------------


def two_services(tmp_path: Path) -> tuple[Path, list[dict[str, Any]]]:
    lunch_table()
    services = hsds.hsds_export_json(Offer.objects.all())
    second = json.loads(
        json.dumps(services[0]).replace(services[0]["id"], "0" * 8 + services[0]["id"][8:])
    )
    second["name"] = "Mittagstisch Weiche"
    services.append(second)
    empty_directory()
    return tmp_path / "services.json", services


def test_schema_problems_name_file_record_field_and_write_nothing(tmp_path: Path) -> None:
    path, services = two_services(tmp_path)
    del services[1]["status"]
    services[1]["cost_options"][0]["amount"] = "drei"
    path.write_text(json.dumps(services), encoding="utf-8")

    with pytest.raises(DataImportError) as error:
        hsds_io.hsds_import_json(path)

    problems = {(p.file, p.field) for p in error.value.problems}
    assert problems == {("services.json", "[1]"), ("services.json", "[1].cost_options[0].amount")}
    assert "'status' is a required property" in str(error.value)
    assert Offer.objects.count() == 0


def test_model_problems_are_found_before_anything_is_written(tmp_path: Path) -> None:
    path, services = two_services(tmp_path)
    services[1]["schedules"] = [{"id": services[1]["id"], "notes": "OSM opening_hours: Mo-Fx"}]
    services[1]["service_at_locations"][0]["location"]["latitude"] = 100
    path.write_text(json.dumps(services), encoding="utf-8")

    with pytest.raises(DataImportError) as error:
        hsds_io.hsds_import_json(path)

    fields = sorted(str(p.field) for p in error.value.problems)
    assert (
        fields[0]
        == "[1].location hsds:"
        + services[1]["service_at_locations"][0]["location"]["id"]
        + ".latitude"
    )
    assert fields[1] == "[1].opening_hours"
    assert Offer.objects.count() == 0


def test_skip_invalid_imports_the_rest_and_lists_what_was_skipped(tmp_path: Path) -> None:
    path, services = two_services(tmp_path)
    services[1]["email"] = "not an address"
    path.write_text(json.dumps(services), encoding="utf-8")

    report = hsds_io.hsds_import_json(path, skip_invalid=True)

    assert report.count("created") == 1
    assert [p.field for p in report.problems] == ["[1].email"]
    assert Offer.objects.get().name == "Mittagstisch Neustadt"


def test_datapackage_problems_name_file_line_and_column(demo_offers: None, tmp_path: Path) -> None:
    hsds_schema.hsds_export_datapackage(
        Offer.objects.filter(name="Mittagstisch Neustadt"), tmp_path
    )
    path = tmp_path / "cost_options.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("3.0", "drei"), encoding="utf-8")
    empty_directory()

    with pytest.raises(DataImportError) as error:
        hsds_io.hsds_import_datapackage(tmp_path)

    (problem,) = error.value.problems
    assert (problem.file, problem.line, problem.field) == ("cost_options.csv", 2, "amount")
    assert Offer.objects.count() == 0


def test_unreadable_json_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('[\n{"id": 1},\n]', encoding="utf-8")

    with pytest.raises(DataImportError) as error:
        hsds_io.hsds_import_json(path)

    assert (error.value.problems[0].file, error.value.problems[0].line) == ("broken.json", 3)


# --- The published HSDS examples ------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["service_full.json", "service_list.json", "organization_full.json", "location.json"],
)
def test_published_examples_validate_against_the_copied_schemas(name: str) -> None:
    data = json.loads((EXAMPLES / name).read_text(encoding="utf-8"))
    schema = {
        "service_full.json": "compiled/service.json",
        "service_list.json": "compiled/service_list.json",
        "organization_full.json": "compiled/organization.json",
        "location.json": "location.json",
    }[name]
    items = data.get("contents", [data])

    assert all(hsds_schema.schema_errors(schema, item) == [] for item in items)


def test_published_service_example_reports_its_placeholder_coordinates(tmp_path: Path) -> None:
    with pytest.raises(DataImportError) as error:
        hsds_io.hsds_import_json(EXAMPLES / "service_full.json")

    assert {str(p.field).rsplit(".", 1)[-1] for p in error.value.problems} == {"latitude"}
    assert Offer.objects.count() == 0


def test_published_service_example_imports_with_real_coordinates(tmp_path: Path) -> None:
    text = (EXAMPLES / "service_full.json").read_text(encoding="utf-8")
    path = tmp_path / "service_full.json"
    path.write_text(
        text.replace('"latitude": 100', '"latitude": 54.79').replace(
            '"longitude": 101', '"longitude": 9.43'
        ),
        encoding="utf-8",
    )

    report = hsds_io.hsds_import_json(path)

    assert report.count("created") == 1
    offer = Offer.objects.get(external_id="hsds:ac148810-d857-441c-9679-408f346de14b")
    assert offer.name == "Community Counselling"
    assert offer.provider.name == "Example Organization Inc."
    assert not offer.for_everyone
    assert offer.languages == ["ur"]
    assert [(o.amount, o.currency) for o in offer.cost_options.all()] == [(Decimal("35.00"), "GBP")]
    assert offer.fee == Fee.PAID
    assert offer.opening_hours == ""  # restricted by weeks and month days: not a weekly rule
    place = offer.places.get()
    assert (place.name, place.street_address, place.city) == (
        "MyCity Civic Center",
        "1-30 Main Street MyVillage",
        "MyCity",
    )


def test_published_csv_example_reads_as_one_nested_service() -> None:
    services, problems = hsds_io.read_datapackage(EXAMPLES / "csv")

    ((_where, service),) = services
    assert service["name"] == "Community Counselling"
    assert service["organization"]["name"] == "Example Organization Inc."
    assert [o["amount"] for o in service["cost_options"]] == [35]
    assert [p.field for p in problems] == []


# --- Commands -------------------------------------------------------------------------------


def test_export_and_import_commands_round_trip_with_a_summary(
    demo_offers: None, tmp_path: Path
) -> None:
    before = offers_snapshot()
    out = StringIO()
    call_command(
        "export_hsds", "--format", "json", "--output", str(tmp_path / "x.json"), stdout=out
    )
    call_command(
        "export_hsds", "--format", "datapackage", "--output", str(tmp_path / "pkg"), stdout=out
    )
    empty_directory()
    err = StringIO()

    call_command("import_hsds", str(tmp_path / "pkg"), stdout=out, stderr=err)
    call_command("import_hsds", str(tmp_path / "x.json"), stdout=out, stderr=err)

    assert offers_snapshot() == before
    lines = out.getvalue().splitlines()
    assert lines[0].startswith(f"{len(before)} services written to ")
    assert lines[-1].startswith(
        f"HSDS x.json: 0 offers created, 0 updated, {len(before)} unchanged"
    )
    assert f"{len(before)}/{len(before)}" in err.getvalue()


def test_import_command_lists_problems_and_fails(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    shutil.copy(Path(hsds_schema.SCHEMA_DIR / "LICENSE"), path)
    err = StringIO()

    with pytest.raises(CommandError, match="Nothing imported: 1 problems"):
        call_command("import_hsds", str(path), stderr=err)

    assert "bad.json, line 1" in err.getvalue()
