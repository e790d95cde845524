"""Transfers between groups: a member of group A records time for a member of group B
(named by B's member's transfer code); B's member or B's coordinator confirms; each
group's ledger still sums to zero through clearing movements naming the other group."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from sozialraum.accounts.tests.factories import signed_in_client
from sozialraum.neighbourhood import ledger, selectors
from sozialraum.neighbourhood.choices import Category, TransferStatus
from sozialraum.neighbourhood.models import HelpGroup, Member, Movement, Transfer

from .factories import coordinator_of, group_make, member_make, user_of

pytestmark = pytest.mark.django_db


def _two_groups(allow_a: bool = True, allow_b: bool = True) -> tuple[Member, Member]:
    """(helper in group A, helped in group B)."""
    group_a = group_make(transfers_between_groups=allow_a)
    group_b = group_make(transfers_between_groups=allow_b)
    return member_make(group_a, name="Herr H."), member_make(group_b, name="Frau B.")


def _propose(helper: Member, helped: Member, minutes: int = 45) -> Transfer:
    return ledger.transfer_propose_across(
        helper=helper,
        other_group=helped.group,
        code=ledger.transfer_code(helped),
        minutes=minutes,
        category=Category.SHOPPING,
        reason="Einkauf über Gruppen",
        acted_by=user_of(helper),
    )


def _form_errors(helper: Member, other_group: HelpGroup, code: str) -> dict[str, list[str]]:
    url = reverse("neighbourhood:transfer_across", args=[helper.group.organisation.slug])
    data = {
        "other_group": other_group.pk,
        "code": code,
        "category": Category.SHOPPING,
        "minutes": 45,
        "reason": "Einkauf",
    }
    response = signed_in_client(user_of(helper)).post(url, data)
    assert response.status_code == 200
    return dict(response.context["form"].errors)


def test_confirmation_books_four_movements_and_each_ledger_sums_to_zero() -> None:
    helper, helped = _two_groups()
    transfer = _propose(helper, helped)
    url = reverse("neighbourhood:transfer_decide", args=[transfer.pk, "bestaetigen"])
    assert signed_in_client(user_of(helped)).post(url).status_code == 302
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.CONFIRMED
    rows = set(
        Movement.objects.values_list("group_id", "member_id", "counterpart_group_id", "minutes")
    )
    a, b = helper.group_id, helped.group_id
    assert rows == {
        (a, helper.pk, b, 45),
        (a, None, b, -45),
        (b, helped.pk, a, -45),
        (b, None, a, 45),
    }
    assert selectors.ledger_total(helper.group) == 0 and selectors.ledger_total(helped.group) == 0
    assert selectors.balance(helper) == 45 and selectors.balance(helped) == -45
    assert [(c.other_group, c.minutes) for c in selectors.clearing_balances(helper.group)] == [
        (helped.group.name, -45)
    ]


def test_statements_and_the_coordination_page_name_the_other_group() -> None:
    helper, helped = _two_groups()
    ledger.transfer_confirm(transfer=_propose(helper, helped), actor=user_of(helped))
    url = reverse("neighbourhood:statement", args=[helper.group.organisation.slug])
    page = signed_in_client(user_of(helper)).get(url).content.decode()
    assert "+45" in page and helped.group.name in page
    url = reverse("neighbourhood:coordination", args=[helped.group.organisation.slug])
    page = signed_in_client(coordinator_of(helped.group)).get(url).content.decode()
    assert helper.group.name in page and "+45" in page


@pytest.mark.parametrize(("allow_a", "allow_b"), [(True, False), (False, True)])
def test_both_groups_must_allow_it(allow_a: bool, allow_b: bool) -> None:
    helper, helped = _two_groups(allow_a, allow_b)
    with pytest.raises(ValidationError, match="does not allow transfers with other groups"):
        _propose(helper, helped)
    assert not Transfer.objects.exists()


def test_the_form_refuses_a_group_that_does_not_allow_it_with_a_field_error() -> None:
    helper, helped = _two_groups(allow_b=False)
    errors = _form_errors(helper, helped.group, ledger.transfer_code(helped))
    # The group is not even offered: the choice field refuses it.
    assert list(errors) == ["other_group"]
    assert not Transfer.objects.exists()


def test_the_form_refuses_an_unknown_code() -> None:
    helper, helped = _two_groups()
    errors = _form_errors(helper, helped.group, "AAAAA-00000")
    assert list(errors) == ["code"]
    assert not Transfer.objects.exists()


def test_the_form_records_the_time_and_the_helped_member_sees_it() -> None:
    helper, helped = _two_groups()
    url = reverse("neighbourhood:transfer_across", args=[helper.group.organisation.slug])
    data = {
        "other_group": helped.group.pk,
        "code": ledger.transfer_code(helped).lower(),
        "category": Category.SHOPPING,
        "minutes": 45,
        "reason": "Einkauf",
    }
    assert signed_in_client(user_of(helper)).post(url, data).status_code == 302
    transfer = Transfer.objects.get()
    assert transfer.helped == helped and transfer.group == helper.group
    page = signed_in_client(user_of(helped)).get(helped.group.get_absolute_url()).content
    assert helper.group.name in page.decode()


def test_the_form_does_not_list_the_other_groups_members() -> None:
    helper, helped = _two_groups()
    url = reverse("neighbourhood:transfer_across", args=[helper.group.organisation.slug])
    page = signed_in_client(user_of(helper)).get(url).content.decode()
    assert helped.group.name in page and helped.name not in page


def test_the_code_is_shown_only_to_the_member_on_their_statement() -> None:
    helper, helped = _two_groups()
    url = reverse("neighbourhood:statement", args=[helped.group.organisation.slug])
    assert (
        ledger.transfer_code(helped) in signed_in_client(user_of(helped)).get(url).content.decode()
    )
    assert ledger.transfer_code(helped) != ledger.transfer_code(helper)


def test_the_coordinator_of_the_helped_members_group_confirms() -> None:
    helper, helped = _two_groups()
    transfer = _propose(helper, helped)
    coordinator = coordinator_of(helped.group)
    transfer = ledger.transfer_confirm(transfer=transfer, actor=coordinator)
    assert transfer.decided_by_coordinator and Movement.objects.count() == 4


def test_the_helpers_side_and_a_third_group_cannot_confirm() -> None:
    helper, helped = _two_groups()
    transfer = _propose(helper, helped)
    third = member_make(group_make(transfers_between_groups=True), name="Dritte")
    for actor in (
        user_of(helper),
        coordinator_of(helper.group),
        user_of(third),
        coordinator_of(third.group),
    ):
        with pytest.raises(PermissionDenied):
            ledger.transfer_confirm(transfer=transfer, actor=actor)
    url = reverse("neighbourhood:transfer_decide", args=[transfer.pk, "bestaetigen"])
    signed_in_client(user_of(third)).post(url)
    assert not Movement.objects.exists()
    # The third group's coordination page does not show it.
    url = reverse("neighbourhood:coordination", args=[third.group.organisation.slug])
    page = signed_in_client(coordinator_of(third.group)).get(url).content.decode()
    assert "Einkauf über Gruppen" not in page


def test_a_coordinator_sets_the_opt_in() -> None:
    group = group_make()
    url = reverse("neighbourhood:transfers_setting", args=[group.organisation.slug])
    signed_in_client(coordinator_of(group)).post(url, {"transfers_between_groups": "on"})
    group.refresh_from_db()
    assert group.transfers_between_groups
    other = coordinator_of(group_make())
    assert signed_in_client(other).post(url, {}).status_code in {403, 404}
    group.refresh_from_db()
    assert group.transfers_between_groups


def test_the_refusal_and_the_opt_in_read_in_german() -> None:
    helper, helped = _two_groups(allow_b=False)
    with translation.override("de"), pytest.raises(ValidationError) as refused:
        _propose(helper, helped)
    assert refused.value.messages == [
        "Diese Gruppe erlaubt keine Überweisungen mit anderen Gruppen."
    ]
    with translation.override("de"):
        label = str(HelpGroup._meta.get_field("transfers_between_groups").verbose_name)
    assert label == "Überweisungen mit anderen Gruppen erlauben"


def test_the_pages_explain_help_between_groups_in_leichte_sprache() -> None:
    helper, _helped = _two_groups()
    client = signed_in_client(user_of(helper))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de-ls"
    slug = helper.group.organisation.slug
    for name in ("statement", "transfer_across"):
        page = client.get(reverse(f"neighbourhood:{name}", args=[slug])).content.decode()
        assert "Dann geben Sie der Person Ihren Code." in page
