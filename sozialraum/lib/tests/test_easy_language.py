"""Leichte Sprache: a third language (de-ls) for the public and residents' pages, chosen in
the header and remembered in the language cookie; the same data with easy-to-read texts
and word explanations, every missing text in standard German."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from sozialraum.accounts.tests.factories import signed_in_client, user_with_role
from sozialraum.directory.models import ResidentHome
from sozialraum.directory.tests._pages import offer_make
from sozialraum.districts.tests.factories import DistrictFactory
from sozialraum.lib.access import Role

pytestmark = pytest.mark.django_db

EASY = "de-ls"


def _easy(client: Client) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = EASY
    return client


def test_the_switch_is_remembered_across_pages_and_sign_in(client: Client) -> None:
    response = client.post(reverse("set_language"), {"language": EASY, "next": "/angebote/"})

    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == EASY
    page = client.get("/angebote/").content.decode()
    assert '<html lang="de-x-ls" class="lang-ls">' in page
    assert "Standard-Sprache" in page
    assert "Angebote in Ihrer Nähe finden" in page
    # Signing in keeps the choice (the cookie outlives the session).
    resident = user_with_role(Role.RESIDENT)
    client.force_login(resident)
    assert "Hallo " in client.get(reverse("start")).content.decode()

    client.post(reverse("set_language"), {"language": "de", "next": "/angebote/"})
    standard = client.get("/angebote/").content.decode()
    assert '<html lang="de">' in standard
    assert "Angebote in Ihrer Nähe finden" not in standard
    assert "Leichte Sprache" in standard


@pytest.mark.parametrize(
    ("url", "sentence"),
    [
        ("/angebote/", "Barriere-frei: Das heißt: Menschen mit Behinderung"),
        ("/angebote/?q=Mittagstisch", "Suche ändern"),
        ("offer", "Anbieter: Das ist die Gruppe oder das Amt."),
        ("/", "Die Quartiere und die Menschen dort"),
        ("district", "Quartier: Das ist ein Teil von einer Stadt."),
        ("/konto/anmelden/", "Pass-Wort: Das ist ein geheimes Wort."),
    ],
)
def test_each_public_page_renders_in_leichte_sprache(
    client: Client, url: str, sentence: str
) -> None:
    offer = offer_make("Mittagstisch am Hafen")
    district = DistrictFactory.create(name="Neustadt")
    url = {"offer": f"/angebote/{offer.pk}/", "district": district.get_absolute_url()}.get(url, url)

    easy = _easy(client).get(url)

    assert easy.status_code == 200
    assert sentence in easy.content.decode()
    assert sentence not in Client().get(url).content.decode(), "standard German has none"


def test_the_resident_start_page_renders_in_leichte_sprache() -> None:
    resident = user_with_role(Role.RESIDENT)
    ResidentHome.objects.create(user=resident, district=DistrictFactory.create(name="Neustadt"))

    content = _easy(signed_in_client(resident)).get(reverse("start")).content.decode()

    assert "Das ist Ihre Start-Seite." in content
    assert "Neue Angebote in Ihrem Quartier" in content
    assert "Gemerkte Angebote" in content


def test_texts_missing_in_leichte_sprache_are_standard_german(client: Client) -> None:
    content = _easy(client).get("/konto/anmelden/").content.decode()

    assert "Benutzername" in content, "Django's own German"
    assert "Username" not in content


def _resident_pages() -> tuple[Any, dict[str, str]]:
    """A verified help-group member who posted a request, with an idea in their district:
    the signed-in user and the URLs of the neighbourhood, civic and own-data pages."""
    from sozialraum.civic.tests.factories import district_make as idea_district
    from sozialraum.civic.tests.factories import idea_make
    from sozialraum.neighbourhood.tests.factories import group_make, member_make, post_make

    group = group_make()
    member = member_make(group)
    post = post_make(member)
    idea_district()
    idea = idea_make()
    slug = group.organisation.slug
    urls = {
        "groups": reverse("neighbourhood:groups"),
        "group": reverse("neighbourhood:group", args=[slug]),
        "post": reverse("neighbourhood:post", args=[post.pk]),
        "post_new": reverse("neighbourhood:post_new", args=[slug]),
        "statement": reverse("neighbourhood:statement", args=[slug]),
        "group_data": reverse("neighbourhood:my_data", args=[slug]),
        "ideas": reverse("civic:index"),
        "idea_district": reverse("civic:district", args=[idea.district.slug]),
        "idea": idea.get_absolute_url(),
        "propose": reverse("civic:propose"),
        "own_data": reverse("accounts:own_data"),
    }
    return member.user, urls


@pytest.mark.parametrize(
    ("page", "sentence"),
    [
        ("groups", "Nachbarschafts-Hilfe: Das heißt: Nachbarn helfen sich gegenseitig."),
        ("groups", "Machen Sie mit in einer Hilfe-Gruppe in Ihrer Nähe."),
        ("group", "Hilfe-Gruppe: Das ist eine Gruppe von Nachbarn."),
        ("post", "Ein Beitrag ist ein Angebot oder eine Bitte."),
        ("post", "Ihre Adresse bleibt geheim."),
        ("post_new", "Bitte: Das heißt: Sie brauchen Hilfe."),
        ("statement", "Zeit-Konto: Das ist wie ein Heft für Ihre Zeit."),
        ("group_data", "Hier sehen Sie alle Daten über Sie in dieser Gruppe."),
        ("ideas", "Die Ideen machen das Quartier besser."),
        ("idea_district", "Unterstützen: Das heißt: Sie finden eine Idee gut."),
        ("idea", "Die Stadt liest jede Idee."),
        ("propose", "Der Titel ist der Name von Ihrer Idee."),
        ("own_data", "Daten: Das sind Angaben über Sie."),
        ("own_data", "Ihre Ideen bleiben. Aber ohne Ihren Namen."),
    ],
)
def test_each_neighbourhood_idea_and_own_data_page_renders_in_leichte_sprache(
    page: str, sentence: str
) -> None:
    user, urls = _resident_pages()

    easy = _easy(signed_in_client(user)).get(urls[page])
    standard = signed_in_client(user).get(urls[page])

    assert easy.status_code == standard.status_code == 200
    assert sentence in easy.content.decode()
    assert sentence not in standard.content.decode(), "standard German has none"
