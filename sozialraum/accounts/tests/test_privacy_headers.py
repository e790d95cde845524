"""Every response sends a Permissions-Policy; personal-data responses are never stored."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from sozialraum.accounts.tests.factories import signed_in_client, user_with_role
from sozialraum.lib.access import Role

pytestmark = pytest.mark.django_db


def test_a_public_page_denies_camera_microphone_and_location_and_may_be_cached() -> None:
    response = Client().get(reverse("districts:index"))

    assert response.status_code == 200
    policy = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in policy
    assert "no-store" not in response.get("Cache-Control", "")


def test_a_missing_page_carries_the_permissions_policy_too() -> None:
    response = Client().get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert "camera=()" in response["Permissions-Policy"]


def test_every_page_for_a_signed_in_user_is_not_stored() -> None:
    client = signed_in_client(user_with_role(Role.WORKER))

    for url in (reverse("districts:index"), reverse("accounts:home")):
        response = client.get(url)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]


def test_person_paths_are_not_stored_even_for_visitors() -> None:
    page = Client().get("/personen/")
    api = Client().get("/api/v1/persons")

    assert "no-store" in page["Cache-Control"]
    assert "no-store" in api["Cache-Control"]
    assert page.status_code == 302 and api.status_code == 401


def test_the_person_api_answers_a_worker_with_no_store() -> None:
    response = signed_in_client(user_with_role(Role.WORKER)).get("/api/v1/persons")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
