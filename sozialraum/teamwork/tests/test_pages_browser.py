"""A case conference in a real browser: a coordinator opens it, adds an agenda item about
a person with the team's consent, records a decision as a task for a team member, and
the member sees it under "My tasks". axe-core finds no serious or critical violation on
any page of the team's work at 1280 and 375 px."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from sozialraum.conftest import axe_violations
from sozialraum.lib.tests._browser import sign_in
from sozialraum.teamwork.models import Conference, Task

from .factories import hours_add, project_make, shared_person, team_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def visit(page: Any, path: str) -> None:
    """Opens ``path`` and checks it with axe-core at 1280 and 375 px."""
    page.set_viewport_size({"width": 1280, "height": 900})
    response = page.goto(path)
    assert response is not None and response.status == 200, path
    page.wait_for_load_state()
    assert axe_violations(page) == [], f"{path} at 1280 px"
    page.set_viewport_size({"width": 375, "height": 800})
    assert axe_violations(page) == [], f"{path} at 375 px"
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_coordinators_decision_reaches_the_members_tasks(
    page: Any, live_server: Any, browser: Any
) -> None:
    world = team_make()
    person = shared_person(world.team, name="Erika Beispiel")
    slug = world.team.slug
    sign_in(page, live_server, world.coordinator)
    visit(page, f"/konto/teams/{slug}/")
    visit(page, f"/konto/teams/{slug}/konferenzen/")
    page.fill("form.conference-form input[name=title]", "Fallberatung Dezember")
    page.fill("form.conference-form input[name=held_on]", "2026-12-10")
    page.locator(
        f"form.conference-form input[name=participants][value='{world.worker.pk}']"
    ).check()
    page.locator("form.conference-form button[type=submit]").click()
    page.wait_for_load_state()
    conference = Conference.objects.get()
    assert page.url.endswith(conference.get_absolute_url())

    page.fill("form.agenda-form input[name=topic]", "Entlassung aus dem Krankenhaus")
    page.select_option("form.agenda-form select[name=person]", str(person.pk))
    page.locator("form.agenda-form button[type=submit]").click()
    page.wait_for_load_state()
    item = conference.items.get()
    assert page.locator(f"#item-{item.pk}").inner_text().startswith("1. Entlassung")

    page.locator(".agenda-item .task-details summary").click()
    prefix = f"t{item.pk}"
    due = timezone.localdate() - dt.timedelta(days=1)
    page.fill(f"input[name={prefix}-title]", "Hausbesuch vereinbaren")
    page.select_option(f"select[name={prefix}-owner]", str(world.worker.pk))
    page.fill(f"input[name={prefix}-due_on]", due.isoformat())
    page.locator("form.task-form button[type=submit]").click()
    page.wait_for_load_state()
    assert Task.objects.get().owner == world.worker
    visit(page, conference.get_absolute_url())
    visit(page, f"{conference.get_absolute_url()}drucken/")

    member = browser.new_context(base_url=live_server.url, locale="de-DE")
    member_page = member.new_page()
    sign_in(member_page, live_server, world.worker)
    visit(member_page, "/konto/aufgaben/")
    row = member_page.locator("table.tasks tbody tr", has_text="Hausbesuch vereinbaren")
    assert row.count() == 1
    assert row.locator(".badge.stale").count() == 1
    member.close()


def test_the_team_work_pages_pass_axe(page: Any, live_server: Any) -> None:
    world = team_make()
    shared_person(world.team, name="Erika Beispiel", living_situation="alone")
    project = project_make(world)
    hours_add(world, project, dt.date(2026, 11, 3), "2.5")
    slug = world.team.slug
    sign_in(page, live_server, world.worker)
    for suffix in (
        "arbeitsliste/",
        "aufgaben/",
        "projekte/",
        f"projekte/{project.pk}/",
        "stunden/",
    ):
        visit(page, f"/konto/teams/{slug}/{suffix}")
    visit(page, "/start/")
