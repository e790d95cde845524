"""The ledger sums to zero under concurrent confirmations: threads with their own database
connections confirm many transfers at once (and some the same transfer twice); every
transfer is booked at most once, as two movements that cancel out."""

from __future__ import annotations

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError, close_old_connections, connection

from sozialraum.accounts.models import User
from sozialraum.neighbourhood import ledger, selectors
from sozialraum.neighbourhood.choices import Category, TransferStatus
from sozialraum.neighbourhood.models import Movement, Transfer

from .factories import coordinator_of, group_make, match_make, member_make, post_make, user_of

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 6
RETRY_SECONDS = 30


def _confirm_when_free(transfer: Transfer, actor: User) -> None:
    """Confirms; the test database on SQLite is in memory with a shared cache, where a
    second writer is refused at once ("table is locked") instead of waiting for the busy
    timeout as it does on a database file, so it tries again, as a waiting writer would,
    but only for RETRY_SECONDS: a lock that never frees fails the test instead of hanging it."""
    deadline = time.monotonic() + RETRY_SECONDS
    while True:
        try:
            ledger.transfer_confirm(transfer=transfer, actor=actor)
            return
        except OperationalError as error:
            if connection.vendor != "sqlite" or "locked" not in str(error):
                raise
            if time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _confirm_concurrently(jobs: list[tuple[Transfer, User]]) -> list[int]:
    """Runs every (transfer, actor) confirmation in its own thread at once; returns the
    transfers whose confirmation was refused as already decided."""
    refused: list[int] = []
    failures: list[BaseException] = []
    start = threading.Barrier(len(jobs))

    def confirm(transfer: Transfer, actor: User) -> None:
        try:
            start.wait()
            _confirm_when_free(transfer, actor)
        except ValidationError:
            refused.append(transfer.pk)
        except Exception as error:  # reported below
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm, args=job) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    close_old_connections()
    assert failures == []
    return refused


def test_the_ledger_sums_to_zero_under_concurrent_confirmations() -> None:
    group = group_make()
    coordinator = coordinator_of(group)
    helped = member_make(group, name="Frau A.")
    helpers = [member_make(group, name=f"Helfer {n}") for n in range(THREADS)]
    post = post_make(helped)
    transfers = []
    for number, helper in enumerate(helpers):
        match = match_make(post, helper)
        transfers.append(
            ledger.transfer_propose(
                match=match,
                proposer=helper,
                minutes=30 + number,
                reason="Einkauf",
                acted_by=user_of(helper),
            )
        )
    # Each transfer is confirmed by two threads at once: the helped member and a coordinator.
    assert helped.user is not None
    jobs = [(t, helped.user) for t in transfers] + [(t, coordinator) for t in transfers]
    refused = _confirm_concurrently(jobs)

    # Every transfer's second confirmation was refused (on SQLite a read after a commit
    # may meet "locked" and be tried again, which then is refused too: a set, not a list).
    assert set(refused) == {t.pk for t in transfers}
    assert Transfer.objects.filter(status=TransferStatus.CONFIRMED).count() == THREADS
    assert Movement.objects.count() == 2 * THREADS
    assert selectors.ledger_total(group) == 0
    assert selectors.balance(helped) == -sum(30 + n for n in range(THREADS))
    assert [selectors.balance(h) for h in helpers] == [30 + n for n in range(THREADS)]


def test_each_groups_ledger_sums_to_zero_under_concurrent_transfers_between_groups() -> None:
    group_a = group_make(transfers_between_groups=True)
    group_b = group_make(transfers_between_groups=True)
    coordinator_b = coordinator_of(group_b)
    helped = member_make(group_b, name="Frau B.")
    helpers = [member_make(group_a, name=f"Helfer {n}") for n in range(THREADS)]
    transfers = [
        ledger.transfer_propose_across(
            helper=helper,
            other_group=group_b,
            code=ledger.transfer_code(helped),
            minutes=30 + number,
            category=Category.SHOPPING,
            reason="Einkauf",
            acted_by=user_of(helper),
        )
        for number, helper in enumerate(helpers)
    ]
    assert helped.user is not None
    jobs = [(t, helped.user) for t in transfers] + [(t, coordinator_b) for t in transfers]
    refused = _confirm_concurrently(jobs)

    assert set(refused) == {t.pk for t in transfers}
    assert Transfer.objects.filter(status=TransferStatus.CONFIRMED).count() == THREADS
    assert Movement.objects.count() == 4 * THREADS
    assert selectors.ledger_total(group_a) == 0 and selectors.ledger_total(group_b) == 0
    total = sum(30 + n for n in range(THREADS))
    assert selectors.balance(helped) == -total
    assert [selectors.balance(h) for h in helpers] == [30 + n for n in range(THREADS)]
