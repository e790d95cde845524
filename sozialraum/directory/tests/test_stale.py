"""Stale offers: providers are mailed the list once, not again within a week."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from pytest_django import Settings

from sozialraum.accounts.tests.factories import OrganisationFactory, user_with_role
from sozialraum.directory.models import StaleNotice
from sozialraum.directory.services_editing import stale_reminders_send
from sozialraum.directory.tests._pages import english, offer_make
from sozialraum.lib.access import Role

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
__all__ = ["english"]


def _run() -> str:
    out = StringIO()
    call_command("offers_flag_stale", stdout=out)
    return out.getvalue().strip()


def test_command_mails_each_provider_its_stale_offers_once(settings: Settings) -> None:
    settings.OFFER_STALE_DAYS = 30
    with_address = OrganisationFactory.create(email="info@traeger.example")
    offer_make("Alter Treff", provider=with_address, confirmed_days_ago=40)
    offer_make("Frischer Treff", provider=with_address, confirmed_days_ago=5)
    editors_only = OrganisationFactory.create(email="")
    editor = user_with_role(Role.PROVIDER_EDITOR, editors_only)
    offer_make("Nie bestätigt", provider=editors_only, confirmed_days_ago=None)

    summary = _run()
    assert summary.startswith("2 stale offers at 2 providers: 2 reminded")
    assert len(mail.outbox) == 2
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert "Alter Treff" in by_recipient["info@traeger.example"].body
    assert "Frischer Treff" not in by_recipient["info@traeger.example"].body
    assert "Nie bestätigt" in by_recipient[editor.email].body
    assert StaleNotice.objects.count() == 2

    assert "0 reminded, 2 already reminded" in _run()
    assert len(mail.outbox) == 2, "no second mail within the week"


def test_a_provider_is_reminded_again_after_a_week(settings: Settings) -> None:
    settings.OFFER_STALE_DAYS = 30
    organisation = OrganisationFactory.create(email="info@traeger.example")
    offer_make("Alter Treff", provider=organisation, confirmed_days_ago=40)
    stale_reminders_send()
    report = stale_reminders_send(now=timezone.now() + dt.timedelta(days=8))
    assert report.mailed == 1
    assert len(mail.outbox) == 2


def test_provider_without_any_address_is_counted_not_mailed(settings: Settings) -> None:
    settings.OFFER_STALE_DAYS = 30
    offer_make("Alter Treff", provider=OrganisationFactory.create(), confirmed_days_ago=40)
    assert "1 without an e-mail address" in _run()
    assert mail.outbox == []
    assert not StaleNotice.objects.exists()
