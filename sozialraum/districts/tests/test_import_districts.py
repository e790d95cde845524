"""`import_districts`: any city's boundaries from GeoJSON or a Shapefile, in any CRS.

The files are Flensburg's real ones (Stadt Flensburg via oklabflensburg/open-social-map,
CC0, shipped in the demo data) and Shapefiles written here from them in EPSG:25832."""

from __future__ import annotations

import json
import shutil
import zipfile
from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import numpy as np
import pyproj
import pytest
import shapefile
import shapely
from django.core.management import CommandError, call_command
from django.utils import translation

from sozialraum.districts.importers import FLENSBURG_DIR, read_flensburg
from sozialraum.districts.models import District, DistrictKind
from sozialraum.lib.geo import shape_from_geojson

STADTTEILE = FLENSBURG_DIR / "flensburg_stadtteile.geojson"
STADTBEZIRKE = FLENSBURG_DIR / "flensburg_stadtbezirke.geojson"
STADTTEIL_ARGS = ("--city", "Flensburg", "--kind", "district", "--name-field", "AREA_NAME")
UTM32 = "EPSG:25832"


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def run(*args: Any) -> tuple[str, str]:
    stdout, stderr = StringIO(), StringIO()
    call_command("import_districts", *map(str, args), stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


def fails(*args: Any) -> str:
    stderr = StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import_districts", *map(str, args), stdout=StringIO(), stderr=stderr)
    return f"{stderr.getvalue()}\n{caught.value}"


def collection(path: Path = STADTTEILE) -> dict[str, Any]:
    return dict(json.loads(path.read_text(encoding="utf-8")))


def write(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def to_utm(geometry: dict[str, Any]) -> shapely.Geometry:
    transformer = pyproj.Transformer.from_crs("EPSG:4326", UTM32, always_xy=True)

    def project(coords: np.ndarray) -> np.ndarray:
        return np.column_stack(transformer.transform(coords[:, 0], coords[:, 1]))

    return shapely.transform(shape_from_geojson(geometry), project)


def utm_collection() -> dict[str, Any]:
    """The Stadtteile with coordinates in EPSG:25832 (and no crs member)."""
    data = collection()
    for feature in data["features"]:
        feature["geometry"] = json.loads(shapely.to_geojson(to_utm(feature["geometry"])))
    del data["crs"]
    return data


def write_shapefile(stem: Path, *, prj: bool = True, encoding: str = "utf-8") -> Path:
    """The Stadtteile as a Shapefile in EPSG:25832; ``.prj`` as QGIS writes it."""
    with shapefile.Writer(str(stem), shapeType=shapefile.POLYGON, encoding=encoding) as writer:
        writer.field("AREA_ID", "C", 20)
        writer.field("NAME", "C", 80)
        for feature in collection()["features"]:
            shape = to_utm(feature["geometry"])
            rings = [
                list(ring.coords)
                for polygon in shapely.get_parts(shape)
                for ring in (polygon.exterior, *polygon.interiors)
            ]
            writer.poly(rings)
            props = feature["properties"]
            writer.record(props["AREA_ID"], props["AREA_NAME"])
    if prj:
        wkt = pyproj.CRS(UTM32).to_wkt(pyproj.enums.WktVersion.WKT1_ESRI)
        stem.with_suffix(".prj").write_text(wkt, encoding="ascii")
    return stem.with_suffix(".shp")


def areas(kind: str = DistrictKind.DISTRICT) -> dict[str, float | None]:
    return dict(District.objects.filter(kind=kind).values_list("code", "area_km2"))


def preset_areas() -> dict[str, float | None]:
    """The Stadtteile's areas as the Flensburg preset reads them."""
    parsed = read_flensburg()
    return {d.code: d.area_km2 for d in parsed.districts if d.kind == DistrictKind.DISTRICT}


def boundary(district: District) -> shapely.Geometry:
    assert district.boundary is not None, district.code
    return shape_from_geojson(district.boundary)


@pytest.mark.django_db
def test_geojson_creates_the_city_and_its_stadtteile_as_the_flensburg_preset_does() -> None:
    out, _ = run(STADTTEILE, *STADTTEIL_ARGS, "--code-field", "AREA_ID")
    assert "Flensburg: 14 districts created" in out
    city = District.objects.get(code="flensburg")
    assert (city.kind, city.slug, city.parent) == (DistrictKind.CITY, "flensburg", None)
    assert areas() == preset_areas()
    nordstadt = District.objects.get(code="flensburg:STGT03")
    assert (nordstadt.name, nordstadt.parent, nordstadt.slug) == (
        "03 Nordstadt",
        city,
        "flensburg-03-nordstadt",
    )
    union = shapely.union_all([boundary(d) for d in city.children.all()])
    assert boundary(city).symmetric_difference(union).area < 1e-9


@pytest.mark.django_db
def test_stadtbezirke_belong_to_the_stadtteil_their_parent_field_names() -> None:
    run(STADTTEILE, *STADTTEIL_ARGS, "--code-field", "AREA_ID")
    out, err = run(
        STADTBEZIRKE,
        *("--city", "Flensburg", "--kind", "borough", "--name-field", "AREA_NAME"),
        *("--code-field", "AREA_ID", "--parent-field", "PARENT_ARE", "--parent-kind", "district"),
    )
    assert "41 districts created" in out
    parent = District.objects.get(code="flensburg:STBZ011").parent
    assert parent is not None and parent.code == "flensburg:STGT01"
    # the two self-intersecting rings of the real file are repaired and named
    assert "2 boundaries repaired" in out
    assert "flensburg_stadtbezirke.geojson, field features[19].geometry: was not a valid" in err


@pytest.mark.django_db
def test_a_parent_the_city_does_not_have_is_a_problem_and_nothing_is_written() -> None:
    message = fails(
        STADTBEZIRKE,
        *("--city", "Flensburg", "--kind", "borough", "--name-field", "AREA_NAME"),
        *("--parent-field", "PARENT_ARE", "--parent-kind", "district"),
    )
    assert (
        "flensburg_stadtbezirke.geojson, field features[0].properties.PARENT_ARE: "
        'PARENT_ARE "STGT01" is not a District' in message
    )
    assert not District.objects.exists()


@pytest.mark.django_db
def test_parent_field_without_parent_kind_is_refused() -> None:
    message = fails(STADTBEZIRKE, *STADTTEIL_ARGS, "--parent-field", "PARENT_ARE")
    assert "--parent-field and --parent-kind go together" in message


@pytest.mark.django_db
def test_a_wrong_field_name_lists_the_fields_the_file_has() -> None:
    message = fails(STADTTEILE, "--city", "Flensburg", "--kind", "district", "--name-field", "NAME")
    assert (
        'flensburg_stadtteile.geojson: has no field "NAME"; its fields are: AREA_ID, AREA_NAME, '
        "PARENT_ARE," in message
    )
    assert not District.objects.exists()


@pytest.mark.django_db
def test_without_a_code_field_the_name_is_the_code() -> None:
    run(STADTTEILE, *STADTTEIL_ARGS)
    assert District.objects.filter(code="flensburg:03-nordstadt").exists()


@pytest.mark.django_db
def test_a_shapefile_in_utm_with_prj_gives_the_areas_of_the_geojson(tmp_path: Path) -> None:
    path = write_shapefile(tmp_path / "stadtteile")
    out, _ = run(path, "--city", "Flensburg", "--kind", "district", "--name-field", "NAME",
                 "--code-field", "AREA_ID")  # fmt: skip
    assert "14 districts created" in out
    expected = preset_areas()
    assert areas().keys() == expected.keys()
    for code, area in areas().items():
        assert area == pytest.approx(expected[code], rel=1e-4), code


@pytest.mark.django_db
def test_a_zipped_shapefile_is_read_like_the_files(tmp_path: Path) -> None:
    path = write_shapefile(tmp_path / "stadtteile")
    archive = tmp_path / "stadtteile.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for part in tmp_path.glob("stadtteile.*"):
            if part != archive:
                zipped.write(part, f"export/{part.name}")
    run(archive, "--city", "Flensburg", "--kind", "district", "--name-field", "NAME")
    assert path.exists()
    assert District.objects.get(code="flensburg:03-nordstadt").area_km2 == pytest.approx(
        preset_areas()["flensburg:STGT03"], rel=1e-4
    )


@pytest.mark.django_db
def test_a_shapefile_without_prj_needs_crs(tmp_path: Path) -> None:
    path = write_shapefile(tmp_path / "stadtteile", prj=False)
    args = (path, "--city", "Flensburg", "--kind", "district", "--name-field", "NAME")
    assert "stadtteile.shp: has no .prj file; give its CRS with --crs" in fails(*args)
    assert not District.objects.exists()
    run(*args, "--crs", "25832")
    assert District.objects.filter(kind=DistrictKind.DISTRICT).count() == 13


@pytest.mark.django_db
def test_shapefile_attributes_in_latin1_need_their_encoding(tmp_path: Path) -> None:
    path = write_shapefile(tmp_path / "stadtteile", encoding="latin-1")
    args = (path, "--city", "Flensburg", "--kind", "district", "--name-field", "NAME")
    assert "stadtteile.shp: attributes of records[3] are not utf-8 text" in fails(*args)
    run(*args, "--encoding", "latin-1")
    assert District.objects.filter(name="09 Jürgensby").exists()


@pytest.mark.django_db
def test_geojson_with_a_legacy_crs_member_is_transformed(tmp_path: Path) -> None:
    data = utm_collection()
    data["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25832"}}
    run(write(tmp_path / "utm.geojson", data), *STADTTEIL_ARGS, "--code-field", "AREA_ID")
    for code, area in preset_areas().items():
        assert areas()[code] == pytest.approx(area, rel=1e-4), code


@pytest.mark.django_db
def test_coordinates_in_another_crs_than_declared_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "utm.geojson", utm_collection())
    message = fails(path, *STADTTEIL_ARGS, "--skip-invalid")
    assert "utm.geojson, field features[0].geometry: lies outside Germany" in message
    assert "utm.geojson: holds no valid area" in message
    assert not District.objects.exists()
    run(path, *STADTTEIL_ARGS, "--crs", "EPSG:25832")
    assert District.objects.count() == 14


