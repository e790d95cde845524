"""The access-log review: administrators only, filters, pages, a query budget."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from sozialraum.accounts.tests.factories import (
    platform_operator,
    signed_in_client,
    user_with_role,
)
from sozialraum.audit.models import AccessAction, AccessLogEntry
from sozialraum.audit.purposes import Purpose
from sozialraum.audit.services import access_log_write
from sozialraum.lib.access import Role

pytestmark = pytest.mark.django_db


def write(user: Any, person_ids: list[int], granted: bool = True) -> None:
    access_log_write(
        user=user,
        person_ids=person_ids,
        action=AccessAction.VIEW,
        purpose=Purpose.CASEWORK,
        granted=granted,
    )


def test_review_lists_entries_page_by_page_within_its_query_budget(
    django_assert_max_num_queries: Any,
) -> None:
    worker = user_with_role(Role.WORKER)
    write(worker, list(range(1, 121)))
    client = signed_in_client(platform_operator())
    client.get(reverse("districts:index"))

    with django_assert_max_num_queries(6):
        response = client.get(reverse("audit:log"))

    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 50
    assert response.context["page"].paginator.count == 120
    assert worker.username in response.text
    with django_assert_max_num_queries(6):
        last = client.get(reverse("audit:log"), {"page": 3})
    assert len(last.context["page"].object_list) == 20


def test_review_filters_by_person_user_date_and_refusals() -> None:
    worker, other = user_with_role(Role.WORKER), user_with_role(Role.WORKER)
    write(worker, [1, 2])
    write(other, [1], granted=False)
    client = signed_in_client(platform_operator())
    url = reverse("audit:log")
    today = timezone.localdate()

    def count(**params: Any) -> int:
        response = client.get(url, params)
        assert response.status_code == 200
        return int(response.context["page"].paginator.count)

    assert count(person=1) == 2
    assert count(user=worker.username) == 2
    assert count(person=1, refused_only="on") == 1
    assert count(date_from=today.isoformat(), date_to=today.isoformat()) == 3
    assert count(date_from=(today + timedelta(days=1)).isoformat()) == 0


def test_review_names_bad_filter_fields() -> None:
    client = signed_in_client(platform_operator())

    response = client.get(
        reverse("audit:log"), {"user": "nobody", "date_from": "2026-02-01", "date_to": "2026-01-01"}
    )

    errors = response.context["form"].errors
    assert "user" in errors and "date_to" in errors
    assert response.context["page"].paginator.count == 0


@pytest.mark.parametrize("role", [Role.WORKER, Role.COORDINATOR, Role.PLANNER])
def test_only_administrators_review_the_log(role: str) -> None:
    client = signed_in_client(user_with_role(role))

    assert client.get(reverse("audit:log")).status_code == 403


def test_django_admin_lists_the_log_read_only() -> None:
    write(user_with_role(Role.WORKER), [5])
    entry = AccessLogEntry.objects.get()
    client = signed_in_client(platform_operator())

    listing = client.get(reverse("admin:audit_accesslogentry_changelist"))
    change = client.post(
        reverse("admin:audit_accesslogentry_change", args=[entry.pk]), {"granted": ""}
    )
    delete = client.post(
        reverse("admin:audit_accesslogentry_delete", args=[entry.pk]), {"post": "yes"}
    )

    assert listing.status_code == 200
    assert change.status_code == 403 and delete.status_code == 403
    assert AccessLogEntry.objects.filter(pk=entry.pk, granted=True).exists()


def test_an_organisation_administrator_reviews_only_their_organisations_persons() -> None:
    from sozialraum.casework.tests.factories import PersonFactory

    own, foreign = PersonFactory.create(), PersonFactory.create()
    write(user_with_role(Role.WORKER, own.organisation), [own.pk, foreign.pk])
    client = signed_in_client(user_with_role(Role.ADMIN, own.organisation))

    review = client.get(reverse("audit:log"))
    listed = client.get(reverse("admin:audit_accesslogentry_changelist"))

    assert [row.person_id for row in review.context["page"].object_list] == [own.pk]
    assert [row.person_id for row in listed.context["cl"].result_list] == [own.pk]


def test_the_log_shows_when_in_berlin_local_time_never_utc() -> None:
    late_summer_evening_utc = datetime(2026, 7, 15, 23, 30, tzinfo=UTC)
    AccessLogEntry.objects.create(
        at=late_summer_evening_utc, action=AccessAction.VIEW, purpose=Purpose.CASEWORK, granted=True
    )
    client = signed_in_client(platform_operator())

    page = client.get(reverse("audit:log")).content.decode()

    assert "16.07.2026 01:30" in page
    assert "15.07.2026 23:30" not in page
