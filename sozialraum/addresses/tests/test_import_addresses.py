"""``import_addresses``: the shipped excerpt of Essen's official house coordinates
(dl-de/by-2-0, see ``data/README.md``), an HK-DE sample, and Overpass JSON and an OSM PBF
written here."""

from __future__ import annotations

import json
from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from sozialraum.addresses.models import Address
from sozialraum.addresses.readers import format_guess
from sozialraum.addresses.services import KnownAddress, addresses_from_places
from sozialraum.districts.tests.factories import DistrictFactory

DATA = Path(__file__).parent / "data"
ESSEN = DATA / "essen_hauskoordinaten_excerpt.geojson"
HK_DE = DATA / "hk-de_sample.csv"

#: Abteistr. 1, Essen, in EPSG:4647 (from the excerpt) and in WGS84 (pyproj).
ABTEI_1 = (51.3874251, 7.0007376)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def run(*args: Any) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_addresses", *(str(arg) for arg in args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def failure(*args: Any) -> tuple[str, str]:
    """(the error, what was printed to stderr) of a command that must fail."""
    err = StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_addresses", *(str(arg) for arg in args), stderr=err, stdout=StringIO())
    return str(raised.value), err.getvalue()


def essen_copy(tmp_path: Path, change: Any = None) -> Path:
    data = json.loads(ESSEN.read_text(encoding="utf-8"))
    if change:
        change(data["features"])
    path = tmp_path / "essen.geojson"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def address(street_key: str, number: int, suffix: str = "") -> Address:
    return Address.objects.get(street_key=street_key, house_number=number, house_suffix=suffix)


def test_essen_excerpt_is_imported_with_points_in_wgs84() -> None:
    out, _err = run(ESSEN, "--city", "Essen")
    assert Address.objects.count() == 2429
    abtei = address("abteistrasse", 1)
    assert (abtei.lat, abtei.lon) == pytest.approx(ABTEI_1, abs=1e-6)
    assert (abtei.street, abtei.city, abtei.city_key) == ("Abteistr.", "Essen", "essen")
    assert "2429 created" in out


def test_placeholder_streets_and_points_without_number_are_counted_and_left_out() -> None:
    out, _err = run(ESSEN, "--city", "Essen")
    assert "4 with a placeholder street, 67 without house number" in out
    assert not Address.objects.filter(street__startswith="#").exists()


def test_suffix_is_kept_in_lower_case() -> None:
    run(ESSEN, "--city", "Essen")
    assert address("altenessenerstrasse", 540, "a").street == "Altenessener Str."


def test_each_address_gets_the_district_holding_its_point() -> None:
    ring = [[6.99, 51.38], [7.01, 51.38], [7.01, 51.39], [6.99, 51.39], [6.99, 51.38]]
    werden = DistrictFactory.create(
        boundary={"type": "Polygon", "coordinates": [ring]},
        min_lon=6.99, min_lat=51.38, max_lon=7.01, max_lat=51.39,
    )  # fmt: skip
    out, _err = run(ESSEN, "--city", "Essen")
    inside = Address.objects.filter(district=werden)
    assert address("abteistrasse", 1).district == werden
    assert inside.count() > 0
    outside = Address.objects.filter(district__isnull=True).count()
    assert outside == 2429 - inside.count()
    assert f"{outside} outside every district" in out


def test_without_a_city_nothing_is_written_and_the_option_is_named() -> None:
    error, err = failure(ESSEN)
    assert "Nothing imported" in error
    assert "essen_hauskoordinaten_excerpt.geojson: 2429 addresses name no city" in err
    assert "--city NAME" in err
    assert Address.objects.count() == 0


def test_a_city_in_the_data_needs_no_option(tmp_path: Path) -> None:
    def with_city(features: list[Any]) -> None:
        for feature in features:
            feature["properties"]["addr:city"] = "Essen-Werden"

    run(essen_copy(tmp_path, with_city))
    assert set(Address.objects.values_list("city", flat=True)) == {"Essen-Werden"}


def test_reimport_updates_instead_of_duplicating() -> None:
    run(ESSEN, "--city", "Essen")
    out, _err = run(ESSEN, "--city", "Essen")
    assert Address.objects.count() == 2429
    assert "0 created, 0 updated, 2429 unchanged" in out