@pytest.mark.django_db
def test_an_invalid_polygon_is_repaired_and_reported(tmp_path: Path) -> None:
    data = collection()
    min_lon, min_lat, max_lon, max_lat = shape_from_geojson(data["features"][0]["geometry"]).bounds
    bowtie = [[min_lon, min_lat], [max_lon, max_lat], [max_lon, min_lat], [min_lon, max_lat]]
    data["features"][0]["geometry"] = {"type": "Polygon", "coordinates": [[*bowtie, bowtie[0]]]}
    out, err = run(write(tmp_path / "bowtie.geojson", data), *STADTTEIL_ARGS)
    assert "1 boundaries repaired" in out
    assert "bowtie.geojson, field features[0].geometry: was not a valid polygon" in err
    repaired = District.objects.get(code="flensburg:03-nordstadt")
    assert boundary(repaired).is_valid


@pytest.mark.django_db
def test_an_invalid_area_stops_the_import_unless_skipped(tmp_path: Path) -> None:
    data = collection()
    data["features"][2]["geometry"] = {"type": "Point", "coordinates": [9.4, 54.8]}
    path = write(tmp_path / "point.geojson", data)
    message = fails(path, *STADTTEIL_ARGS)
    assert "point.geojson, field features[2].geometry: is not a polygon" in message
    assert not District.objects.exists()
    out, err = run(path, *STADTTEIL_ARGS, "--skip-invalid")
    assert "13 districts created" in out
    assert "1 invalid entries skipped" in out
    assert "Skipped: point.geojson, field features[2].geometry" in err


