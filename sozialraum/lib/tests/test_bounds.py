"""Numbers from the outside are bounded: a page, offset or id too large for the database
is answered 400/404/422 with a message, never a server error."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import Resolver404, resolve

from sozialraum.accounts.tests.factories import signed_in_client, user_with_role
from sozialraum.directory.tests.factories import OfferFactory
from sozialraum.lib.access import Role
from sozialraum.lib.converters import MAX_ID

HUGE = "99999999999999999999"
BEYOND = str(MAX_ID + 1)


@pytest.fixture
def client_raising() -> Client:
    return Client(raise_request_exception=True)


@pytest.mark.django_db
def test_a_search_page_beyond_the_last_is_a_bad_request(client_raising: Client) -> None:
    response = client_raising.get("/angebote/", {"page": "9223372036854775807"})
    assert response.status_code == 400
    assert "page" in response.context["form"].errors


@pytest.mark.django_db
def test_the_last_search_page_is_answered(client_raising: Client) -> None:
    assert client_raising.get("/angebote/", {"page": "500"}).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("offset", [HUGE, "10001", "-1"])
def test_a_search_offset_out_of_range_is_refused_with_422(
    client_raising: Client, offset: str
) -> None:
    response = client_raising.get("/api/v1/offers/search", {"offset": offset})
    assert response.status_code == 422
    assert "offset" in response.content.decode()


@pytest.mark.django_db
def test_the_deepest_search_offset_is_answered(client_raising: Client) -> None:
    response = client_raising.get("/api/v1/offers/search", {"offset": "10000"})
    assert response.status_code == 200
    assert response.json()["hits"] == []


@pytest.mark.django_db
@pytest.mark.parametrize("page", [HUGE, "10001", "0"])
def test_an_hsds_page_out_of_range_is_refused_with_400(client_raising: Client, page: str) -> None:
    response = client_raising.get("/api/hsds/services", {"page": page})
    assert response.status_code == 400
    assert "page must be 1..10000" in response.json()["detail"]


@pytest.mark.django_db
def test_open_at_without_a_time_zone_is_read_as_local_time(client_raising: Client) -> None:
    OfferFactory.create(opening_hours="Mo-Su 08:00-20:00")
    response = client_raising.get("/api/v1/offers/search", {"open_at": "2025-03-03T10:00"})
    assert response.status_code == 200
    assert response.json()["total"] >= 0


def test_an_id_beyond_the_database_range_does_not_match_a_url() -> None:
    assert resolve(f"/angebote/{MAX_ID}/").kwargs == {"pk": MAX_ID}
    with pytest.raises(Resolver404):
        resolve(f"/angebote/{BEYOND}/")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        f"/angebote/{HUGE}/",
        f"/angebote/{BEYOND}/verlauf/",
        f"/personen/{HUGE}/",
        f"/personen/{BEYOND}/netzwerkkarte/",
        f"/personen/1/netzwerkkarte/version/{HUGE}/",
        f"/personen/1/netzwerkkarte/version/1/kontakt/{BEYOND}/",
        f"/api/v1/offers/{HUGE}",
        f"/api/v1/persons/{BEYOND}",
        f"/api/v1/persons/1/network-maps/{HUGE}/versions/1",
        f"/api/v1/plans/{BEYOND}/referrals",
    ],
)
def test_a_huge_id_in_any_url_is_not_found(url: str) -> None:
    client = signed_in_client(user_with_role(Role.ADMIN))
    assert client.get(url).status_code == 404
