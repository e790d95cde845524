"""The dashboard as PDF: the text read back from the file shows the page's published
figures, withheld ones as ``.`` with the DIN 55301 legend, the title, date and data
basis; only the planning office gets it."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from sozialraum.accounts.tests.factories import signed_in_client, user_with_role
from sozialraum.lib.access import Role
from sozialraum.plan.models import LifeArea
from sozialraum.plan.tests.pdf_text import pdf_text
from sozialraum.planning.models import Measure, MeasureStatus

from .conftest import SmallCity

pytestmark = pytest.mark.django_db


def _planner() -> Client:
    return signed_in_client(user_with_role(Role.PLANNER))


def _text(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    return " ".join(pdf_text(response.content).split())


def _area_name(code: str) -> str:
    return LifeArea.objects.get(code=code).plain_name


def test_the_district_pdf_sets_the_districts_figures_beside_the_citys(casework: SmallCity) -> None:
    measure = Measure.objects.create(
        title="Mittagstisch am Markt (fiktiv)",
        reason="Befunde.",
        owner="Sozialplanung",
        status=MeasureStatus.DECIDED,
    )
    measure.districts.set([casework.altstadt])
    text = _text(_planner(), reverse("planning:district_pdf", args=["altstadt"]))
    assert "Sozialplanung: Altstadt" in text
    assert "Stand: " in text and "Datengrundlage:" in text
    assert "DIN 55301" in text
    # Residents: 2,000 in Altstadt, 3,000 in the city; goals in d9: 3 and 7 persons.
    assert "Einwohner:innen 2.000 3.000" in text
    assert f"{_area_name('d9')} 3 7" in text
    # One person with a d5 goal in Altstadt: withheld there and in the city's sum.
    assert f"{_area_name('d5')} . ." in text
    assert "Mittagstisch am Markt (fiktiv)" in text


def test_the_city_pdf_has_a_row_per_district_and_withholds_what_the_page_withholds(
    casework: SmallCity,
) -> None:
    text = _text(_planner(), reverse("planning:city_pdf") + "?stadt=teststadt")
    assert "Sozialplanung: Teststadt" in text and "DIN 55301" in text
    assert "Altstadt 2.000 500 100" in text and "Berg 1.000 300 100" in text
    # Gap reasons in Berg: three "too far" (published) and one "full" (withheld, and
    # so is the city's, which would give it away); the city's row as Berg's.
    assert "Berg 3 0 0 0 0 . 0" in text
    assert "Teststadt 3 0 0 0 0 . 0" in text


def test_the_pages_link_their_pdf(small_city: SmallCity) -> None:
    client = _planner()
    city = client.get(reverse("planning:city")).content.decode()
    assert 'href="/planung/bericht.pdf?stadt=teststadt"' in city
    district = client.get(reverse("planning:district", args=["berg"])).content.decode()
    assert 'href="/planung/quartier/berg/bericht.pdf"' in district


@pytest.mark.parametrize("role", [Role.WORKER, Role.PROVIDER_EDITOR, Role.RESIDENT])
def test_nobody_but_the_planning_office_gets_the_pdf(small_city: SmallCity, role: str) -> None:
    client = signed_in_client(user_with_role(role))
    for url in (reverse("planning:city_pdf"), reverse("planning:district_pdf", args=["berg"])):
        response = client.get(url)
        assert response.status_code == 403, url
        assert not response.content.startswith(b"%PDF")
    assert Client().get(reverse("planning:city_pdf")).status_code in (302, 403)
