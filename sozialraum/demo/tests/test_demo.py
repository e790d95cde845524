"""The demo: everything loads from the shipped files, a second run changes nothing, and
every printed login works."""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from django.db.models import Max

from sozialraum.accounts.models import User
from sozialraum.accounts.services import second_factor_verify
from sozialraum.demo.services import DEMO_PASSWORD, USERS
from sozialraum.directory.models import Offer
from sozialraum.districts.models import District

pytestmark = pytest.mark.django_db


def _state() -> dict[str, object]:
    """Row counts of every model of ours, and the latest change time of each."""
    state: dict[str, object] = {}
    for model in apps.get_models():
        if model._meta.app_label not in {"accounts", "districts", "directory", "otp_static"}:
            continue
        rows = model._default_manager.all()
        state[model._meta.label] = rows.count()
        if any(f.name == "updated_at" for f in model._meta.get_fields()):
            state[f"{model._meta.label}.updated"] = rows.aggregate(Max("updated_at"))
    return state


def _demo() -> str:
    out = StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def first_run(django_db_setup: None, django_db_blocker: Any) -> Iterator[str]:
    """The demo's first run, loaded once for this module's tests (20-30 s each) inside a
    transaction rolled back after the last of them; each test runs in a savepoint within
    it, so what one test changes the next does not see. Yields what the command printed."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _demo()
        transaction.set_rollback(True)


def test_demo_loads_real_districts_offers_and_one_user_per_role(first_run: str) -> None:
    output = first_run
    assert District.objects.filter(code__startswith="flensburg:").count() == 13 + 41
    assert District.objects.filter(code__startswith="kiel:").count() == 30
    assert Offer.objects.filter(external_id__startswith="flensburg-kita:").count() == 70
    assert Offer.objects.filter(is_demo=True).count() >= 10
    assert not Offer.objects.filter(is_demo=False, external_id__startswith="demo:").exists()
    for username, *_rest in USERS:
        assert username in output
        assert User.objects.get(username=username).check_password(DEMO_PASSWORD)
    assert "Wiederherstellungscodes" in output


def test_a_second_demo_run_changes_nothing(first_run: str) -> None:
    before = _state()
    output = _demo()
    assert _state() == before
    assert "already loaded" in output


def test_staff_logins_print_recovery_codes_that_pass_the_second_factor(first_run: str) -> None:
    line = next(row for row in first_run.splitlines() if "Wiederherstellungscodes" in row)
    code = line.split(":")[-1].split()[0]
    staff = User.objects.get(username="lotsin")
    assert staff.requires_second_factor
    device = second_factor_verify(user=staff, code=code)
    assert device.user_id == staff.pk


def test_the_demo_offers_are_found_by_a_residents_search(first_run: str) -> None:
    from sozialraum.directory.search import OfferQuery, offer_search

    assert offer_search(OfferQuery(text="Mittagstisch")).total > 0
