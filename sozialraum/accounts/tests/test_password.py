"""Changing a password, and setting a new one through a link sent by e-mail."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from sozialraum.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Quartiersarbeit-im-Norden-7"
CHANGE = reverse("accounts:password_change")
RESET = reverse("accounts:password_reset")


def test_password_change_page_names_its_fields_for_password_managers() -> None:
    client = Client()
    client.force_login(UserFactory.create())
    content = client.get(CHANGE).content.decode()
    assert 'autocomplete="current-password"' in content
    assert content.count('autocomplete="new-password"') == 2


def test_changing_the_password_keeps_this_session_signed_in() -> None:
    user = UserFactory.create()
    client = Client()
    client.force_login(user)
    data = {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}

    response = client.post(CHANGE, data, follow=True)

    assert response.redirect_chain[-1][0] == reverse("accounts:password_change_done")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert client.get(reverse("accounts:home")).status_code == 200


def test_changing_the_password_signs_out_other_sessions() -> None:
    user = UserFactory.create()
    this, other = Client(), Client()
    this.force_login(user)
    other.force_login(user)
    data = {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}

    this.post(CHANGE, data)

    assert other.get(reverse("accounts:home")).status_code == 302


def test_a_wrong_current_password_changes_nothing() -> None:
    user = UserFactory.create()
    client = Client()
    client.force_login(user)
    data = {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}

    response = client.post(CHANGE, data)

    assert response.status_code == 200
    assert response.context["form"].errors["old_password"]
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_the_password_change_needs_sign_in() -> None:
    response = Client().get(CHANGE)
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_reset_link_sent_by_mail_sets_a_new_password(client: Client) -> None:
    user = UserFactory.create(email="anna@example.org", first_name="Anna", last_name="Schmidt")

    response = client.post(RESET, {"email": "anna@example.org"})

    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna@example.org"]
    assert message.subject == "Set a new password for Sozialraum"
    assert "Hello Anna Schmidt," in message.body
    link = re.search(r"http://testserver(/konto/passwort/neu/\S+/)", str(message.body))
    assert link is not None

    form_page = client.get(link.group(1), follow=True)
    assert form_page.context["validlink"]
    data = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    done = client.post(form_page.redirect_chain[-1][0], data)

    assert done["Location"] == reverse("accounts:password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert client.get(link.group(1), follow=True).context["validlink"] is False


def test_a_reset_for_an_unknown_address_looks_the_same_and_sends_nothing(client: Client) -> None:
    response = client.post(RESET, {"email": "nobody@example.org"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_a_broken_reset_link_explains_what_to_do(client: Client) -> None:
    url = reverse("accounts:password_reset_confirm", kwargs={"uidb64": "MQ", "token": "x-y"})
    response = client.get(url)
    assert response.status_code == 200
    assert "This link cannot be used any more" in response.content.decode()


def test_the_reset_form_asks_for_the_e_mail_address(client: Client) -> None:
    content = client.get(RESET).content.decode()
    assert '<label for="id_email"' in content
    assert 'autocomplete="email"' in content
