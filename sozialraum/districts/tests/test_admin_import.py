"""The administration's import page: platform operators upload a boundary file or a
population table, see a dry-run preview, and confirm; nothing is written before that.

Files: Flensburg's shipped Stadtteile (CC0) and the reshaped 2021 table in ``data/``."""

from __future__ import annotations

import os
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from sozialraum.accounts.tests.factories import (
    platform_operator,
    signed_in_client,
    user_with_role,
)
from sozialraum.districts.admin_import import PREVIEW_MAX_AGE, SESSION_KEY
from sozialraum.districts.importers import FLENSBURG_DIR, KIEL_PATH
from sozialraum.districts.models import District, PopulationCount

URL = "admin:districts_district_import"
STADTTEILE = FLENSBURG_DIR / "flensburg_stadtteile.geojson"
LONG = Path(__file__).parent / "data" / "flensburg_genesis_long.csv"


def upload(path: Path) -> SimpleUploadedFile:
    return SimpleUploadedFile(path.name, path.read_bytes())


def boundaries(**extra: Any) -> dict[str, Any]:
    return {
        "what": "boundaries",
        "file": upload(STADTTEILE),
        "city": "Flensburg",
        "kind": "district",
        "name_field": "AREA_NAME",
        "code_field": "AREA_ID",
        **extra,
    }


def population(**extra: Any) -> dict[str, Any]:
    return {
        "what": "population",
        "file": upload(LONG),
        "city": "Flensburg",
        "layout": "long",
        "district_field": "Stadtteil",
        "district_by": "name",
        "year_field": "Stichtag",
        "age_field": "Altersgruppe",
        "value_field": "Anzahl",
        "where": "Geschlecht=Insgesamt",
        **extra,
    }


@pytest.fixture
def operator() -> Client:
    return signed_in_client(platform_operator())


def preview(client: Client, data: dict[str, Any]) -> str:
    response = client.post(reverse(URL), data)
    assert response.status_code == 200
    return response.content.decode()


def confirm(client: Client) -> Any:
    token = client.session[SESSION_KEY]["token"]
    return client.post(reverse(URL), {"confirm": token})


@pytest.mark.django_db
def test_the_page_is_for_platform_operators_only() -> None:
    admin = signed_in_client(user_with_role("admin"))
    assert admin.get(reverse(URL)).status_code == 403
    assert admin.post(reverse(URL), boundaries()).status_code == 403
    assert not District.objects.exists()
    assert signed_in_client(platform_operator()).get(reverse(URL)).status_code == 200


@pytest.mark.django_db
def test_the_district_list_links_to_the_import(operator: Client) -> None:
    page = operator.get(reverse("admin:districts_district_changelist")).content.decode()
    assert reverse(URL) in page


@pytest.mark.django_db
def test_a_preview_writes_nothing_and_confirming_imports(operator: Client) -> None:
    page = preview(operator, boundaries())
    assert "Vorschau von flensburg_stadtteile.geojson" in page
    assert "Probelauf, nichts gespeichert. Flensburg: 14 Quartiere angelegt" in page
    assert not District.objects.exists()
    response = confirm(operator)
    assert response.status_code == 302
    assert response.headers["Location"] == reverse("admin:districts_district_changelist")
    assert District.objects.filter(code__startswith="flensburg:").count() == 13
    assert SESSION_KEY not in operator.session


@pytest.mark.django_db
def test_the_preview_lists_the_area_changes_of_a_reimport(operator: Client) -> None:
    preview(operator, boundaries(code_field=""))
    confirm(operator)
    District.objects.filter(code="flensburg:03-nordstadt").update(area_km2=1.0)
    page = preview(operator, boundaries(code_field=""))
    assert "03 Nordstadt (flensburg:03-nordstadt): Fläche 1.0000 km² -&gt;" in page


@pytest.mark.django_db
def test_problems_are_shown_and_nothing_can_be_confirmed(operator: Client) -> None:
    page = preview(operator, boundaries(name_field="NAME"))
    assert "hat kein Feld „NAME“; ihre Felder sind: AREA_ID, AREA_NAME" in page
    assert "Nichts kann importiert werden: 1 Problem." in page
    assert 'name="confirm"' not in page
    assert SESSION_KEY not in operator.session


@pytest.mark.django_db
def test_a_population_table_is_previewed_and_imported(operator: Client) -> None:
    preview(operator, boundaries())
    confirm(operator)
    page = preview(operator, population())
    assert "91 Zeilen wurden durch --where ausgelassen" in page
    assert "0 Quartiere angelegt" in page
    assert not PopulationCount.objects.exists()
    confirm(operator)
    assert (
        PopulationCount.objects.get(
            district__code="flensburg:STGT03", year=2021, age_from=0, age_to=None
        ).count
        == 12525
    )


