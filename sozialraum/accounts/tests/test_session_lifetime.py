"""Sessions end after a time without activity and after a maximum length."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import Settings

from sozialraum.accounts.middleware import LAST_SEEN, STARTED
from sozialraum.accounts.tests.factories import PASSWORD, user_with_role
from sozialraum.lib.access import Role

pytestmark = pytest.mark.django_db

HOME = reverse("accounts:home")
LOGIN = reverse("accounts:login")


@pytest.fixture
def clock(settings: Settings) -> Iterator[time_machine.Traveller]:
    settings.SESSION_IDLE_TIMEOUT = 60
    settings.SESSION_ABSOLUTE_LIFETIME = 150
    with time_machine.travel(timezone.now(), tick=False) as coordinates:
        yield coordinates


@pytest.fixture
def resident_client() -> Client:
    client = Client()
    resident = user_with_role(Role.RESIDENT)
    client.post(LOGIN, {"username": resident.username, "password": PASSWORD})
    return client


def test_a_session_idle_longer_than_the_timeout_ends(
    clock: time_machine.Traveller, resident_client: Client
) -> None:
    assert resident_client.get(HOME).status_code == 200
    clock.shift(61)

    response = resident_client.get(HOME, follow=True)

    assert response.redirect_chain[-1][0].startswith(LOGIN)
    assert not response.context["user"].is_authenticated
    content = response.content.decode()
    assert (
        "Your session has ended after 1 minute without activity. Please sign in again." in content
    )


def test_activity_keeps_the_session_alive_within_the_idle_timeout(
    clock: time_machine.Traveller, resident_client: Client
) -> None:
    for _minute in range(3):
        clock.shift(45)
        assert resident_client.get(HOME).status_code == 200


def test_a_session_ends_after_the_absolute_lifetime_despite_activity(
    clock: time_machine.Traveller, resident_client: Client
) -> None:
    for _step in range(3):
        clock.shift(45)
        assert resident_client.get(HOME).status_code == 200
    clock.shift(45)  # 180 seconds since sign-in, 45 since the last request

    response = resident_client.get(HOME, follow=True)

    assert not response.context["user"].is_authenticated
    assert "sessions last at most" in response.content.decode()


def test_an_ended_session_on_a_public_page_shows_the_page_signed_out(
    clock: time_machine.Traveller, resident_client: Client
) -> None:
    clock.shift(61)
    response = resident_client.get(reverse("districts:index"))
    assert response.status_code == 200
    assert not response.wsgi_request.user.is_authenticated
    assert "Your session has ended" in response.content.decode()


def test_a_session_without_a_start_stamp_gets_one(clock: time_machine.Traveller) -> None:
    client = Client()
    client.force_login(user_with_role(Role.RESIDENT))

    client.get(HOME)

    assert client.session[STARTED] == client.session[LAST_SEEN] == timezone.now().timestamp()


def test_the_last_seen_time_is_not_saved_on_every_request(
    clock: time_machine.Traveller, resident_client: Client
) -> None:
    seen = resident_client.session[LAST_SEEN]
    clock.shift(2)
    resident_client.get(HOME)
    assert resident_client.session[LAST_SEEN] == seen
    clock.shift(5)
    resident_client.get(HOME)
    assert resident_client.session[LAST_SEEN] > seen


EXTEND = reverse("accounts:session_extend")


def test_stay_signed_in_restarts_the_idle_clock_and_answers_the_seconds_left(
    clock: time_machine.Traveller, resident_client: Client
) -> None:
    started = resident_client.session[STARTED]
    clock.shift(5)  # within the stamp's write resolution: a page request would not save it

    response = resident_client.post(EXTEND)

    assert response.status_code == 200
    assert response.json() == {"idle_seconds": 60, "lifetime_seconds": 145}
    assert resident_client.session[LAST_SEEN] == timezone.now().timestamp()
    assert resident_client.session[STARTED] == started


def test_stay_signed_in_cannot_pass_the_absolute_lifetime(
    clock: time_machine.Traveller, resident_client: Client
) -> None:
    for _step in range(3):
        clock.shift(45)
        assert resident_client.post(EXTEND).status_code == 200
    assert resident_client.post(EXTEND).json() == {"idle_seconds": 60, "lifetime_seconds": 15}

    clock.shift(45)
    assert resident_client.post(EXTEND).status_code == 302


def test_stay_signed_in_needs_a_post_with_the_csrf_token(resident_client: Client) -> None:
    assert resident_client.get(EXTEND).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.cookies = resident_client.cookies
    assert strict.post(EXTEND).status_code == 403


def test_an_anonymous_visitor_cannot_extend_a_session() -> None:
    response = Client().post(EXTEND)
    assert response.status_code == 302
    assert response.headers["Location"].startswith(LOGIN)


def test_pages_carry_the_seconds_left_for_the_warning(
    clock: time_machine.Traveller, resident_client: Client
) -> None:
    clock.shift(20)
    content = resident_client.get(HOME).content.decode()
    assert 'data-idle-seconds="60"' in content  # the request itself counts as activity
    assert 'data-lifetime-seconds="130"' in content
    assert 'data-warn-seconds="30"' in content
    assert "sozialraum/session.js" in content


def test_anonymous_pages_have_no_session_warning() -> None:
    content = Client().get(LOGIN).content.decode()
    assert 'id="session-dialog"' not in content


def test_the_session_ended_message_is_wholly_german(
    clock: time_machine.Traveller, resident_client: Client
) -> None:
    clock.shift(61)
    response = resident_client.get(HOME, follow=True, headers={"accept-language": "de"})
    assert list(map(str, response.context["messages"])) == [
        "Ihre Sitzung wurde nach 1 Minute ohne Aktivität beendet. Bitte melden Sie sich erneut an."
    ]