@pytest.mark.django_db
def test_a_reimport_updates_by_code_and_reports_the_area_change(tmp_path: Path) -> None:
    run(STADTTEILE, *STADTTEIL_ARGS, "--code-field", "AREA_ID")
    before = District.objects.get(code="flensburg:STGT03").area_km2
    out, _ = run(STADTTEILE, *STADTTEIL_ARGS, "--code-field", "AREA_ID")
    assert "0 districts created, 0 updated, 14 unchanged" in out
    data = collection()
    data["features"] = [f for f in data["features"] if f["properties"]["AREA_ID"] == "STGT03"]
    nordstadt = shape_from_geojson(data["features"][0]["geometry"])
    data["features"][0]["geometry"] = json.loads(shapely.to_geojson(nordstadt.buffer(-0.001)))
    out, _ = run(
        write(tmp_path / "smaller.geojson", data), *STADTTEIL_ARGS, "--code-field", "AREA_ID"
    )
    after = District.objects.get(code="flensburg:STGT03").area_km2
    assert before is not None and after is not None and after < before
    assert f"03 Nordstadt (flensburg:STGT03): area {before:.4f} km² -> {after:.4f} km²" in out
    assert District.objects.filter(kind=DistrictKind.DISTRICT).count() == 13


@pytest.mark.django_db
def test_a_dry_run_reports_and_writes_nothing() -> None:
    out, _ = run(STADTTEILE, *STADTTEIL_ARGS, "--dry-run")
    assert out.startswith("Dry run, nothing written. Flensburg: 14 districts created")
    assert not District.objects.exists()