def test_reimport_moves_a_changed_point(tmp_path: Path) -> None:
    run(ESSEN, "--city", "Essen")

    def moved(features: list[Any]) -> None:
        abtei = next(f for f in features if f["properties"].get("adresse") == "Abteistr. 1")
        abtei["geometry"]["coordinates"][1] += 100

    out, _err = run(essen_copy(tmp_path, moved), "--city", "Essen")
    assert "1 updated" in out
    assert address("abteistrasse", 1).lat == pytest.approx(ABTEI_1[0] + 0.0009, abs=1e-4)


def test_dry_run_writes_nothing_and_says_what_would_be_created() -> None:
    out, _err = run(ESSEN, "--city", "Essen", "--dry-run")
    assert out.startswith("Dry run, nothing written")
    assert "2429 created" in out
    assert Address.objects.count() == 0


def _bad_number(features: list[Any]) -> None:
    features[10]["properties"]["hsnr"] = "zehn"


def test_an_invalid_record_stops_the_import_naming_file_record_and_field(tmp_path: Path) -> None:
    error, err = failure(essen_copy(tmp_path, _bad_number), "--city", "Essen")
    assert "essen.geojson, field features[10].hsnr: is not a house number: 'zehn'" in err
    assert "--skip-invalid" in error
    assert Address.objects.count() == 0


def test_skip_invalid_imports_the_rest_and_lists_the_skipped(tmp_path: Path) -> None:
    out, err = run(essen_copy(tmp_path, _bad_number), "--city", "Essen", "--skip-invalid")
    assert "Skipped: essen.geojson, field features[10].hsnr" in err
    assert "1 invalid" in out
    assert Address.objects.count() == 2428


def test_a_file_that_cannot_be_read_fails_even_when_skipping(tmp_path: Path) -> None:
    broken = tmp_path / "broken.geojson"
    broken.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    _error, err = failure(broken, "--city", "Essen", "--skip-invalid")
    assert "broken.geojson: cannot be read" in err
    _error, err = failure(tmp_path / "missing.geojson", "--city", "Essen", "--skip-invalid")
    assert "missing.geojson: cannot be read" in err
    assert Address.objects.count() == 0


def test_a_file_without_any_address_fails(tmp_path: Path) -> None:
    empty = tmp_path / "empty.geojson"
    empty.write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8")
    _error, err = failure(empty, "--city", "Essen", "--skip-invalid")
    assert "empty.geojson: holds no address to import" in err


def test_a_wrong_crs_puts_points_outside_germany_and_says_so() -> None:
    _error, err = failure(ESSEN, "--city", "Essen", "--crs", "EPSG:25832")
    assert "field features[5].geometry: (32359252.047, 5701464.014) in EPSG:25832" in err
    assert "lies outside Germany" in err


def test_an_unknown_crs_is_named() -> None:
    _error, err = failure(ESSEN, "--city", "Essen", "--crs", "EPSG:999999", "--skip-invalid")
    assert "unknown coordinate reference system 'EPSG:999999'" in err


def test_duplicates_in_a_file_are_counted_once(tmp_path: Path) -> None:
    def doubled(features: list[Any]) -> None:
        features.append(features[5])

    out, _err = run(essen_copy(tmp_path, doubled), "--city", "Essen")
    assert "1 duplicates" in out
    assert Address.objects.count() == 2429


# --- HK-DE ------------------------------------------------------------------------------------


def test_hk_de_reads_both_utm_zones_from_the_easting() -> None:
    out, _err = run(HK_DE, "--format", "hk-de")
    berlin = Address.objects.get(city="Berlin")
    assert (berlin.street, berlin.house_number, berlin.postcode) == ("Aachener Straße", 1, "10713")
    assert (berlin.lat, berlin.lon) == pytest.approx((52.4821875, 13.3183424), abs=1e-6)
    essen = address("abteistrasse", 1)
    assert (essen.lat, essen.lon) == pytest.approx(ABTEI_1, abs=1e-6)
    assert "7 addresses read" in out


