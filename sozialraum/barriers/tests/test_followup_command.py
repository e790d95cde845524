"""The scheduled ``barriers_followup``: queues due questions once, and the start page
shows them to the reporter with a link to answer."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from sozialraum.accounts.tests.factories import signed_in_client
from sozialraum.barriers.models import BarrierState, FollowUp
from sozialraum.barriers.services import barrier_transition

from .factories import barrier_make, world

pytestmark = pytest.mark.django_db


def _run() -> str:
    out = io.StringIO()
    call_command("barriers_followup", stdout=out)
    return out.getvalue()


def test_the_command_queues_due_questions_once_and_the_start_page_links_them() -> None:
    w = world()
    barrier = barrier_make(w["walk"], w["worker"])
    barrier_transition(barrier=barrier, state=BarrierState.ACKNOWLEDGED, actor=w["worker"])
    barrier_transition(barrier=barrier, state=BarrierState.FIXED, actor=w["worker"])
    assert _run().endswith("0 follow-up question(s) queued.\n")
    question = FollowUp.objects.get()
    FollowUp.objects.filter(pk=question.pk).update(due_on=dt.date.today())
    output = _run()
    assert w["worker"].username in output and output.endswith("1 follow-up question(s) queued.\n")
    assert _run().endswith("0 follow-up question(s) queued.\n")
    start = signed_in_client(w["worker"]).get(reverse("start")).content.decode()
    assert reverse("barriers:follow_up", kwargs={"follow_up_pk": question.pk}) in start


def test_a_resident_who_reported_through_open311_is_asked_on_the_start_page() -> None:
    from sozialraum.accounts.tests.factories import user_with_role
    from sozialraum.lib.access import Role

    w = world()
    resident = user_with_role(Role.RESIDENT)
    barrier = barrier_make(None, resident)
    barrier_transition(barrier=barrier, state=BarrierState.ACKNOWLEDGED, actor=w["worker"])
    barrier_transition(barrier=barrier, state=BarrierState.FIXED, actor=w["worker"])
    FollowUp.objects.update(due_on=dt.date.today())
    _run()
    start = signed_in_client(resident).get(reverse("start")).content.decode()
    question = FollowUp.objects.get()
    assert reverse("barriers:follow_up", kwargs={"follow_up_pk": question.pk}) in start
    assert f'href="{reverse("barriers:walks")}"' not in start
