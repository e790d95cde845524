"""A walk over every page the access declarations know (lib/urlmap.py, the API docs too),
in a real browser, each as a user it admits: ids are unique, every tab stop on a map is a
named link, nothing is wider than 320 px with the WCAG 1.4.12 text spacing applied, and
axe-core finds nothing serious at 1280 and 375 px."""

from __future__ import annotations

import datetime as dt
from http import HTTPStatus
from typing import Any

import pytest
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import Error as PlaywrightError

from sozialraum.accounts.tests.factories import user_with_role
from sozialraum.civic.tests.factories import idea_make
from sozialraum.conftest import axe_violations
from sozialraum.directory.tests._pages import offer_make
from sozialraum.directory.tests.factories import square_district
from sozialraum.districts.models import District
from sozialraum.lib.access import Role
from sozialraum.lib.urlmap import iter_views
from sozialraum.plan.services import goal_known_already_record
from sozialraum.plan.tests.factories import goal_make, person_make, referral_make, worker_of

from ._browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: Not pages: downloads, JSON, POST-only actions, fragments a page inserts (the address
#: field's suggestions, checked inside the editor by its own browser test), the admin
#: (walked in its own tests). A POST-only action missing here is recognised by its 405.
NOT_PAGES = frozenset(
    {
        "accounts:logout",
        "directory:save",
        "addresses:suggestions",
        "accounts:session_extend",
        "accounts:password_reset_confirm",
        "casework:export_json",
        "accounts:own_data_json",
        "plan:plan_pdf",
        "networkmap:export",
        "set_language",
        "api:openapi-json",
        "hsds:openapi-json",
        "api:api-root",
        "hsds:api-root",
        "open311:openapi-json",
        "open311:api-root",
        "barriers:photo",
        "barriers:district_export",
        "neighbourhood:match_message",
        "neighbourhood:match_agree",
        "neighbourhood:match_block",
        "neighbourhood:match_report",
        "neighbourhood:match_time",
        "neighbourhood:transfer_decide",
        "neighbourhood:member_verify",
        "neighbourhood:report_resolve",
        "neighbourhood:hand_match",
        "teamwork:task_done",
        "teamwork:task_reopen",
        "teamwork:conference_close",
        "teamwork:agenda_item_edit",
        "teamwork:conference_participants",
        "teamwork:agenda_item_add",
        "teamwork:minutes_record",
        "teamwork:task_add",
        "teamwork:project_action_add",
        "teamwork:project_hours_add",
        "teamwork:project_status",
        "planning:city_csv",
        "planning:district_csv",
        "planning:city_pdf",
        "planning:district_pdf",
    }
)

#: WCAG 1.4.12: the text spacing a reader may set, as a constructed style sheet (CSSOM is
#: not subject to the Content-Security-Policy's style-src).
TEXT_SPACING = """
const sheet = new CSSStyleSheet();
sheet.replaceSync(`* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
  word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }`);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
"""

DUPLICATE_IDS = """
(() => { const seen = {}; const dup = [];
  for (const el of document.querySelectorAll('[id]')) {
    if (seen[el.id]) dup.push(el.id); seen[el.id] = true; }
  return dup; })()
"""


#: Tab stops on a map that are not named links (issue 17, section 2: every marker and
#: district part was a tab stop without name or role).
MAP_STOPS_UNNAMED = """
[...document.querySelectorAll('[data-map] [tabindex="0"]')]
  .filter(el => el.getAttribute('role') !== 'link' || !el.getAttribute('aria-label'))
  .map(el => el.outerHTML.slice(0, 80))
"""

#: A long German compound in headings, links and lists (it overflowed at 320 px once).
LONG_NAME = "Seniorenbegegnungsstättenmittagstischgemeinschaft"

#: The pages the accessibility audit found too wide at 320 px (issue 17, section 4).
AUDITED = {
    "directory:detail": ["pk"],
    "directory:print": ["pk"],
    "plan:referral": ["pk", "referral_pk"],
    "plan:plan_document": ["pk"],
    "accounts:home": [],
    "directory:edit": ["pk"],
    "directory:mine": [],
    "directory:search": [],
}


def _world() -> tuple[dict[str, Any], Any, Any]:
    district = square_district(9.42, 54.78, size=0.02, name="Altstadt")
    offer = offer_make(LONG_NAME, latitude=54.7895, longitude=9.4315)
    person = person_make()
    worker = worker_of(person)
    goal = goal_make(person)
    # Answered, so the Weg-Weisung shows all three forms (search, offers, "nothing fits").
    goal_known_already_record(goal=goal, text="nichts")
    referral = referral_make(person, goal, worker, offer=offer)
    idea = idea_make(title=LONG_NAME, latitude=54.79, longitude=9.43)
    walk_ids = _walk_world(worker)
    ids = {
        "idea": idea.pk,
        **walk_ids,
        "person": person.pk,
        "offer": offer.pk,
        "goal_pk": goal.pk,
        "referral_pk": referral.pk,
        "slug": district.slug,
    }
    return ids, worker, user_with_role(Role.ADMIN)


def _walk_world(worker: Any) -> dict[str, int]:
    """A walk of the worker's organisation with a fixed barrier the worker is asked about."""
    from sozialraum.barriers.models import BarrierState, Office, Walk
    from sozialraum.barriers.services import barrier_record, barrier_transition

    Office.objects.create(name="Bürgerbüro", is_fallback=True)
    walk = Walk.objects.create(
        title=LONG_NAME,
        organisation=worker.memberships.first().organisation,
        district=District.objects.get(name="Altstadt"),
        walked_on=dt.date(2026, 12, 1),
        route=[[54.785, 9.425], [54.79, 9.43]],
    )
    barrier = barrier_record(
        reporter=worker, walk=walk, kind="step", latitude=54.79, longitude=9.43, address=LONG_NAME
    )
    for state in (BarrierState.ACKNOWLEDGED, BarrierState.FIXED):
        barrier_transition(barrier=barrier, state=state, actor=worker)
    follow_up = barrier.follow_ups.get()
    return {"walk_pk": walk.pk, "barrier_pk": barrier.pk, "follow_up_pk": follow_up.pk}


def _url(name: str, params: list[str], ids: dict[str, Any]) -> str | None:
    kwargs = {}
    for param in params:
        if param == "pk":
            kwargs["pk"] = ids["offer"] if name.startswith("directory:") else ids["person"]
            kwargs["pk"] = ids["idea"] if name.startswith("civic:") else kwargs["pk"]
        elif param in ids:
            kwargs[param] = ids[param]
        else:
            return None
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None


def _pages(ids: dict[str, Any]) -> list[tuple[str, bool]]:
    """(url, public) for every page of the declarations the walk can fill in."""
    pages = []
    for view in iter_views():
        if not view.name or view.name.startswith("admin:") or view.name in NOT_PAGES:
            continue
        if view.access is None:
            continue
        url = _url(view.name, list(view.pattern.pattern.regex.groupindex), ids)
        if url:
            pages.append((url, not view.access.login))
    return pages


def _check(page: Any, url: str, problems: list[str]) -> bool:
    page.set_viewport_size({"width": 1280, "height": 900})
    try:
        response = page.goto(url)
    except PlaywrightError:
        # Chromium refuses to show a bodiless error; a POST-only action answers GET with
        # 405 and is no page (any other failure is one).
        if page.request.get(url, max_redirects=0).status == HTTPStatus.METHOD_NOT_ALLOWED:
            return False
        raise
    if (
        response is None
        or response.status != 200
        or "text/html" not in response.headers.get("content-type", "")
    ):
        return False
    page.wait_for_load_state("networkidle")
    problems += [f"{url}: duplicate id {i}" for i in page.evaluate(DUPLICATE_IDS)]
    problems += [f"{url}: unnamed map stop {e}" for e in page.evaluate(MAP_STOPS_UNNAMED)]
    problems += [f"{url} 1280: {v}" for v in axe_violations(page)]
    page.set_viewport_size({"width": 375, "height": 800})
    problems += [f"{url} 375: {v}" for v in axe_violations(page)]
    page.set_viewport_size({"width": 320, "height": 640})
    page.evaluate(TEXT_SPACING)
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > 320:
        problems.append(f"{url}: {width} px wide at 320 px")
    return True


def test_every_page_has_unique_ids_reflows_at_320_px_and_passes_axe(
    page: Any, live_server: Any
) -> None:
    ids, worker, admin = _world()
    pages = _pages(ids)
    problems: list[str] = []
    visited = [url for url, public in pages if public and _check(page, url, problems)]
    sign_in(page, live_server, worker)
    visited += [url for url, public in pages if not public and _check(page, url, problems)]
    sign_in(page, live_server, admin)
    for name in ("directory:mine", "directory:edit", "directory:history", "audit:log"):
        url = _url(name, ["pk"] if name in {"directory:edit", "directory:history"} else [], ids)
        assert url and _check(page, url, problems), url
        visited.append(url)
    search = reverse("directory:search") + "?q=" + LONG_NAME
    assert _check(page, search, problems)
    visited.append(search)
    audited = {_url(name, params, ids) for name, params in AUDITED.items()}
    assert audited <= set(visited), audited - set(visited)
    assert {"/api/v1/docs", "/api/hsds/docs"} <= set(visited)
    assert len(visited) >= 30, visited
    assert "\n".join(problems) == ""
