"""One support per verified resident: a resident supports ideas only after someone of the
city saw them in person and marked their account verified; proposing and commenting need
no verification. Only the city verifies."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from sozialraum.accounts.tests.factories import signed_in_client
from sozialraum.civic import services
from sozialraum.civic.models import Support, VerifiedResident
from sozialraum.civic.rules import is_verified_resident
from sozialraum.lib.access import Role

from .factories import answerer_make, district_make, idea_make, resident_make

pytestmark = pytest.mark.django_db

VERIFY = reverse("civic:verify")


@pytest.fixture(autouse=True)
def district() -> Any:
    return district_make()


def test_an_unverified_resident_cannot_support_an_idea() -> None:
    idea = idea_make()
    newcomer = resident_make(verified=False)
    with pytest.raises(ValidationError) as error:
        services.idea_support(idea=idea, user=newcomer)
    assert error.value.code == "unverified"
    assert not Support.objects.exists()


def test_an_unverified_resident_proposes_and_comments() -> None:
    newcomer = resident_make(verified=False)
    idea = idea_make(author=newcomer)
    services.comment_add(idea=idea_make(), author=newcomer, text="Gute Idee")
    assert idea.pk and newcomer.idea_comments.count() == 1


def test_the_support_button_waits_for_the_verification() -> None:
    idea = idea_make()
    newcomer = resident_make(verified=False)
    client = signed_in_client(newcomer)
    page = client.get(idea.get_absolute_url()).content.decode()
    assert reverse("civic:support", kwargs={"pk": idea.pk}) not in page
    client.post(reverse("civic:support", kwargs={"pk": idea.pk}))
    assert idea.supports.count() == 0


def test_the_city_verifies_a_resident_who_then_supports_once() -> None:
    idea = idea_make()
    newcomer = resident_make(verified=False, email="neu@example.org")
    city = answerer_make()
    response = signed_in_client(city).post(VERIFY, {"email": "NEU@example.org", "seen": "on"})
    assert response.status_code == 302
    verified = VerifiedResident.objects.get(user=newcomer)
    assert verified.verified_by == city and verified.organisation is not None
    assert is_verified_resident(newcomer)
    client = signed_in_client(newcomer)
    url = reverse("civic:support", kwargs={"pk": idea.pk})
    assert url in client.get(idea.get_absolute_url()).content.decode()
    client.post(url)
    client.post(url)
    assert idea.supports.count() == 1


def test_verifying_needs_the_confirmation_and_a_resident_account() -> None:
    client = signed_in_client(answerer_make())
    staff = answerer_make()
    resident_make(verified=False, email="neu@example.org")
    assert client.post(VERIFY, {"email": "neu@example.org"}).status_code == 200
    response = client.post(VERIFY, {"email": staff.email, "seen": "on"})
    assert response.status_code == 200 and "email" in response.context["form"].errors
    assert not VerifiedResident.objects.exists()


def test_only_the_city_verifies_residents() -> None:
    newcomer = resident_make(verified=False)
    with pytest.raises(PermissionDenied):
        services.resident_verify(user=newcomer, actor=resident_make())
    welfare_coordinator = answerer_make(Role.COORDINATOR, kind="welfare")
    with pytest.raises(PermissionDenied):
        services.resident_verify(user=newcomer, actor=welfare_coordinator)
    assert signed_in_client(welfare_coordinator).get(VERIFY).status_code == 403
    assert signed_in_client(resident_make()).get(VERIFY).status_code == 403
    assert not VerifiedResident.objects.filter(user=newcomer).exists()


def test_the_verification_form_shows_for_the_city() -> None:
    response = signed_in_client(answerer_make()).get(VERIFY)
    assert response.status_code == 200 and "seen" in response.context["form"].fields
