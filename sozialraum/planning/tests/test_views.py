"""The planning pages: who may open the dashboard, record findings and measures, and
what they show; the dashboard's queries do not grow with the number of districts."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from sozialraum.accounts.models import Organisation
from sozialraum.accounts.tests.factories import (
    DistrictTeamFactory,
    OrganisationFactory,
    signed_in_client,
    user_with_role,
)
from sozialraum.directory.tests.factories import square_district
from sozialraum.districts.models import District
from sozialraum.districts.page_links import district_links
from sozialraum.lib.access import Role
from sozialraum.planning.district_links import measure_links
from sozialraum.planning.models import Finding, Measure, MeasureStatus, Theme

from .conftest import SmallCity

pytestmark = pytest.mark.django_db


def _client(role: str, organisation: Organisation | None = None) -> Client:
    return signed_in_client(user_with_role(role, organisation))


def _finding(district: District, organisation: Organisation | None = None) -> Finding:
    return Finding.objects.create(
        district=district,
        theme=Theme.LONELINESS,
        text="Ältere finden keinen Treffpunkt (fiktiv).",
        evidence="Zwölf Anrufe (fiktiv).",
        organisation=organisation or OrganisationFactory.create(),
    )


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.PLANNER, True),
        (Role.ADMIN, True),
        (Role.WORKER, False),
        (Role.COORDINATOR, False),
        (Role.PROVIDER_EDITOR, False),
        (Role.RESIDENT, False),
    ],
)
def test_only_the_planning_office_opens_the_dashboard(
    small_city: SmallCity, role: str, allowed: bool
) -> None:
    client = _client(role)
    urls = [
        reverse("planning:city"),
        reverse("planning:city_csv"),
        reverse("planning:city_print"),
        reverse("planning:city_pdf"),
        reverse("planning:district", args=["altstadt"]),
        reverse("planning:district_csv", args=["altstadt"]),
        reverse("planning:district_print", args=["altstadt"]),
        reverse("planning:district_pdf", args=["altstadt"]),
        reverse("api:planning_figures", args=["altstadt"]),
    ]
    for url in urls:
        assert (client.get(url).status_code == 200) is allowed, url


def test_the_city_dashboard_shows_the_figures_and_the_legend_of_the_dot(
    small_city: SmallCity,
) -> None:
    page = _client(Role.PLANNER).get(reverse("planning:city")).content.decode()
    assert "Altstadt" in page and "Berg" in page and "Teststadt" in page
    assert 'href="/planung/quartier/altstadt/"' in page
    assert "DIN 55301" in page


def test_the_district_page_compares_the_district_with_the_city(small_city: SmallCity) -> None:
    page = _client(Role.PLANNER).get(reverse("planning:district", args=["altstadt"]))
    assert page.status_code == 200
    assert "Altstadt" in page.content.decode()


def test_a_district_the_city_does_not_compare_is_not_found(small_city: SmallCity) -> None:
    client = _client(Role.PLANNER)
    assert client.get(reverse("planning:district", args=["altstadt-nord"])).status_code == 404
    assert client.get(reverse("api:planning_figures", args=["nowhere"])).status_code == 404


def test_the_district_csv_is_a_download_of_the_district_and_the_city(
    small_city: SmallCity,
) -> None:
    response = _client(Role.PLANNER).get(reverse("planning:district_csv", args=["altstadt"]))
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="zahlen-altstadt.csv"' in response["Content-Disposition"]
    body = response.content.decode()
    assert ",altstadt," in body and ",teststadt," in body and ",berg," not in body


def test_the_api_gives_the_districts_figures_beside_the_citys(small_city: SmallCity) -> None:
    response = _client(Role.PLANNER).get(reverse("api:planning_figures", args=["altstadt"]))
    data = response.json()
    assert data["district"] == {"slug": "altstadt", "name": "Altstadt"}
    rates = next(f for f in data["figures"] if f["key"] == "offer_rates")
    assert rates["district"]["offers"] == {"value": 2, "status": "publishable", "count": 2}
    assert rates["city"]["offers"]["value"] == 4


def _city_queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("planning:city")).status_code == 200
    return len(queries)


def test_the_city_dashboard_reads_as_many_queries_for_two_districts_as_for_six(
    small_city: SmallCity, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    client = _client(Role.PLANNER)
    _city_queries(client)  # profiles are kept per process after the first call
    two = _city_queries(client)
    for n in range(4):
        square_district(9.44 + n * 0.02, 54.78, name=f"Neu {n}", parent=small_city.city)
    _city_queries(client)
    assert _city_queries(client) == two
    with django_assert_max_num_queries(40):
        client.get(reverse("planning:city"))


def test_a_provider_records_a_finding_and_sees_only_their_organisations(
    small_city: SmallCity,
) -> None:
    provider = user_with_role(Role.PROVIDER_EDITOR)
    client = signed_in_client(provider)
    response = client.post(
        reverse("planning:finding_add"),
        {
            "district": small_city.altstadt.pk,
            "theme": Theme.CARE,
            "text": "Pflegedienste nehmen niemanden mehr auf (fiktiv).",
            "evidence": "Drei Absagen in einer Woche (fiktiv).",
            "organisation": provider.memberships.get().organisation_id,
        },
    )
    finding = Finding.objects.get()
    assert response.status_code == 302 and response["Location"] == finding.get_absolute_url()
    assert finding.recorded_by == provider
    foreign = _finding(small_city.berg)
    assert client.get(finding.get_absolute_url()).status_code == 200
    assert client.get(foreign.get_absolute_url()).status_code == 403
    listing = client.get(reverse("planning:findings")).content.decode()
    assert "Pflegedienste" in listing and "Treffpunkt" not in listing


def test_a_finding_cannot_be_recorded_for_a_foreign_organisation(small_city: SmallCity) -> None:
    client = _client(Role.WORKER)
    foreign = OrganisationFactory.create()
    client.post(
        reverse("planning:finding_add"),
        {
            "district": small_city.altstadt.pk,
            "theme": Theme.CARE,
            "text": "x",
            "evidence": "y",
            "organisation": foreign.pk,
        },
    )
    assert not Finding.objects.exists()


def test_the_planner_groups_a_finding_and_a_provider_cannot(small_city: SmallCity) -> None:
    provider = user_with_role(Role.PROVIDER_EDITOR)
    finding = _finding(small_city.altstadt, provider.memberships.get().organisation)
    response = signed_in_client(provider).post(finding.get_absolute_url(), {"group": "A"})
    assert response.status_code == 403
    _client(Role.PLANNER).post(finding.get_absolute_url(), {"group": "Treffpunkte fehlen"})
    finding.refresh_from_db()
    assert finding.group == "Treffpunkte fehlen"


@pytest.mark.parametrize("role", [Role.PROVIDER_EDITOR, Role.WORKER, Role.COORDINATOR, Role.ADMIN])
def test_only_a_planner_records_a_measure(small_city: SmallCity, role: str) -> None:
    response = _client(role).post(reverse("planning:measure_add"), {"title": "x"})
    assert response.status_code == 403
    assert not Measure.objects.exists()


def test_a_planner_records_a_measure_that_shows_on_the_districts_public_page(
    small_city: SmallCity,
) -> None:
    finding = _finding(small_city.altstadt)
    response = _client(Role.PLANNER).post(
        reverse("planning:measure_add"),
        {
            "title": "Mittagstisch in der Altstadt (fiktiv)",
            "districts": [small_city.altstadt.pk],
            "reason": "Ältere finden keinen Treffpunkt.",
            "budget": "12000",
            "owner": "Sozialplanung",
            "status": MeasureStatus.DECIDED,
            "decided_on": "2026-12-01",
            "findings": [finding.pk],
        },
    )
    measure = Measure.objects.get()
    assert response["Location"] == measure.get_absolute_url()
    assert list(measure.findings.all()) == [finding]
    links = district_links(small_city.altstadt)
    assert [link.url for link in links if "planung" in link.url] == [
        reverse("planning:district_measures", args=["altstadt"])
    ]
    public = Client().get(reverse("planning:district_measures", args=["altstadt"]))
    assert "Mittagstisch in der Altstadt" in public.content.decode()
    detail = Client().get(measure.get_absolute_url()).content.decode()
    assert "Sozialplanung" in detail and "Ältere finden keinen Treffpunkt" in detail
    assert "Zwölf Anrufe" not in detail
    assert district_links(small_city.berg) == [] or all(
        "planung" not in link.url for link in district_links(small_city.berg)
    )


def test_the_district_team_sees_the_measures_of_its_districts_on_its_start_page(
    small_city: SmallCity,
) -> None:
    worker = user_with_role(Role.WORKER)
    team = DistrictTeamFactory.create()
    team.districts.set([small_city.altstadt])
    team.members.set(worker.memberships.all())
    measure = Measure.objects.create(title="Bank am Markt (fiktiv)", reason="r", owner="o")
    measure.districts.set([small_city.altstadt])
    elsewhere = Measure.objects.create(title="Bank am Berg (fiktiv)", reason="r", owner="o")
    elsewhere.districts.set([small_city.berg])
    page = signed_in_client(worker).get(reverse("start")).content.decode()
    assert "Bank am Markt" in page and "Bank am Berg" not in page
    outsider = signed_in_client(user_with_role(Role.WORKER)).get(reverse("start"))
    assert "Bank am Markt" not in outsider.content.decode()


def test_the_planner_sees_every_finding_under_its_group(small_city: SmallCity) -> None:
    grouped = _finding(small_city.altstadt)
    grouped.group = "Treffpunkte fehlen"
    grouped.save()
    _finding(small_city.berg)
    page = _client(Role.PLANNER).get(reverse("planning:findings")).content.decode()
    assert page.index("Treffpunkte fehlen") < page.index("Noch keiner Gruppe zugeordnet")
    assert page.count("Ältere finden keinen Treffpunkt") == 2


def test_a_district_page_links_its_measures_with_one_query(
    small_city: SmallCity, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    measure = Measure.objects.create(title="Bank (fiktiv)", reason="r", owner="o")
    measure.districts.set([small_city.altstadt])
    with django_assert_num_queries(1):
        links = measure_links(small_city.altstadt)
    assert [link.url for link in links] == ["/planung/massnahmen/quartier/altstadt/"]