@pytest.mark.django_db
def test_missing_options_and_wrong_files_are_form_errors(operator: Client) -> None:
    page = preview(operator, population(value_field="", where="Geschlecht"))
    assert "Zeile 1 hat nicht die Form SPALTE=WERT." in page
    page = preview(operator, population(file=upload(STADTTEILE)))
    assert "Die Datei muss auf .csv, .txt enden." in page
    assert SESSION_KEY not in operator.session


@pytest.mark.django_db
def test_a_confirmation_without_its_preview_imports_nothing(operator: Client) -> None:
    preview(operator, boundaries())
    response = operator.post(reverse(URL), {"confirm": "guessed"})
    assert response.status_code == 302
    assert response.headers["Location"] == reverse(URL)
    assert not District.objects.exists()


@pytest.mark.django_db
def test_an_abandoned_preview_is_removed_by_a_later_upload(operator: Client) -> None:
    preview(operator, boundaries())
    abandoned = Path(operator.session[SESSION_KEY]["path"]).parent
    assert abandoned.is_dir()
    other = signed_in_client(platform_operator())
    preview(other, boundaries())
    assert abandoned.is_dir(), "a recent preview is kept"
    old = time.time() - PREVIEW_MAX_AGE - 60
    os.utime(abandoned, (old, old))
    preview(other, boundaries())
    assert not abandoned.exists()
    assert Path(other.session[SESSION_KEY]["path"]).is_file()
    response = confirm(operator)
    assert response.headers["Location"] == reverse(URL)
    page = operator.get(reverse(URL)).content.decode()
    assert "Die Vorschau ist abgelaufen; bitte laden Sie die Datei erneut hoch." in page
    assert not District.objects.exists()
    assert SESSION_KEY not in operator.session


def zipped(folder: Path, target: Path) -> SimpleUploadedFile:
    """The files of ``folder`` as a .zip, in a subfolder as a zipped folder has them."""
    with zipfile.ZipFile(target, "w") as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, f"flensburg/{path.name}")
    return upload(target)


@pytest.mark.django_db
def test_the_kiel_preset_previews_and_imports_the_real_file(operator: Client) -> None:
    page = preview(operator, {"what": "population", "preset": "kiel", "file": upload(KIEL_PATH)})
    assert "Kiel: 31 Quartiere angelegt" in page
    assert "6300 Einwohnerzahlen gespeichert" in page
    assert not District.objects.exists()
    confirm(operator)
    assert PopulationCount.objects.count() == 6300
    bluecherplatz = District.objects.get(code="kiel:7")
    assert bluecherplatz.name == "Blücherplatz"


@pytest.mark.django_db
def test_the_flensburg_preset_takes_its_folder_as_a_zip(operator: Client, tmp_path: Path) -> None:
    data = {
        "what": "population",
        "preset": "flensburg",
        "file": zipped(FLENSBURG_DIR, tmp_path / "flensburg.zip"),
        "skip_invalid": "on",
    }
    page = preview(operator, data)
    assert "Flensburg: 55 Quartiere angelegt" in page
    assert "7602 passt nicht zu den übrigen Zahlen" in page  # Sandberg's contradicted total
    assert not PopulationCount.objects.exists()
    confirm(operator)
    assert PopulationCount.objects.count() == 396
    sandberg_2021 = PopulationCount.objects.get(
        district__code="flensburg:STGT08", year=2021, age_from=0, age_to=None
    )
    assert sandberg_2021.count == 6702


@pytest.mark.django_db
def test_a_preset_refuses_table_fields_and_other_files(operator: Client, tmp_path: Path) -> None:
    page = preview(
        operator,
        {"what": "population", "preset": "kiel", "file": upload(KIEL_PATH), "city": "Kiel"},
    )
    assert "Bei einer Vorlage bitte leer lassen." in page
    page = preview(operator, {"what": "population", "preset": "flensburg", "file": upload(LONG)})
    assert "Die Datei muss auf .zip enden." in page
    broken = tmp_path / "flensburg.zip"
    broken.write_bytes(b"no zip")
    page = preview(operator, {"what": "population", "preset": "flensburg", "file": upload(broken)})
    assert "flensburg.zip: ist keine .zip-Datei" in page
    assert SESSION_KEY not in operator.session
    assert not District.objects.exists()
