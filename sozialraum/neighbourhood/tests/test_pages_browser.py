"""Neighbourly help walked through in a real browser: a resident signs up, a coordinator
checks their identity, the resident asks for shopping help, a neighbour offers it, they
agree (addresses appear), the helper records 60 minutes, the helped confirms, and the
balances show it. axe-core finds no serious or critical violation on any page on the way,
at 1280 and at 375 px."""

from __future__ import annotations

from typing import Any

import pytest

from sozialraum.conftest import axe_violations
from sozialraum.lib.tests._browser import sign_in
from sozialraum.neighbourhood.choices import Category, MemberStatus
from sozialraum.neighbourhood.models import Match, Member, Post

from .factories import coordinator_of, district_make, group_make, member_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def visit(page: Any, path: str, label: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(path)
    page.wait_for_load_state()
    check(page, label)


def check(page: Any, label: str) -> None:
    """axe-core at 1280 px and at 375 px (a phone), back at 1280 px afterwards."""
    page.set_viewport_size({"width": 1280, "height": 900})
    assert axe_violations(page) == [], f"{label} at 1280 px"
    page.set_viewport_size({"width": 375, "height": 800})
    assert axe_violations(page) == [], f"{label} at 375 px"
    page.set_viewport_size({"width": 1280, "height": 900})


def click(page: Any, selector: str) -> None:
    page.locator(selector).first.click()
    page.wait_for_load_state()


def test_a_resident_is_helped_with_shopping_and_the_time_is_booked(
    page: Any, live_server: Any
) -> None:
    group = group_make(description="Nachbarn helfen Nachbarn in Mürwik.")
    slug = group.organisation.slug
    coordinator = coordinator_of(group)
    murwik = district_make(name="Mürwik")
    neighbour = member_make(
        group,
        name="Herr H.",
        district=murwik,
        offers=[Category.SHOPPING],
        address="Twedter Plack 3",
        phone="0461 999",
    )

    visit(page, "/nachbarschaftshilfe/", "help groups")
    click(page, f"a[href='/nachbarschaftshilfe/{slug}/mitmachen/']")
    check(page, "sign-up")
    page.fill("form.signup-form input[name=name]", "Anna B.")
    page.select_option("form.signup-form select[name=district]", label="Mürwik")
    page.fill("form.signup-form input[name=email]", "anna@example.org")
    page.fill("form.signup-form input[name=password]", "Nachbar-Test-2026!")
    click(page, "form.signup-form button[type=submit]")
    resident = Member.objects.get(name="Anna B.")
    assert resident.status == MemberStatus.PENDING
    assert page.locator("main [role=status]").count() == 1
    check(page, "group page, waiting")

    sign_in(page, live_server, coordinator)
    visit(page, "/start/", "coordinator's start page")
    visit(page, f"/nachbarschaftshilfe/{slug}/koordination/", "coordination")
    click(page, "form.verify-form button[type=submit]")
    resident.refresh_from_db()
    assert resident.status == MemberStatus.VERIFIED and resident.verified_by == coordinator

    assert resident.user is not None
    sign_in(page, live_server, resident.user)
    visit(page, f"/nachbarschaftshilfe/{slug}/profil/", "profile")
    page.fill("form.profile-form input[name=address]", "Mürwiker Straße 12")
    page.fill("form.profile-form input[name=phone]", "0461 123456")
    click(page, "form.profile-form button[type=submit]")
    visit(page, f"/nachbarschaftshilfe/{slug}/beitrag/neu/", "post form")
    page.locator("form.post-form input[name=kind][value=request]").check()
    page.select_option("form.post-form select[name=category]", "shopping")
    page.fill("form.post-form textarea[name=text]", "Wer kauft am Donnerstag für mich ein?")
    click(page, "form.post-form button[type=submit]")
    post = Post.objects.get(member=resident)
    assert post.district == murwik
    check(page, "post page")
    assert "Mürwiker Straße" not in page.content()

    assert neighbour.user is not None
    sign_in(page, live_server, neighbour.user)
    visit(page, f"/nachbarschaftshilfe/{slug}/", "neighbour's group page")
    click(page, f"ul.nearby a[href='/nachbarschaftshilfe/beitrag/{post.pk}/']")
    click(page, "form.answer-form button[type=submit]")
    match = Match.objects.get(post=post)
    check(page, "match page")
    assert "Mürwiker Straße" not in page.content()
    page.fill("form.message-form textarea[name=text]", "Ich kann am Donnerstag um 10 Uhr.")
    click(page, "form.message-form button[type=submit]")
    click(page, "form.agree-form button[type=submit]")
    assert "Mürwiker Straße" not in page.content()

    sign_in(page, live_server, resident.user)
    visit(page, f"/nachbarschaftshilfe/kontakt/{match.pk}/", "match page, helped")
    assert "Ich kann am Donnerstag um 10 Uhr." in page.locator("main").inner_text()
    click(page, "form.agree-form button[type=submit]")
    assert "Twedter Plack 3" in page.locator("main").inner_text()

    sign_in(page, live_server, neighbour.user)
    visit(page, f"/nachbarschaftshilfe/kontakt/{match.pk}/", "match page, contact shared")
    assert "Mürwiker Straße 12" in page.locator("main").inner_text()
    page.fill("form.time-form input[name=minutes]", "60")
    page.fill("form.time-form input[name=reason]", "Einkauf bei Edeka")
    click(page, "form.time-form button[type=submit]")
    check(page, "match page, time recorded")

    sign_in(page, live_server, resident.user)
    visit(page, f"/nachbarschaftshilfe/kontakt/{match.pk}/", "match page, to confirm")
    click(page, "form.confirm-form button[type=submit]")
    visit(page, "/start/", "resident's start page")
    assert "-60" in page.locator("#start-neighbourly_help").locator("..").inner_text()
    visit(page, f"/nachbarschaftshilfe/{slug}/zeitkonto/", "statement, helped")
    assert "-60" in page.locator("main table").inner_text()

    sign_in(page, live_server, neighbour.user)
    visit(page, f"/nachbarschaftshilfe/{slug}/", "group page with balance")
    assert "60" in page.locator("main p.balance").inner_text()
    assert "-60" not in page.locator("main p.balance").inner_text()
