"""The provider editor's section of the start page: own offers, the stale ones first."""

from __future__ import annotations

import pytest
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from sozialraum.accounts.tests.factories import signed_in_client, user_with_role
from sozialraum.directory.tests._pages import offer_make
from sozialraum.lib.access import Role

pytestmark = pytest.mark.django_db

START = reverse("start")


def test_a_provider_editor_sees_own_offers_and_the_stale_ones() -> None:
    editor = user_with_role(Role.PROVIDER_EDITOR)
    provider = editor.memberships.get().organisation
    fresh = offer_make("Mittagstisch", provider=provider)
    stale = offer_make("Kleiderkammer", provider=provider, confirmed_days_ago=None)
    other = offer_make("Fremdes Angebot", confirmed_days_ago=None)

    response = signed_in_client(editor).get(START)
    content = response.content.decode()

    keys = [rendered.section.key for rendered in response.context["sections"]]
    # planning's section: every organisation role; budgets': planners, providers, admins
    assert keys == ["offers", "provider_referrals", "planning", "barriers", "budgets"]
    assert reverse("directory:confirm", args=[stale.pk]) in content
    assert reverse("directory:confirm", args=[fresh.pk]) not in content
    assert reverse("directory:edit", args=[fresh.pk]) in content
    assert other.name not in content


def test_the_offers_section_reads_a_bounded_number_of_queries(
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    editor = user_with_role(Role.PROVIDER_EDITOR)
    provider = editor.memberships.get().organisation
    for number in range(12):
        offer_make(f"Angebot {number}", provider=provider, confirmed_days_ago=None)
    client = signed_in_client(editor)

    # 13, two for the walks-and-barriers section (the reporter's open questions and the
    # districts of the organisation's walks, which it links to), and one for the planning
    # section (measures in the user's teams' districts).
    with django_assert_max_num_queries(16):
        assert client.get(START).status_code == 200