@pytest.mark.django_db
def test_several_cities_live_side_by_side(tmp_path: Path) -> None:
    run(STADTTEILE, *STADTTEIL_ARGS, "--code-field", "AREA_ID")
    data = collection()  # the same areas moved to the south of Germany, as another city
    for feature in data["features"]:
        moved = shapely.affinity.translate(
            shape_from_geojson(feature["geometry"]), xoff=1.5, yoff=-6.5
        )
        feature["geometry"] = json.loads(shapely.to_geojson(moved))
    path = write(tmp_path / "other.geojson", data)
    run(path, "--city", "Mühlstadt", "--kind", "district", "--name-field", "AREA_NAME",
        "--code-field", "AREA_ID")  # fmt: skip
    assert District.objects.get(code="muehlstadt").children.count() == 13
    assert District.objects.get(code="flensburg").children.count() == 13
    assert District.objects.get(code="muehlstadt:STGT03").slug == "muehlstadt-03-nordstadt"


@pytest.mark.django_db
def test_a_slug_another_district_uses_gets_the_code_appended(tmp_path: Path) -> None:
    run(STADTTEILE, *STADTTEIL_ARGS, "--code-field", "AREA_ID")
    path = tmp_path / "copy.geojson"
    shutil.copy(STADTTEILE, path)
    run(path, "--city", "Flensburg", "--kind", "quarter", "--name-field", "AREA_NAME",
        "--code-field", "LEVEL_ID", "--skip-invalid")  # fmt: skip
    quarter = District.objects.get(code="flensburg:STGT")
    assert quarter.slug == "flensburg-03-nordstadt-stgt"


@pytest.mark.django_db
def test_a_file_that_is_neither_geojson_nor_shapefile_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "areas.csv"
    path.write_text("a,b\n", encoding="utf-8")
    assert "areas.csv: is neither GeoJSON" in fails(path, *STADTTEIL_ARGS)


class Terminal(StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.django_db
def test_a_long_run_on_a_terminal_shows_a_progress_bar(tmp_path: Path) -> None:
    data = collection()
    data["features"] = data["features"] * 8  # 104 features: 91 of them twice or more
    stderr = Terminal()
    call_command(
        "import_districts",
        write(tmp_path / "many.geojson", data),
        *STADTTEIL_ARGS,
        "--skip-invalid",
        stdout=StringIO(),
        stderr=stderr,
    )
    assert f"\rmany.geojson [{'#' * 30}] 104/104\n" in stderr.getvalue()
