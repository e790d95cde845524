"""The pages of walks and barriers: who may do what, forms with clear messages, lists
within their query budgets, the photo served without metadata."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from sozialraum.accounts.tests.factories import signed_in_client, user_with_role
from sozialraum.barriers.models import Barrier, BarrierState, FollowUp, Walk
from sozialraum.barriers.services import barrier_transition
from sozialraum.lib.access import Role

from .factories import CAMERA, barrier_make, jpeg_bytes, office_make, walk_make, world

pytestmark = pytest.mark.django_db


def test_a_worker_plans_a_walk_with_a_route_of_clicked_points() -> None:
    w = world()
    client = signed_in_client(w["worker"])
    organisation = w["worker"].memberships.get().organisation
    answer = client.post(
        reverse("barriers:walk_add"),
        {
            "title": "Rund um den Südermarkt",
            "organisation": organisation.pk,
            "district": w["district"].pk,
            "walked_on": "2026-12-10",
            "participants": 5,
            "wheelchair_users": 2,
            "rollator_users": 1,
            "blind_participants": 1,
            "deaf_participants": 0,
            "route_text": "54.781, 9.431\n54.785, 9.435",
        },
    )
    assert answer.status_code == 302
    walk = Walk.objects.get(title="Rund um den Südermarkt")
    assert walk.route == [[54.781, 9.431], [54.785, 9.435]]
    assert walk.organiser == w["worker"]


def test_a_route_line_that_is_no_point_or_address_is_named() -> None:
    w = world()
    client = signed_in_client(w["worker"])
    answer = client.post(
        reverse("barriers:walk_add"),
        {
            "title": "x",
            "organisation": w["worker"].memberships.get().organisation.pk,
            "district": w["district"].pk,
            "walked_on": "2026-12-10",
            "participants": 1,
            "route_text": "54.781, 9.431\nirgendwo 99",
        },
    )
    assert answer.status_code == 200
    assert "2" in answer.context["form"].errors["route_text"][0]
    assert not Walk.objects.filter(title="x").exists()


def test_more_participants_by_need_than_in_all_is_refused() -> None:
    w = world()
    answer = signed_in_client(w["worker"]).post(
        reverse("barriers:walk_add"),
        {
            "title": "y",
            "organisation": w["worker"].memberships.get().organisation.pk,
            "district": w["district"].pk,
            "walked_on": "2026-12-10",
            "participants": 1,
            "wheelchair_users": 3,
        },
    )
    assert "participants" in answer.context["form"].errors


def test_a_barrier_with_photo_is_recorded_and_the_photo_served_without_metadata() -> None:
    w = world()
    client = signed_in_client(w["worker"])
    photo = SimpleUploadedFile("stufe.jpg", jpeg_bytes(), content_type="image/jpeg")
    answer = client.post(
        reverse("barriers:barrier_add", kwargs={"walk_pk": w["walk"].pk}),
        {
            "kind": "kerb",
            "kerb_shape": "raised",
            "height_cm": 8,
            "severity": 2,
            "permanent": "True",
            "latitude": 54.79,
            "longitude": 9.43,
            "notes": "Bordstein an der Ampel",
            "photo_upload": photo,
        },
    )
    assert answer.status_code == 302
    barrier = Barrier.objects.get()
    assert barrier.photo and bytes(barrier.photo)[:2] == b"\xff\xd8"
    served = client.get(reverse("barriers:photo", kwargs={"barrier_pk": barrier.pk}))
    assert served["Content-Type"] == "image/jpeg"
    assert CAMERA.encode() in jpeg_bytes()
    assert CAMERA.encode() not in served.content and b"Exif" not in served.content
    assert (
        Client().get(reverse("barriers:photo", kwargs={"barrier_pk": barrier.pk})).status_code
        == 302
    )


def test_a_kerb_without_shape_and_a_barrier_without_position_are_named() -> None:
    w = world()
    answer = signed_in_client(w["worker"]).post(
        reverse("barriers:barrier_add", kwargs={"walk_pk": w["walk"].pk}),
        {"kind": "kerb", "severity": 2, "permanent": "True"},
    )
    errors = answer.context["form"].errors
    assert "kerb_shape" in errors and "address" in errors
    assert not Barrier.objects.exists()


def test_a_walk_of_another_organisation_is_refused() -> None:
    w = world()
    stranger = user_with_role(Role.WORKER)
    client = signed_in_client(stranger)
    assert client.get(reverse("barriers:walk", kwargs={"walk_pk": w["walk"].pk})).status_code == 403
    answer = client.post(
        reverse("barriers:barrier_add", kwargs={"walk_pk": w["walk"].pk}),
        {"kind": "step", "severity": 2, "permanent": "True", "latitude": 54.79, "longitude": 9.43},
    )
    assert answer.status_code == 403
    assert not Barrier.objects.exists()


def test_only_the_offices_members_move_a_barrier_on() -> None:
    w = world()
    barrier = barrier_make(w["walk"], w["worker"])
    url = reverse("barriers:barrier", kwargs={"barrier_pk": barrier.pk})
    assert signed_in_client(w["worker"]).post(url, {"state": "acknowledged"}).status_code == 403
    clerk = user_with_role(Role.WORKER, w["fallback"].organisation)
    assert signed_in_client(clerk).post(url, {"state": "acknowledged"}).status_code == 302
    barrier.refresh_from_db()
    assert barrier.state == BarrierState.ACKNOWLEDGED


def test_wont_fix_without_reason_is_named_on_the_page() -> None:
    w = world()
    barrier = barrier_make(w["walk"], w["worker"])
    clerk = user_with_role(Role.WORKER, w["fallback"].organisation)
    url = reverse("barriers:barrier", kwargs={"barrier_pk": barrier.pk})
    answer = signed_in_client(clerk).post(url, {"state": "wont_fix", "note": ""})
    assert answer.status_code == 200
    assert "reason" in str(answer.context["transition"].errors).lower() or "Grund" in str(
        answer.context["transition"].errors
    )
    barrier.refresh_from_db()
    assert barrier.state == BarrierState.OPEN


def test_the_walks_team_reopens_a_fixed_barrier_from_its_page() -> None:
    w = world()
    barrier = barrier_make(w["walk"], w["worker"])
    barrier_transition(barrier=barrier, state=BarrierState.ACKNOWLEDGED, actor=w["worker"])
    barrier_transition(barrier=barrier, state=BarrierState.FIXED, actor=w["worker"])
    colleague = user_with_role(Role.COORDINATOR, w["walk"].organisation)
    url = reverse("barriers:barrier", kwargs={"barrier_pk": barrier.pk})
    assert (
        signed_in_client(colleague).post(url, {"reopen": "1", "note": "Noch da"}).status_code == 302
    )
    barrier.refresh_from_db()
    assert barrier.state == BarrierState.OPEN
    stranger = user_with_role(Role.WORKER)
    barrier_transition(barrier=barrier, state=BarrierState.WONT_FIX, actor=w["worker"], note="nein")
    assert signed_in_client(stranger).post(url, {"reopen": "1", "note": "x"}).status_code == 403


def test_the_follow_up_page_answers_only_its_reporter() -> None:
    w = world()
    barrier = barrier_make(w["walk"], w["worker"])
    barrier_transition(barrier=barrier, state=BarrierState.ACKNOWLEDGED, actor=w["worker"])
    barrier_transition(barrier=barrier, state=BarrierState.FIXED, actor=w["worker"])
    question = FollowUp.objects.get()
    url = reverse("barriers:follow_up", kwargs={"follow_up_pk": question.pk})
    assert signed_in_client(user_with_role(Role.WORKER)).get(url).status_code == 404
    answer = signed_in_client(w["worker"]).post(
        url, {"still_fixed": "no", "comment": "Stufe ist noch da"}
    )
    assert answer.status_code == 302
    barrier.refresh_from_db()
    assert barrier.state == BarrierState.OPEN


def test_the_office_list_flags_overdue_barriers_first(django_assert_max_num_queries: Any) -> None:
    w = world()
    clerk = user_with_role(Role.WORKER, w["fallback"].organisation)
    for _ in range(4):
        barrier_make(w["walk"], w["worker"])
    old = barrier_make(w["walk"], w["worker"], kind="poor_light")
    Barrier.objects.filter(pk=old.pk).update(state_since=old.state_since.replace(year=2025))
    client = signed_in_client(clerk)
    with django_assert_max_num_queries(12):
        answer = client.get(reverse("barriers:office"))
    rows = answer.context["rows"]
    assert rows[0].pk == old.pk and rows[0].is_overdue()
    assert len(rows) == 5
    assert answer.content.decode().count('class="badge stale"') == 1


def test_the_office_list_of_another_office_is_empty() -> None:
    w = world()
    barrier_make(w["walk"], w["worker"])
    other = office_make("Anderes Amt")
    clerk = user_with_role(Role.WORKER, other.organisation)
    assert list(signed_in_client(clerk).get(reverse("barriers:office")).context["rows"]) == []


def test_the_district_table_and_map_are_public_within_a_query_budget(
    django_assert_max_num_queries: Any,
) -> None:
    w = world()
    for _ in range(5):
        barrier_make(w["walk"], w["worker"])
    url = reverse("barriers:district", kwargs={"slug": w["district"].slug})
    with django_assert_max_num_queries(8):
        answer = Client().get(url)
    assert answer.status_code == 200
    assert len(answer.context["barriers"]) == 5
    assert len(answer.context["map"]["points"]) == 5
    assert "url" not in answer.context["map"]["points"][0]["properties"]


def test_the_walk_list_shows_only_the_users_organisations_walks(
    django_assert_max_num_queries: Any,
) -> None:
    w = world()
    for index in range(3):
        walk_make(w["worker"], w["district"], title=f"Begehung {index}")
    walk_make(user_with_role(Role.WORKER), w["district"], title="Fremde Begehung")
    client = signed_in_client(w["worker"])
    with django_assert_max_num_queries(10):
        answer = client.get(reverse("barriers:walks"))
    titles = [walk.title for walk in answer.context["walks"]]
    assert len(titles) == 4 and "Fremde Begehung" not in titles


def test_a_resident_may_not_see_walk_pages() -> None:
    resident = user_with_role(Role.RESIDENT)
    assert signed_in_client(resident).get(reverse("barriers:walks")).status_code == 403


def test_the_provider_confirms_a_walks_report_on_its_place() -> None:
    from sozialraum.barriers.models import PlaceReport, ReportStatus
    from sozialraum.directory.tests._pages import offer_make

    w = world()
    offer = offer_make(latitude=54.79, longitude=9.43)
    barrier_make(w["walk"], w["worker"], kind="no_hearing_loop")
    editor = user_with_role(Role.PROVIDER_EDITOR, offer.provider)
    client = signed_in_client(editor)
    page = client.get(reverse("barriers:place_reports"))
    report = PlaceReport.objects.get()
    assert list(page.context["reports"]) == [report]
    client.post(reverse("barriers:place_reports"), {"report": report.pk, "decision": "accept"})
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    foreign = signed_in_client(user_with_role(Role.PROVIDER_EDITOR))
    assert list(foreign.get(reverse("barriers:place_reports")).context["reports"]) == []


def test_the_export_carries_osm_tags_and_a11yjson() -> None:
    w = world()
    barrier_make(w["walk"], w["worker"], kind="kerb", kerb_shape="raised", height_cm=6, severity=3)
    data = (
        Client()
        .get(reverse("barriers:district_export", kwargs={"slug": w["district"].slug}))
        .json()
    )
    properties = data["features"][0]["properties"]
    assert properties["osm_tags"] == {
        "barrier": "kerb",
        "kerb": "raised",
        "kerb:height": "0.06",
        "wheelchair": "no",
    }
    assert properties["accessibility"]["accessibleWith"] == {"wheelchair": False}
    assert properties["accessibility"]["entrances"][0]["isLevel"] is False