def test_hk_de_and_the_essen_geojson_are_one_address() -> None:
    run(ESSEN, "--city", "Essen")
    out, _err = run(HK_DE)
    assert "1 created, 6 updated" in out
    assert address("abteistrasse", 1).street == "Abteistraße"


def _hk_de_line(*, east: str = "32360890,313", columns: int = 18) -> str:
    fields = ["N", "DENW1", "A", "05", "1", "13", "000", "0000", "00002", "1", "", east,
              "5694806,245", "Abteistraße", "", "Essen", "", ""]  # fmt: skip
    return ";".join(fields[:columns]) + "\n"


def test_hk_de_line_with_too_few_columns_is_named(tmp_path: Path) -> None:
    path = tmp_path / "hk.csv"
    path.write_text(_hk_de_line() + _hk_de_line(columns=12), encoding="utf-8")
    _error, err = failure(path)
    assert "hk.csv, line 2: has 12 columns, HK-DE has at least 16" in err


def test_hk_de_bad_coordinate_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "hk.csv"
    path.write_text(_hk_de_line(east="abc"), encoding="utf-8")
    _error, err = failure(path)
    assert "hk.csv, line 1, field EEEEEEEE,EEE: is not a coordinate: 'abc'" in err


def test_hk_de_easting_without_zone_asks_for_the_crs(tmp_path: Path) -> None:
    path = tmp_path / "hk.csv"
    path.write_text(_hk_de_line(east="360890,313"), encoding="utf-8")
    _error, err = failure(path)
    assert "line 1, field EEEEEEEE,EEE: has no UTM zone 32 or 33" in err
    run(path, "--crs", "EPSG:25832")
    assert (address("abteistrasse", 1).lat, address("abteistrasse", 1).lon) == pytest.approx(
        ABTEI_1, abs=1e-6
    )


def test_hk_de_in_latin_1_with_its_encoding(tmp_path: Path) -> None:
    path = tmp_path / "hk.txt"
    path.write_bytes(_hk_de_line().encode("latin-1"))
    _error, err = failure(path)
    assert "is not utf-8-sig text" in err
    run(path, "--encoding", "latin-1")
    assert address("abteistrasse", 1).street == "Abteistraße"


# --- OpenStreetMap ----------------------------------------------------------------------------


def _tags(street: str, number: str, **more: str) -> dict[str, str]:
    return {"addr:street": street, "addr:housenumber": number, "addr:city": "Essen", **more}


def test_overpass_nodes_and_ways_with_their_centre(tmp_path: Path) -> None:
    street = "Kettwiger Straße"
    elements = [
        {"type": "node", "id": 1, "lat": 51.45, "lon": 7.01,
         "tags": _tags(street, "10a", **{"addr:postcode": "45127"})},
        {"type": "way", "id": 2, "center": {"lat": 51.46, "lon": 7.02},
         "tags": _tags(street, "12;14")},
        {"type": "node", "id": 3, "lat": 51.47, "lon": 7.03, "tags": {"amenity": "bench"}},
    ]  # fmt: skip
    path = tmp_path / "overpass.json"
    path.write_text(json.dumps({"version": 0.6, "elements": elements}), encoding="utf-8")
    out, _err = run(path)
    assert format_guess(path) == "overpass"
    kettwiger = address("kettwigerstrasse", 10, "a")
    assert (kettwiger.postcode, kettwiger.lat, kettwiger.lon) == ("45127", 51.45, 7.01)
    assert address("kettwigerstrasse", 14).lat == 51.46
    assert "3 addresses read" in out
    assert "1 without house number" in out


def test_overpass_way_without_centre_is_a_problem(tmp_path: Path) -> None:
    elements = [{"type": "way", "id": 2, "tags": _tags("Kettwiger Straße", "12")}]
    path = tmp_path / "overpass.json"
    path.write_text(json.dumps({"elements": elements}), encoding="utf-8")
    _error, err = failure(path)
    assert "overpass.json, field way/2.center: has no coordinates (use 'out center')" in err


