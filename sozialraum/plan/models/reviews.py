"""Reviews of the plan, what happened per goal, and the person's self-ratings (life
satisfaction and participation per life area, 0-10)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .will import Goal, LifeArea

_RATING = [MinValueValidator(0), MaxValueValidator(10)]


class Review(models.Model):
    """A review of the plan: on which day, what happened per goal (in
    :class:`GoalReview`), with the person's self-ratings of that day."""

    person = models.ForeignKey(
        "casework.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="reviews",
    )
    held_on = models.DateField(_("held on"), default=dt.date.today)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        db_table = "casework_review"
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d}"


class GoalReview(models.Model):
    """What happened for one goal since the last review."""

    review = models.ForeignKey(
        Review, verbose_name=_("review"), on_delete=models.CASCADE, related_name="goal_reviews"
    )
    goal = models.ForeignKey(
        Goal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="reviews"
    )
    what_happened = models.TextField(_("what happened"))

    class Meta:
        db_table = "casework_goalreview"
        verbose_name = _("review of a goal")
        verbose_name_plural = _("reviews of goals")
        constraints = [
            models.UniqueConstraint(fields=["review", "goal"], name="goal_review_once"),
        ]

    def __str__(self) -> str:
        return self.what_happened[:60]


class SelfRating(models.Model):
    """The person's two short self-ratings on one day: life satisfaction (0-10) and, in
    :class:`AreaRating`, participation in each life area they chose. Taken at the start
    (no review) and at each review."""

    person = models.ForeignKey(
        "casework.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="self_ratings",
    )
    review = models.OneToOneField(
        Review,
        verbose_name=_("review"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="self_rating",
    )
    rated_on = models.DateField(_("rated on"), default=dt.date.today)
    life_satisfaction = models.PositiveSmallIntegerField(
        _("life satisfaction (0-10)"), validators=_RATING
    )

    class Meta:
        db_table = "casework_selfrating"
        verbose_name = _("self-rating")
        verbose_name_plural = _("self-ratings")
        ordering = ["rated_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(life_satisfaction__lte=10), name="self_rating_satisfaction_0_10"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rated_on:%Y-%m-%d}: {self.life_satisfaction}"


class AreaRating(models.Model):
    """How well the person takes part in one life area, in their own rating (0-10)."""

    rating = models.ForeignKey(
        SelfRating, verbose_name=_("self-rating"), on_delete=models.CASCADE, related_name="areas"
    )
    life_area = models.ForeignKey(
        LifeArea, verbose_name=_("life area"), on_delete=models.PROTECT, related_name="+"
    )
    participation = models.PositiveSmallIntegerField(_("participation (0-10)"), validators=_RATING)

    class Meta:
        db_table = "casework_arearating"
        verbose_name = _("participation rating")
        verbose_name_plural = _("participation ratings")
        ordering = ["life_area__code"]
        constraints = [
            models.UniqueConstraint(fields=["rating", "life_area"], name="area_rating_once"),
            models.CheckConstraint(
                condition=Q(participation__lte=10), name="area_rating_participation_0_10"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.life_area_id}: {self.participation}"
