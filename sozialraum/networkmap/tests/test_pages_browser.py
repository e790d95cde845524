"""The network map in a real browser: a worker opens a demo person's map from the person
page, adds a contact and finds it in the picture and in the table, compares the versions;
axe-core finds no serious or critical violation on any page, on a desktop and a phone."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings

from sozialraum.accounts.tests.factories import signed_in_client, user_with_role
from sozialraum.casework.tests.factories import PersonFactory
from sozialraum.conftest import axe_violations
from sozialraum.lib.access import Role
from sozialraum.networkmap.demo import demo_network_maps_load
from sozialraum.networkmap.models import Contact

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page: Any, live_server: Any, user: Any) -> None:
    """Hands the browser a session past the second factor (the sign-in pages have their
    own browser tests)."""
    client = signed_in_client(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )


def check(page: Any, label: str, width: int) -> None:
    page.wait_for_load_state()
    assert axe_violations(page) == [], label
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1, label


@pytest.mark.parametrize("width", [1280, 375])
def test_worker_adds_a_contact_and_sees_it_in_picture_and_table(
    page: Any, live_server: Any, width: int
) -> None:
    person = PersonFactory.create(name="Erika Beispiel (fiktiv)")
    demo_network_maps_load([person])
    sign_in(page, live_server, user_with_role(Role.WORKER, person.organisation))
    page.set_viewport_size({"width": width, "height": 900})

    page.goto(f"/personen/{person.pk}/")
    check(page, "person page", width)
    page.locator("#section-network_map-heading ~ * a", has_text="Netzwerkkarte").first.click()
    check(page, "map page", width)
    assert page.locator("svg.network-map[role=img] title").count() == 1
    assert page.locator("table#contacts tbody tr").count() == 7

    page.locator("main a.button", has_text="Kontakt hinzufügen").click()
    check(page, "contact form", width)
    page.fill("input[name=name]", "Herr Yilmaz")
    page.fill("input[name=role]", "Nachbar*in")
    page.locator("input[name=sector][value=friends]").check()
    page.locator("input[name=ring][value='1']").check()
    page.locator("form.contact-form button[type=submit]").click()
    check(page, "map page with the new contact", width)

    contact = Contact.objects.get(name="Herr Yilmaz")
    drawn = page.locator(f"svg.network-map g.contact[data-key='{contact.key}'] text")
    assert drawn.text_content() == "Herr Yilmaz"
    row = page.locator("table#contacts tbody tr", has_text="Herr Yilmaz")
    assert "Freunde und Nachbarn" in row.inner_text()
    assert page.locator("table#contacts tbody tr").count() == 8

    page.locator("form[action$='/vergleich/'] button[type=submit]").click()
    check(page, "comparison", width)
    assert page.locator("#change-came li", has_text="Herr Yilmaz").count() == 1
    assert page.locator("svg.network-map").count() == 2


def test_every_other_network_map_page_is_accessible(page: Any, live_server: Any) -> None:
    person = PersonFactory.create(name="Murat Muster (fiktiv)")
    newcomer = PersonFactory.create(name="Greta Probe (fiktiv)", organisation=person.organisation)
    demo_network_maps_load([person])
    sign_in(page, live_server, user_with_role(Role.WORKER, person.organisation))
    contact = Contact.objects.filter(version__number=2).first()
    assert contact is not None
    base = f"/personen/{person.pk}/netzwerkkarte"
    pages = {
        "start page": f"/personen/{newcomer.pk}/netzwerkkarte/",
        "import": f"{base}/import/",
        "new version": f"{base}/neue-version/",
        "earlier version": f"{base}/version/1/",
        "tie form": f"{base}/version/2/verbindung/neu/",
        "contact form": f"{base}/version/2/kontakt/{contact.pk}/",
        "remove contact": f"{base}/version/2/kontakt/{contact.pk}/entfernen/",
    }
    for label, path in pages.items():
        page.goto(path)
        check(page, label, 1280)
        assert page.get_by_role("heading", level=1).count() == 1, label


OVERLAPS_JS = """() => {
  const boxes = [];
  document.querySelectorAll("svg.network-map g.contact").forEach((group) => {
    for (const node of group.querySelectorAll("text, circle, rect")) {
      const b = node.getBBox();
      boxes.push({kind: node.tagName, key: group.dataset.key, b: b});
    }
  });
  const found = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], c = boxes[j];
      if (a.kind !== "text" && c.kind !== "text") continue;
      if (a.key === c.key && a.kind !== "text" && c.kind !== "text") continue;
      const meet = a.b.x < c.b.x + c.b.width && c.b.x < a.b.x + a.b.width &&
                   a.b.y < c.b.y + c.b.height && c.b.y < a.b.y + a.b.height;
      if (meet) found.push(a.key + a.kind + "/" + c.key + c.kind);
    }
  }
  return found;
}"""


def test_the_demo_maps_labels_do_not_meet_markers_or_each_other_at_375_px(
    page: Any, live_server: Any
) -> None:
    person = PersonFactory.create(name="Erika Beispiel (fiktiv)")
    demo_network_maps_load([person])
    sign_in(page, live_server, user_with_role(Role.WORKER, person.organisation))
    page.set_viewport_size({"width": 375, "height": 800})

    page.goto(f"/personen/{person.pk}/netzwerkkarte/")
    page.wait_for_load_state()

    assert page.locator("svg.network-map g.contact text").count() == 7
    assert page.evaluate(OVERLAPS_JS) == []
    width = page.evaluate("document.querySelector('svg.network-map').getBoundingClientRect().width")
    assert width >= 600, "the picture keeps a readable size and scrolls sideways"
