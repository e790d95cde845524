"""Anonymous visitors' pages are kept and served again, but never stale, never to anyone
signed in, never with someone else's CSRF token, never with personal data."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import caches
from django.http import HttpResponse, StreamingHttpResponse
from django.middleware import csrf
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries, Settings

from sozialraum.accounts.tests.factories import signed_in_client, user_with_role
from sozialraum.directory.models import Offer
from sozialraum.directory.tests._pages import offer_make
from sozialraum.lib.access import Role
from sozialraum.lib.page_cache import CACHE, MAX_BYTES, _cacheable_response

pytestmark = [pytest.mark.django_db, pytest.mark.page_cache]
#: Django's own unmasking, to check the tokens independently of the middleware's.
unmask = csrf._unmask_cipher_token  # type: ignore[attr-defined]

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"')
#: Every CSRF token of a page (the forms' and htmx's header).
ANY_TOKEN = re.compile(r"\b[A-Za-z0-9]{64}\b")


def kept() -> int:
    return len(caches[CACHE]._cache)  # type: ignore[attr-defined]


def offer_url(offer: Offer) -> str:
    return reverse("directory:detail", kwargs={"pk": offer.pk})


def test_a_second_anonymous_visit_is_served_from_the_cache(
    client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    offer = offer_make()
    first = client.get(offer_url(offer))

    with django_assert_num_queries(1):  # the data version
        second = client.get(offer_url(offer))

    assert second.status_code == 200
    assert "Mittagstisch am Hafen" in second.text
    assert second.wsgi_request.user.is_anonymous
    assert ANY_TOKEN.sub("", second.text) == ANY_TOKEN.sub("", first.text)
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_an_edit_shows_at_once(client: Client) -> None:
    offer = offer_make(name="Mittagstisch am Hafen")
    assert "Mittagstisch am Hafen" in client.get(offer_url(offer)).text

    offer.name = "Frühstück am Hafen"
    offer.save()
    assert "Frühstück am Hafen" in client.get(offer_url(offer)).text

    Offer.objects.filter(pk=offer.pk).update(name="Abendbrot am Hafen")
    assert "Abendbrot am Hafen" in client.get(offer_url(offer)).text


def test_a_new_minute_renders_anew(
    client: Client,
    monkeypatch: pytest.MonkeyPatch,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    offer = offer_make()
    client.get(offer_url(offer))
    later = timezone.now() + timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)

    with django_assert_max_num_queries(100) as captured:
        client.get(offer_url(offer))

    assert len(captured.captured_queries) > 1


def test_a_signed_in_user_never_gets_a_kept_page_nor_leaves_one() -> None:
    offer = offer_make()
    anonymous = Client()
    anonymous.get(offer_url(offer))
    assert kept() == 1
    user = user_with_role(Role.WORKER)

    signed_in = signed_in_client(user).get(offer_url(offer))

    assert user.display_name in signed_in.text
    assert kept() == 1
    assert user.display_name not in anonymous.get(offer_url(offer)).text


def test_personal_data_is_never_kept() -> None:
    worker = signed_in_client(user_with_role(Role.WORKER))
    for path in ("/personen/", "/api/v1/persons", reverse("accounts:home")):
        assert worker.get(path).status_code == 200
        assert Client().get(path).status_code in {302, 401, 403}

    assert kept() == 0


def test_a_visitor_with_a_session_or_messages_is_served_by_the_view(
    client: Client, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    offer = offer_make()
    client.get(offer_url(offer))
    for cookie in ("sessionid", "messages"):
        other = Client()
        other.cookies[cookie] = "something"
        with django_assert_max_num_queries(100) as captured:
            assert other.get(offer_url(offer)).status_code == 200
        assert len(captured.captured_queries) > 1, cookie


def test_each_visitor_gets_tokens_of_their_own_csrf_secret() -> None:
    offer = offer_make()
    first = Client()
    first.get(offer_url(offer))
    for _ in range(2):
        visitor = Client()
        answer = visitor.get(offer_url(offer))
        secret = visitor.cookies["csrftoken"].value
        tokens = ANY_TOKEN.findall(answer.text)
        assert len(tokens) >= 2, "the forms' and htmx's"
        assert {unmask(token) for token in tokens} == {secret}
        assert secret != first.cookies["csrftoken"].value


def test_the_language_switch_of_a_kept_page_works() -> None:
    offer = offer_make()
    Client().get(offer_url(offer))
    visitor = Client(enforce_csrf_checks=True)
    token = TOKEN.findall(visitor.get(offer_url(offer)).text)[0]

    answer = visitor.post(reverse("set_language"), {"language": "en", "csrfmiddlewaretoken": token})

    assert answer.status_code == 302
    assert visitor.cookies["django_language"].value == "en"


def test_a_page_marked_never_cache_and_an_htmx_answer_are_not_kept(client: Client) -> None:
    assert client.get(reverse("accounts:login")).status_code == 200
    assert client.get("/angebote/", HTTP_HX_REQUEST="true").status_code == 200

    assert kept() == 0


def _answer(**headers: str) -> HttpResponse:
    return HttpResponse("Hallo", headers=headers)


def test_only_plain_public_answers_are_cacheable(rf: RequestFactory) -> None:
    request = rf.get("/")
    request.session = SessionStore()
    with_cookie = _answer()
    with_cookie.set_cookie("seen", "1")
    not_found = _answer()
    not_found.status_code = 404
    refused = [
        with_cookie,
        not_found,
        HttpResponse(b"x" * (MAX_BYTES + 1)),
        StreamingHttpResponse(iter([b"Hallo"])),
        _answer(**{"Cache-Control": "private"}),
        _answer(**{"Cache-Control": "no-store"}),
        _answer(Vary="Accept-Language, Authorization"),
    ]

    assert _cacheable_response(request, _answer(Vary="Cookie, Accept-Language"))
    assert [_cacheable_response(request, answer) for answer in refused] == [False] * 7
    request.session["note"] = "changed"
    assert not _cacheable_response(request, _answer())


def test_page_cache_seconds_zero_turns_it_off(client: Client, settings: Settings) -> None:
    settings.PAGE_CACHE_SECONDS = 0
    client.get(offer_url(offer_make()))

    assert kept() == 0
