"""Reads of the Mitmach-Kommune: the ideas of a district (with their support counts, never
their photos), one idea with what the public may see of it, the demand by theme per
district, a resident's own ideas and notifications, and the city's queues."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404

from sozialraum.districts.models import District

from .models import Answer, Comment, CommentReport, Idea, IdeaCategory, Notification, Support

#: Every column of an idea but the photo (lists never load it); ``has_photo`` tells.
LIST_DEFER = ("photo",)


def _annotated(ideas: QuerySet[Idea]) -> QuerySet[Idea]:
    return (
        ideas.defer(*LIST_DEFER)
        .select_related("district", "state", "author")
        .annotate(
            support_count=Count("supports", distinct=True),
            has_photo=Q(photo__isnull=False),
        )
        .order_by("-created_at", "-pk")
    )


def in_district(district: District) -> Q:
    """The ideas placed in ``district`` or in one of its parts (up to three levels down)."""
    return (
        Q(district=district)
        | Q(district__parent=district)
        | Q(district__parent__parent=district)
        | Q(district__parent__parent__parent=district)
    )


def district_ideas(district: District, *, category: str = "") -> QuerySet[Idea]:
    """The district's ideas, newest first, with ``support_count`` and ``has_photo``."""
    ideas = Idea.objects.filter(in_district(district))
    if category:
        ideas = ideas.filter(category=category)
    return _annotated(ideas)


def idea_public(pk: int) -> Idea:
    """One idea with ``support_count`` and ``has_photo`` (without its photo); 404 if none."""
    idea = _annotated(Idea.objects.filter(pk=pk)).first()
    if idea is None:
        raise Http404
    return idea


def idea_photo(pk: int) -> bytes:
    photo = Idea.objects.filter(pk=pk).values_list("photo", flat=True).first()
    if not photo:
        raise Http404
    return bytes(photo)


def answers_public(idea: Idea) -> list[Answer]:
    """The published answers, oldest first: a draft is never public."""
    return list(
        idea.answers.filter(published_at__isnull=False)
        .select_related("state", "organisation")
        .order_by("published_at", "pk")
    )


def answer_draft_open(idea: Idea) -> Answer | None:
    return idea.answers.filter(published_at=None).select_related("state").first()


def comments_public(idea: Idea) -> list[Comment]:
    """The comments that are not hidden, oldest first."""
    return list(idea.comments.filter(hidden_at=None).order_by("created_at", "pk"))


def supported_by(idea: Idea, user: Any) -> bool:
    return bool(user.is_authenticated) and Support.objects.filter(idea=idea, user=user).exists()


@dataclass(frozen=True)
class ThemeDemand:
    """Demand for one theme in one district: how many ideas, how many supports."""

    district_id: int
    district: str
    district_slug: str
    category: str
    category_label: str
    ideas: int
    supports: int


def demand_by_theme(district: District | None = None) -> list[ThemeDemand]:
    """Counts of ideas and supports per district and theme (withdrawn ideas left out),
    in two grouped queries; for the planning office's dashboard."""
    ideas = Idea.objects.exclude(state__withdrawn=True)
    if district is not None:
        ideas = ideas.filter(in_district(district))
    keys = ("district_id", "district__name", "district__slug", "category")
    counts = ideas.values(*keys).annotate(n=Count("pk")).order_by(*keys)
    supports = {
        (row["idea__district_id"], row["idea__category"]): row["n"]
        for row in Support.objects.filter(idea__in=ideas)
        .values("idea__district_id", "idea__category")
        .annotate(n=Count("pk"))
        .order_by()
    }
    labels = dict(IdeaCategory.choices)
    return [
        ThemeDemand(
            district_id=row["district_id"],
            district=row["district__name"],
            district_slug=row["district__slug"],
            category=row["category"],
            category_label=str(labels.get(row["category"], row["category"])),
            ideas=row["n"],
            supports=supports.get((row["district_id"], row["category"]), 0),
        )
        for row in counts
    ]


def districts_with_ideas() -> list[tuple[District, int]]:
    """The districts that have ideas (by name), with how many."""
    rows = Idea.objects.values("district_id").annotate(n=Count("pk")).order_by()
    counts = {row["district_id"]: row["n"] for row in rows}
    districts = District.objects.defer("boundary", "boundary_display").filter(pk__in=counts)
    return [(d, counts[d.pk]) for d in districts.order_by("name")]


def resident_ideas(user: Any) -> list[Idea]:
    return list(_annotated(Idea.objects.filter(author=user))[:20])


def resident_notifications(user: Any) -> list[Notification]:
    """The resident's unread notifications, newest first."""
    return list(
        Notification.objects.filter(user=user, read_at=None)
        .select_related("idea", "answer__state")
        .defer("idea__photo")[:20]
    )


def flagged_ideas() -> QuerySet[Idea]:
    """Ideas whose supports reached the threshold, still without a published answer."""
    answered = Answer.objects.filter(idea=OuterRef("pk"), published_at__isnull=False)
    return _annotated(Idea.objects.filter(flagged_at__isnull=False).exclude(Exists(answered)))


def reported_comments() -> QuerySet[Comment]:
    """Visible comments with open reports, with how many, most reported first."""
    open_reports = CommentReport.objects.filter(comment=OuterRef("pk"), settled_at=None)
    return (
        Comment.objects.filter(Exists(open_reports), hidden_at=None)
        .select_related("idea")
        .defer("idea__photo")
        .annotate(report_count=Count("reports", filter=Q(reports__settled_at=None)))
        .order_by("-report_count", "created_at")
    )


def ideas_awaiting_answer() -> QuerySet[Idea]:
    """Ideas still in the initial state, oldest first."""
    return _annotated(Idea.objects.filter(state__initial=True)).order_by("created_at", "pk")


def account_by_email(email: str) -> Any:
    """The account signed up with ``email`` (compared without regard to case), or None."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(email__iexact=email.strip()).first()
