"""The pages and the API of the Mitmach-Kommune: the author's name hidden by default, a
draft answer invisible to the public, proposing through the form (with a photo and bad
input), the per-district list, map and table within their query budgets, the demand by
theme, deletion and the Art. 15 export."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from PIL import Image

from sozialraum.accounts.tests.factories import signed_in_client
from sozialraum.casework.export import person_export
from sozialraum.casework.tests.factories import PersonFactory
from sozialraum.civic import services
from sozialraum.civic.models import Idea, IdeaState

from .factories import LAT, LON, answerer_make, district_make, idea_make, resident_make

pytestmark = pytest.mark.django_db

IDEAS = 8


@pytest.fixture
def district() -> Any:
    return district_make()


def _jpeg() -> io.BytesIO:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "green").save(out, format="PNG")
    out.seek(0)
    out.name = "bank.png"
    return out


def test_the_authors_name_is_hidden_unless_they_choose_to_show_it(district: Any) -> None:
    hidden = idea_make(author=resident_make(first_name="Hanna", last_name="Verborgen"))
    shown = idea_make(author=resident_make(first_name="Sven", last_name="Sichtbar"), show_name=True)
    page = Client().get(hidden.get_absolute_url()).content.decode()
    assert "Verborgen" not in page
    assert district.name in hidden.author_label
    assert "Sven Sichtbar" in Client().get(shown.get_absolute_url()).content.decode()
    api = Client().get(f"/api/v1/ideas/{hidden.pk}").json()
    assert "Verborgen" not in json.dumps(api)


def test_a_draft_answer_is_invisible_on_the_page_and_in_the_api(district: Any) -> None:
    idea = idea_make()
    services.answer_draft(
        idea=idea,
        user=answerer_make(),
        state=IdeaState.objects.get(key="planned"),
        text="Geheimer Entwurf",
    )
    assert "Geheimer Entwurf" not in Client().get(idea.get_absolute_url()).content.decode()
    resident = signed_in_client(idea.author)  # type: ignore[arg-type]
    assert "Geheimer Entwurf" not in resident.get(idea.get_absolute_url()).content.decode()
    assert Client().get(f"/api/v1/ideas/{idea.pk}").json()["answers"] == []


def test_a_resident_proposes_an_idea_with_a_photo_through_the_form(district: Any) -> None:
    author = resident_make()
    response = signed_in_client(author).post(
        reverse("civic:propose"),
        {
            "title": "Bank am Hafen",
            "text": "Zum Ausruhen.",
            "category": "seating",
            "latitude": LAT,
            "longitude": LON,
            "photo": _jpeg(),
        },
    )
    idea = Idea.objects.get()
    assert response.status_code == 302
    assert response["Location"] == idea.get_absolute_url()
    assert idea.author == author and idea.district == district and not idea.show_name
    photo = Client().get(reverse("civic:photo", kwargs={"pk": idea.pk}))
    assert photo["Content-Type"] == "image/jpeg"
    assert bytes(photo.content[:2]) == b"\xff\xd8"


def test_a_place_outside_every_district_is_named_on_the_address_field(district: Any) -> None:
    response = signed_in_client(resident_make()).post(
        reverse("civic:propose"),
        {"title": "Bank", "text": "Text", "category": "seating", "latitude": 50, "longitude": 8},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["address"]
    assert Idea.objects.count() == 0


def test_an_idea_without_a_place_is_refused_naming_the_address_field(district: Any) -> None:
    response = signed_in_client(resident_make()).post(
        reverse("civic:propose"), {"title": "Bank", "text": "Text", "category": "seating"}
    )
    assert response.context["form"].errors["address"]
    assert Idea.objects.count() == 0


def test_staff_cannot_open_the_proposal_form() -> None:
    response = signed_in_client(answerer_make()).get(reverse("civic:propose"))
    assert response.status_code == 403


def test_a_welfare_coordinator_cannot_open_the_answer_page(district: Any) -> None:
    from sozialraum.accounts.models import OrganisationKind
    from sozialraum.lib.access import Role

    idea = idea_make()
    outsider = answerer_make(Role.COORDINATOR, OrganisationKind.WELFARE)
    url = reverse("civic:answer", kwargs={"pk": idea.pk})
    assert signed_in_client(outsider).get(url).status_code == 403
    assert signed_in_client(answerer_make()).get(url).status_code == 200


def test_the_city_drafts_then_publishes_an_answer_through_the_page(district: Any) -> None:
    idea = idea_make()
    city = signed_in_client(answerer_make())
    url = reverse("civic:answer", kwargs={"pk": idea.pk})
    planned = IdeaState.objects.get(key="planned")
    city.post(url, {"state": planned.pk, "text": "Wir prüfen.", "draft": "1"})
    assert Idea.objects.get(pk=idea.pk).state.key == "received"
    city.post(url, {"state": planned.pk, "text": "Die Bank kommt.", "publish": "1"})
    assert Idea.objects.get(pk=idea.pk).state.key == "planned"
    assert idea.answers.get().text == "Die Bank kommt."
    start = signed_in_client(idea.author).get(reverse("start")).content.decode()  # type: ignore[arg-type]
    assert "Die Bank" not in start  # the start page names the state, the idea page the text
    assert planned.name in start


def test_a_resident_supports_through_the_page_only_once(district: Any) -> None:
    idea = idea_make()
    neighbour = signed_in_client(resident_make())
    url = reverse("civic:support", kwargs={"pk": idea.pk})
    neighbour.post(url)
    neighbour.post(url)
    assert idea.supports.count() == 1
    assert neighbour.get(url).status_code == 405


def test_the_district_page_shows_list_map_and_table_within_its_query_budget(
    district: Any, django_assert_max_num_queries: Any
) -> None:
    ideas = [idea_make(title=f"Idee {n}") for n in range(IDEAS)]
    with django_assert_max_num_queries(8):
        response = Client().get(reverse("civic:district", kwargs={"slug": district.slug}))
    assert response.status_code == 200
    page = response.content.decode()
    data = response.context["map"]
    assert len(data["points"]) == IDEAS and data["outline"]
    assert all(idea.title in page for idea in ideas)
    assert "<table" in page and 'id="idea-map"' in page


def test_the_ideas_api_list_stays_within_its_query_budget(
    district: Any, django_assert_max_num_queries: Any
) -> None:
    for n in range(IDEAS):
        idea_make(title=f"Idee {n}")
    with django_assert_max_num_queries(4):
        response = Client().get(f"/api/v1/ideas/?district={district.slug}&limit=5")
    body = response.json()
    assert body["count"] == IDEAS
    assert len(body["items"]) == 5
    assert "photo" not in body["items"][0]


def test_the_demand_by_theme_counts_ideas_and_supports_per_district(
    district: Any, django_assert_max_num_queries: Any
) -> None:
    bench = idea_make(category="seating")
    idea_make(category="seating")
    idea_make(category="green")
    withdrawn = idea_make(category="green")
    services.idea_withdraw(idea=withdrawn, user=withdrawn.author)
    for _ in range(3):
        services.idea_support(idea=bench, user=resident_make())
    with django_assert_max_num_queries(3):
        rows = Client().get(f"/api/v1/ideas/demand?district={district.slug}").json()
    demand = {row["category"]: (row["ideas"], row["supports"]) for row in rows}
    assert demand == {"seating": (2, 3), "green": (1, 0)}


def test_the_art_15_export_holds_the_ideas_of_the_persons_account(district: Any) -> None:
    author = resident_make(email="erika@example.org")
    idea_make(author=author, title="Meine Bank")
    person = PersonFactory.create(email="Erika@Example.org")
    sections = {s.key: s for s in person_export(person)}
    assert [r["title"] for r in sections["civic_ideas"].records] == ["Meine Bank"]
    stranger = PersonFactory.create(email="")
    assert "civic_ideas" not in {s.key for s in person_export(stranger)}


def test_the_proposal_form_picks_the_place_on_a_map_of_the_districts(district: Any) -> None:
    client = signed_in_client(resident_make())
    html = client.get(reverse("civic:propose")).content.decode()
    assert 'data-point-picker data-lat-field="id_latitude" data-lon-field="id_longitude"' in html
    assert f'"name": {json.dumps("Jürgensby")}' in html
    assert 'role="combobox"' in html and 'data-lat-field="latitude"' in html