def test_osm_pbf_nodes_and_building_ways(tmp_path: Path) -> None:
    import osmium

    path = tmp_path / "extract.osm.pbf"
    writer = osmium.SimpleWriter(str(path))
    corners = [(1, 7.000, 51.450), (2, 7.002, 51.450), (3, 7.002, 51.452), (4, 7.000, 51.452)]
    for ref, lon, lat in corners:
        writer.add_node(osmium.osm.mutable.Node(id=ref, location=(lon, lat), tags={}))
    writer.add_node(
        osmium.osm.mutable.Node(
            id=5, location=(7.01, 51.46), tags=_tags("Rüttenscheider Str.", "3")
        )
    )
    writer.add_way(
        osmium.osm.mutable.Way(id=6, nodes=[1, 2, 3, 4, 1], tags=_tags("Rüttenscheider Str.", "5"))
    )
    writer.close()
    assert format_guess(path) == "osm-pbf"
    run(path)
    assert (address("ruettenscheiderstrasse", 3).lat, address("ruettenscheiderstrasse", 3).lon) == (
        pytest.approx(51.46),
        pytest.approx(7.01),
    )
    building = address("ruettenscheiderstrasse", 5)
    assert (building.lat, building.lon) == (pytest.approx(51.451), pytest.approx(7.001))


def test_osm_pbf_that_cannot_be_read_fails(tmp_path: Path) -> None:
    path = tmp_path / "broken.osm.pbf"
    path.write_bytes(b"not a pbf")
    _error, err = failure(path, "--skip-invalid")
    assert "broken.osm.pbf: cannot be read" in err


def test_format_is_guessed_from_the_name() -> None:
    assert [format_guess(ESSEN), format_guess(HK_DE)] == ["geojson", "hk-de"]


# --- Addresses of places ----------------------------------------------------------------------


def _known(street_address: str, city: str = "Essen", lat: float = 51.45) -> KnownAddress:
    return KnownAddress(street_address, "45127", city, lat, 7.01)


def test_places_add_the_addresses_the_index_lacks() -> None:
    added = addresses_from_places(
        [_known("Kettwiger Str. 10 a"), _known("Kettwiger Straße 10a"), _known("Markt 1")],
        source="demo: places",
    )
    assert added == 2
    kettwiger = address("kettwigerstrasse", 10, "a")
    assert (kettwiger.street, kettwiger.postcode, kettwiger.lat) == (
        "Kettwiger Str.",
        "45127",
        51.45,
    )
    assert kettwiger.source == "demo: places"


def test_places_leave_known_addresses_as_they_are() -> None:
    run(ESSEN, "--city", "Essen")
    before = address("abteistrasse", 7)
    assert addresses_from_places([_known("Abteistraße 7")], source="places") == 0
    assert (address("abteistrasse", 7).lat, address("abteistrasse", 7).source) == (
        before.lat,
        before.source,
    )


def test_places_without_number_city_or_point_in_germany_are_left_out() -> None:
    places = [_known("Kettwiger Straße"), _known("Markt 1", city=" "), _known("Markt 1", lat=0.0)]
    assert addresses_from_places(places, source="places") == 0
    assert Address.objects.count() == 0


def test_hk_de_withdrawn_houses_are_removed_and_changed_ones_updated(tmp_path: Path) -> None:
    run(HK_DE)
    update = tmp_path / "hk-update.csv"
    moved = _hk_de_line().replace("5694806,245", "5694906,245").replace("N;", "B;", 1)
    gone = _hk_de_line().replace(";1;;32360890", ";3;;32360900").replace("N;", "A;", 1)
    update.write_text(moved + gone, encoding="utf-8")
    out, _err = run(update, "--dry-run")
    assert "0 created, 1 updated, 0 unchanged, 1 removed as withdrawn" in out
    assert Address.objects.filter(street_key="abteistrasse", house_number=3).exists()
    run(update)
    assert not Address.objects.filter(street_key="abteistrasse", house_number=3).exists()
    assert address("abteistrasse", 1).lat > ABTEI_1[0]
    assert Address.objects.count() == 6


def test_hk_de_unknown_change_mark_is_named(tmp_path: Path) -> None:
    path = tmp_path / "hk.csv"
    path.write_text(_hk_de_line().replace("N;", "X;", 1), encoding="utf-8")
    _error, err = failure(path)
    assert "hk.csv, line 1, field NBA: is 'X', not N (new), B (changed) or A (withdrawn)" in err
