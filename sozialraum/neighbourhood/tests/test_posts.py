"""Verified members post offers and requests with a district only; the group page shows
posts near them in few queries; posting is rate limited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from sozialraum.accounts.tests.factories import signed_in_client
from sozialraum.neighbourhood import selectors, services
from sozialraum.neighbourhood.choices import Category, PostKind
from sozialraum.neighbourhood.models import Post

from .factories import coordinator_of, district_make, group_make, member_make, post_make, user_of

pytestmark = pytest.mark.django_db


def _form(district_pk: int, **extra: object) -> dict[str, object]:
    today = timezone.localdate()
    return {
        "kind": PostKind.REQUEST,
        "category": Category.SHOPPING,
        "district": district_pk,
        "text": "Wer kauft für mich ein?",
        "starts_on": today.isoformat(),
        "ends_on": (today + dt.timedelta(days=2)).isoformat(),
        "valid_days": 7,
        **extra,
    }


def test_a_verified_member_posts_a_request_for_a_district() -> None:
    group = group_make()
    district = district_make(name="Mürwik")
    member = member_make(group, district=district)
    url = reverse("neighbourhood:post_new", args=[group.organisation.slug])
    response = signed_in_client(user_of(member)).post(url, _form(district.pk))
    assert response.status_code == 302
    post = Post.objects.get()
    assert post.district == district and post.acted_by == member.user
    assert post.valid_until == timezone.localdate() + dt.timedelta(days=7)
    assert not post.trusted_person


def test_an_end_before_the_start_is_named_on_its_field() -> None:
    group = group_make()
    district = district_make()
    member = member_make(group, district=district)
    url = reverse("neighbourhood:post_new", args=[group.organisation.slug])
    yesterday = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    response = signed_in_client(user_of(member)).post(url, _form(district.pk, ends_on=yesterday))
    assert response.status_code == 200
    assert response.context["form"].errors["ends_on"]
    assert not Post.objects.exists()


def test_a_member_waiting_for_the_check_cannot_post() -> None:
    group = group_make()
    district = district_make()
    member = member_make(group, verified=False, district=district)
    url = reverse("neighbourhood:post_new", args=[group.organisation.slug])
    response = signed_in_client(user_of(member)).post(url, _form(district.pk))
    assert response.status_code == 200
    assert "not been checked" in response.content.decode()
    assert not Post.objects.exists()


def test_posting_is_rate_limited() -> None:
    group = group_make()
    member = member_make(group, district=district_make())
    for _number in range(services.POST_LIMIT.count):
        post_make(member)
    with pytest.raises(ValidationError, match="posted a lot"):
        services.post_create(
            member=member,
            acted_by=user_of(member),
            trusted_person=False,
            kind=PostKind.OFFER,
            category=Category.GARDEN,
            district=member.district,
            text="Rasen mähen",
            starts_on=timezone.localdate(),
            ends_on=timezone.localdate(),
            valid_until=timezone.localdate(),
        )


def test_a_coordinator_posts_for_a_member_as_trusted_person() -> None:
    group = group_make()
    district = district_make()
    member = member_make(group, district=district, without_smartphone=True)
    coordinator = coordinator_of(group)
    url = reverse("neighbourhood:post_for_member", args=[group.organisation.slug, member.pk])
    response = signed_in_client(coordinator).post(url, _form(district.pk))
    assert response.status_code == 302
    post = Post.objects.get()
    assert post.member == member and post.acted_by == coordinator and post.trusted_person


def test_nearby_posts_are_those_within_the_members_distance_fitting_categories_first() -> None:
    group = group_make()
    home = district_make(9.43, 54.78, name="Mürwik")
    near = district_make(9.45, 54.78, name="Sandberg")  # about 1.3 km east
    far = district_make(9.60, 54.90, name="Weit weg")
    member = member_make(group, district=home, radius_km=2, offers=[Category.GARDEN])
    other = member_make(group, name="Andere")
    shopping = post_make(other, district=home, category=Category.SHOPPING)
    garden = post_make(other, district=near, category=Category.GARDEN)
    post_make(other, district=far)
    post_make(member, district=home)
    post_make(other, district=home, closed_at=timezone.now())
    post_make(other, district=home, valid_until=timezone.localdate() - dt.timedelta(days=1))
    assert selectors.posts_nearby(member) == [garden, shopping]


def test_the_group_page_lists_posts_near_me_in_few_queries(
    django_assert_max_num_queries: object,
) -> None:
    group = group_make()
    home = district_make()
    member = member_make(group, district=home)
    other = member_make(group, name="Andere")
    for _number in range(12):
        post_make(other, district=home, text="Hilfe beim Einkauf")
    client = signed_in_client(user_of(member))
    with django_assert_max_num_queries(18):  # type: ignore[operator]
        response = client.get(group.get_absolute_url())
    assert response.status_code == 200
    assert response.content.decode().count("Andere") == 12
