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
from sozialraum.civic.models import Support, VerificationWithdrawal, VerifiedResident
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


WITHDRAW = reverse("civic:verify_withdraw")


def _withdraw_post(reason: str = "Ausweis gehörte der Schwester", email: str = "") -> dict:
    return {"withdraw-email": email, "withdraw-reason": reason}


@pytest.mark.parametrize(
    ("role", "kind"),
    [
        (Role.PLANNER, "city_planning"),
        (Role.COORDINATOR, "city_social_services"),
        (Role.ADMIN, "city_planning"),
    ],
)
def test_whoever_verifies_for_the_city_withdraws_a_verification_with_a_reason(
    role: str, kind: str
) -> None:
    idea = idea_make()
    resident = resident_make(email="weg@example.org")
    verified_at = resident.resident_verification.verified_at
    city = answerer_make(role, kind=kind)

    response = signed_in_client(city).post(WITHDRAW, _withdraw_post(email="WEG@example.org"))

    assert response.status_code == 302
    assert not VerifiedResident.objects.filter(user=resident).exists()
    withdrawal = VerificationWithdrawal.objects.get(user=resident)
    assert withdrawal.withdrawn_by == city
    assert withdrawal.organisation == city.memberships.get().organisation
    assert withdrawal.reason == "Ausweis gehörte der Schwester"
    assert withdrawal.verified_at == verified_at
    assert not is_verified_resident(resident)
    with pytest.raises(ValidationError) as error:
        services.idea_support(idea=idea, user=resident)
    assert error.value.code == "unverified"


@pytest.mark.parametrize(
    ("role", "kind"),
    [
        (Role.COORDINATOR, "welfare"),
        (Role.WORKER, "city_social_services"),
        (Role.RESIDENT, "city_planning"),
    ],
)
def test_nobody_else_withdraws_a_verification(role: str, kind: str) -> None:
    resident = resident_make(email="bleibt@example.org")
    other = answerer_make(role, kind=kind)

    with pytest.raises(PermissionDenied):
        services.resident_verification_withdraw(user=resident, actor=other, reason="Grund")
    response = signed_in_client(other).post(WITHDRAW, _withdraw_post(email="bleibt@example.org"))

    assert response.status_code == 403
    assert is_verified_resident(resident)
    assert not VerificationWithdrawal.objects.exists()


def test_withdrawing_needs_a_reason_and_a_verified_resident() -> None:
    client = signed_in_client(answerer_make())
    resident = resident_make(email="bleibt@example.org")
    resident_make(verified=False, email="neu@example.org")

    blank = client.post(WITHDRAW, _withdraw_post(reason="   ", email="bleibt@example.org"))
    unverified = client.post(WITHDRAW, _withdraw_post(email="neu@example.org"))

    assert blank.status_code == 200 and "reason" in blank.context["withdraw_form"].errors
    assert unverified.status_code == 200
    assert "email" in unverified.context["withdraw_form"].errors
    assert is_verified_resident(resident)
    assert not VerificationWithdrawal.objects.exists()


def test_supports_given_before_the_withdrawal_stay() -> None:
    idea = idea_make()
    resident = resident_make()
    services.idea_support(idea=idea, user=resident)

    services.resident_verification_withdraw(
        user=resident, actor=answerer_make(), reason="Doppeltes Konto"
    )

    assert idea.supports.filter(user=resident).exists()


def test_the_resident_sees_the_withdrawal_and_its_reason_on_their_own_data_page() -> None:
    resident = resident_make()
    services.resident_verification_withdraw(
        user=resident, actor=answerer_make(), reason="Doppeltes Konto"
    )

    page = signed_in_client(resident).get(reverse("accounts:own_data")).content.decode()

    assert "Doppeltes Konto" in page


def test_a_resident_verified_again_after_a_withdrawal_supports_again() -> None:
    resident = resident_make()
    city = answerer_make()
    services.resident_verification_withdraw(user=resident, actor=city, reason="Irrtum")

    services.resident_verify(user=resident, actor=city)

    assert is_verified_resident(resident)
    assert VerificationWithdrawal.objects.filter(user=resident).count() == 1
