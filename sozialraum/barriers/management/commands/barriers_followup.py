"""Scheduled daily: queue the questions to reporters whose barrier was marked fixed some
weeks ago ("Is it really fixed?"), and list them."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.urls import reverse

from sozialraum.barriers.services import follow_ups_queue


class Command(BaseCommand):
    help = (
        "Marks every follow-up question whose day has come and that is neither queued nor "
        "answered as queued (it then shows on the reporter's start page with a link to "
        "answer), prints one line per question (user, barrier, answer page) and a one-line "
        "summary. Idempotent: a question is queued once."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        queued = follow_ups_queue()
        for question in queued:
            page = reverse("barriers:follow_up", kwargs={"follow_up_pk": question.pk})
            self.stdout.write(
                f"{question.asked.username}: barrier {question.barrier_id} "
                f"({question.barrier.kind}) -> {page}"
            )
        self.stdout.write(f"{len(queued)} follow-up question(s) queued.")
