"""Person-centred planning: the person's will, goals in life areas, the resource ladder per
goal, the plan with its versions, reviews with self-ratings, referrals to offers of the
Quartier (Weg-Weisung) and the subjective map.

Writes that touch several rows or carry a rule (finalising a plan, moving a referral on)
go through ``services.py``; pages read a person only through
``casework.access.person_for_user``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sozialraum.directory.models import Category, Offer
from sozialraum.districts.models import District

_RATING = [MinValueValidator(0), MaxValueValidator(10)]


class LifeArea(models.Model):
    """One of the nine life areas of the ICF's activities and participation (d1 learning
    and applying knowledge ... d9 community, social and civic life), which the BTHG's
    assessment instruments use to order goals. Kept as data (seeded by a migration);
    ``name`` and ``plain_name`` are shown as stored (German)."""

    code = models.CharField(_("code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=120)
    plain_name = models.CharField(_("name in plain words"), max_length=120)

    class Meta:
        db_table = "casework_lifearea"
        verbose_name = _("life area")
        verbose_name_plural = _("life areas")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.plain_name} ({self.code})"


class WillStatement(models.Model):
    """The person's will in their own words ("Wie will ich leben? Was ist mir wichtig?"),
    kept verbatim with the day it was said. Never edited: a changed will is a new
    statement, so the history of what the person said stays as they said it."""

    person = models.ForeignKey(
        "casework.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="will_statements",
    )
    text = models.TextField(_("in the person's own words"))
    said_on = models.DateField(_("said on"), default=dt.date.today)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        db_table = "casework_willstatement"
        verbose_name = _("statement of will")
        verbose_name_plural = _("statements of will")
        ordering = ["-said_on", "-recorded_at"]

    def __str__(self) -> str:
        return f"{self.said_on:%Y-%m-%d}: {self.text[:60]}"


class GoalStatus(models.TextChoices):
    OPEN = "open", _("being worked on")
    REACHED = "reached", _("reached")
    DROPPED = "dropped", _("no longer wanted")


class Goal(models.Model):
    """A goal of the person in plain words, in one life area, with how the person will
    know it is reached. ``known_already`` is the answer to the first question of the
    Weg-Weisung, "Is there something you already know?", asked before any search."""

    person = models.ForeignKey(
        "casework.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="goals"
    )
    life_area = models.ForeignKey(
        LifeArea, verbose_name=_("life area"), on_delete=models.PROTECT, related_name="goals"
    )
    text = models.TextField(_("goal in plain words"))
    how_to_know = models.TextField(_("how I will know it is reached"))
    status = models.CharField(
        _("status"), max_length=10, choices=GoalStatus.choices, default=GoalStatus.OPEN
    )
    known_already = models.TextField(_("something the person already knows"), blank=True)
    known_already_at = models.DateTimeField(_("asked at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        db_table = "casework_goal"
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class Rung(models.TextChoices):
    """The rungs of the resource ladder, in the order they are asked."""

    SELF = "self", _("What I can do myself")
    NETWORK = "network", _("What my network can do")
    QUARTIER = "quartier", _("Institutions and offers of the Quartier")
    PROFESSIONAL = "professional", _("Professional help")
    FOR_OTHERS = "for_others", _("What I can do for others")


#: The ladder's order, the order of :class:`Rung`.
RUNG_ORDER: tuple[str, ...] = tuple(Rung.values)
#: Rungs whose entries are social-space parts of a plan (Kiel's rule).
SOCIAL_SPACE_RUNGS = frozenset({Rung.NETWORK, Rung.QUARTIER})


class ResourceEntry(models.Model):
    """One entry on a goal's resource ladder: what the person, their network, the Quartier
    or professional help contributes, or what the person can do for others. A Quartier
    entry may link a directory offer (or name a neighbourhood resource that is not in the
    directory); a network entry may link a contact of the network map. Professional help
    states its kind, hours per month and cost per month."""

    goal = models.ForeignKey(
        Goal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="resources"
    )
    rung = models.CharField(_("rung"), max_length=12, choices=Rung.choices)
    text = models.TextField(_("what"))
    offer = models.ForeignKey(
        Offer,
        verbose_name=_("offer of the directory"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    contact = models.ForeignKey(
        "networkmap.Contact",
        verbose_name=_("contact of the network map"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    professional_kind = models.CharField(_("kind of help"), max_length=200, blank=True)
    hours_per_month = models.DecimalField(
        _("hours per month"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    cost_per_month = models.DecimalField(
        _("cost per month (EUR)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        db_table = "casework_resourceentry"
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["goal", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(offer__isnull=True) | Q(rung="quartier"),
                name="resource_offer_only_on_quartier_rung",
            ),
            models.CheckConstraint(
                condition=Q(contact__isnull=True) | Q(rung="network"),
                name="resource_contact_only_on_network_rung",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_rung_display()}: {self.text[:60]}"

    def clean(self) -> None:
        if self.offer_id is not None and self.rung != Rung.QUARTIER:
            raise ValidationError({"offer": _("Only a Quartier entry can link an offer.")})
        if self.contact_id is not None and self.rung != Rung.NETWORK:
            raise ValidationError({"contact": _("Only a network entry can link a contact.")})
        if self.rung == Rung.PROFESSIONAL and not self.professional_kind:
            raise ValidationError(
                {"professional_kind": _("Please say what kind of professional help it is.")}
            )

    @property
    def is_social_space_part(self) -> bool:
        return self.rung in SOCIAL_SPACE_RUNGS


class Plan(models.Model):
    """The person's participation plan (Teilhabeplan/Gesamtplan). Its content lives in
    :class:`PlanVersion` rows: at most one draft at a time, and final versions frozen
    when they were finalised."""

    person = models.OneToOneField(
        "casework.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="plan"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        db_table = "casework_plan"
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self) -> str:
        return str(_("Plan of %(person)s") % {"person": self.person})


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    FINAL = "final", _("final")


class PlanVersion(models.Model):
    """One version of a plan: agreed steps, participants of the plan conference and the
    review date. A draft can be changed; finalising it freezes it (``document`` holds the
    whole plan as it was agreed, will and goals with their ladders included) and a later
    change starts a new draft from it."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=5, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    review_on = models.DateField(_("review date"), null=True, blank=True)
    finalised_at = models.DateTimeField(_("finalised at"), null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("finalised by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    document = models.JSONField(_("frozen plan"), default=dict, blank=True)

    class Meta:
        db_table = "casework_planversion"
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        ordering = ["plan", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_number_unique"),
            models.UniqueConstraint(
                fields=["plan"],
                condition=Q(status="draft"),
                name="plan_one_draft",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(finalised_at__isnull=False),
                name="plan_version_final_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} v{self.number} ({self.get_status_display()})"

    @property
    def is_final(self) -> bool:
        return self.status == VersionStatus.FINAL


class PlanStep(models.Model):
    """An agreed step of a plan version: what happens, who does it, by when."""

    version = models.ForeignKey(
        PlanVersion, verbose_name=_("plan version"), on_delete=models.CASCADE, related_name="steps"
    )
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("goal"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="steps",
    )
    what = models.TextField(_("what"))
    who = models.CharField(_("who"), max_length=200)
    due_on = models.DateField(_("by when"))

    class Meta:
        db_table = "casework_planstep"
        verbose_name = _("agreed step")
        verbose_name_plural = _("agreed steps")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.what[:60]


class PlanParticipant(models.Model):
    """Someone who took part in the plan conference: the person, relatives, neighbours,
    workers of organisations."""

    version = models.ForeignKey(
        PlanVersion,
        verbose_name=_("plan version"),
        on_delete=models.CASCADE,
        related_name="participants",
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role or relation"), max_length=200, blank=True)

    class Meta:
        db_table = "casework_planparticipant"
        verbose_name = _("participant of the plan conference")
        verbose_name_plural = _("participants of the plan conference")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


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


class ReferralState(models.TextChoices):
    SUGGESTED = "suggested", _("suggested")
    CONTACTED = "contacted", _("contacted")
    FIRST_VISIT = "first_visit", _("first visit")
    IN_USE = "in_use", _("in use")
    NOT_SUITABLE = "not_suitable", _("not suitable")
    NOTHING_FOUND = "nothing_found", _("nothing found")


#: States a referral can be moved to from each state.
REFERRAL_NEXT: dict[str, tuple[str, ...]] = {
    ReferralState.SUGGESTED: (ReferralState.CONTACTED, ReferralState.NOT_SUITABLE),
    ReferralState.CONTACTED: (ReferralState.FIRST_VISIT, ReferralState.NOT_SUITABLE),
    ReferralState.FIRST_VISIT: (ReferralState.IN_USE, ReferralState.NOT_SUITABLE),
    ReferralState.IN_USE: (ReferralState.NOT_SUITABLE,),
    ReferralState.NOT_SUITABLE: (),
    ReferralState.NOTHING_FOUND: (),
}
#: States in which a referral is over.
REFERRAL_ENDED = frozenset({ReferralState.NOT_SUITABLE, ReferralState.NOTHING_FOUND})


class GapReason(models.TextChoices):
    """Why an offer did not suit, or why nothing was found: a fixed list, so planning data
    never carries free text about a person."""

    TOO_FAR = "too_far", _("too far away")
    NOT_ACCESSIBLE = "not_accessible", _("not accessible enough")
    TOO_EXPENSIVE = "too_expensive", _("too expensive")
    WRONG_TIMES = "wrong_times", _("times do not fit")
    LANGUAGE = "language", _("language or communication does not fit")
    FULL = "full", _("no place free")
    NOT_WANTED = "not_wanted", _("the person did not like it")
    NO_OFFER = "no_offer", _("there is no such offer")
    OTHER = "other", _("another reason")


class Referral(models.Model):
    """A Weg-Weisung: from a goal of the person to an offer of the Quartier, followed until
    it ends: suggested, contacted, first visit, in use, or not suitable (with a reason).
    A referral in state "nothing found" has no offer and records a search without a
    fitting result. ``do_not_contact``: the provider must not contact the person (the
    person or the worker gets in touch). ``note_for_provider`` is all the provider reads
    besides the offer, the state and (unless ``do_not_contact``) how to reach the person.
    """

    person = models.ForeignKey(
        "casework.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="referrals",
    )
    goal = models.ForeignKey(
        Goal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="referrals"
    )
    offer = models.ForeignKey(
        Offer,
        verbose_name=_("offer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals",
    )
    state = models.CharField(
        _("state"), max_length=14, choices=ReferralState.choices, default=ReferralState.SUGGESTED
    )
    reason = models.CharField(_("reason"), max_length=16, choices=GapReason.choices, blank=True)
    follow_up_on = models.DateField(_("follow up on"), null=True, blank=True)
    do_not_contact = models.BooleanField(
        _("the provider must not contact the person"), default=False
    )
    note_for_provider = models.CharField(_("note for the provider"), max_length=300, blank=True)
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("worker"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="referrals",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        db_table = "casework_referral"
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="not_suitable") | ~Q(reason=""),
                name="referral_not_suitable_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(state="nothing_found") | Q(offer__isnull=False),
                name="referral_has_offer_unless_nothing_found",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.offer or '-'} ({self.get_state_display()})"

    @property
    def is_ended(self) -> bool:
        return self.state in REFERRAL_ENDED

    @property
    def next_states(self) -> tuple[str, ...]:
        return REFERRAL_NEXT[self.state]

    def is_due(self, today: dt.date) -> bool:
        return not self.is_ended and self.follow_up_on is not None and self.follow_up_on <= today


class ReferralEvent(models.Model):
    """A step in a referral's life: the state it moved to, when and by whom."""

    referral = models.ForeignKey(
        Referral, verbose_name=_("referral"), on_delete=models.CASCADE, related_name="events"
    )
    state = models.CharField(_("state"), max_length=14, choices=ReferralState.choices)
    at = models.DateTimeField(_("at"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        db_table = "casework_referralevent"
        verbose_name = _("referral step")
        verbose_name_plural = _("referral steps")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.state} {self.at:%Y-%m-%d}"


class ReferralGap(models.Model):
    """A referral that ended "not suitable" or "nothing found", as anonymous planning data
    (like the directory's ``SearchMiss``): the district, the category looked for or of the
    offer, the life area, the outcome, a reason from a fixed list and the month. No
    person, no offer, no free text, no exact date."""

    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referral_gaps",
    )
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referral_gaps",
    )
    life_area = models.CharField(_("life area"), max_length=2, blank=True)
    outcome = models.CharField(_("outcome"), max_length=14, choices=ReferralState.choices)
    reason = models.CharField(_("reason"), max_length=16, choices=GapReason.choices)
    month = models.DateField(_("month"))

    class Meta:
        db_table = "casework_referralgap"
        verbose_name = _("unmet need from a referral")
        verbose_name_plural = _("unmet needs from referrals")
        ordering = ["-month", "-pk"]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.outcome} {self.reason}"


class PlaceMark(models.TextChoices):
    USED = "used", _("I use it")
    LIKED = "liked", _("I like it")
    AVOIDED = "avoided", _("I avoid it")
    OUT_OF_REACH = "out_of_reach", _("out of reach for me")
    WISHED = "wished", _("I wish for it")


class OutOfReachWhy(models.TextChoices):
    BARRIER = "barrier", _("a barrier")
    COST = "cost", _("the cost")
    FEAR = "fear", _("fear")
    DISTANCE = "distance", _("the distance")


#: Colours of the marks on the map (also told in the table and the tooltip).
MARK_COLOURS: dict[str, str] = {
    PlaceMark.USED: "#0b5c8c",
    PlaceMark.LIKED: "#1a7f37",
    PlaceMark.AVOIDED: "#b3261e",
    PlaceMark.OUT_OF_REACH: "#8a5a00",
    PlaceMark.WISHED: "#6639ba",
}


class PersonalPlace(models.Model):
    """A place that matters to the person, on their subjective map (subjektive
    Landkarte): a point or an offer of the directory, marked as used, liked, avoided, out
    of reach (with why) or wished for."""

    person = models.ForeignKey(
        "casework.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="places",
    )
    name = models.CharField(_("name"), max_length=200)
    offer = models.ForeignKey(
        Offer,
        verbose_name=_("offer of the directory"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    latitude = models.FloatField(
        _("latitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.FloatField(
        _("longitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    mark = models.CharField(_("mark"), max_length=12, choices=PlaceMark.choices)
    why = models.CharField(
        _("why out of reach"), max_length=10, choices=OutOfReachWhy.choices, blank=True
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        db_table = "casework_personalplace"
        verbose_name = _("place that matters")
        verbose_name_plural = _("places that matter")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(offer__isnull=False)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="personal_place_point_or_offer",
            ),
            models.CheckConstraint(
                condition=~Q(mark="out_of_reach") | ~Q(why=""),
                name="personal_place_out_of_reach_has_why",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.offer_id is None and (self.latitude is None or self.longitude is None):
            errors["latitude"] = _("Choose an offer or give the point's latitude and longitude.")
        if self.mark == PlaceMark.OUT_OF_REACH and not self.why:
            errors["why"] = _("Please say why the place is out of reach.")
        if self.mark != PlaceMark.OUT_OF_REACH and self.why:
            errors["why"] = _("Only a place out of reach has a why.")
        if errors:
            raise ValidationError(errors)


class PlanChangeKind(models.TextChoices):
    RESOURCE = "resource", _("ladder entry")
    PLACE = "place", _("place that matters")
    REFERRAL = "referral", _("referral")


class PlanChangeAction(models.TextChoices):
    CHANGED = "changed", _("changed")
    REMOVED = "removed", _("removed")


class PlanChange(models.Model):
    """One entry in the history of a ladder entry, a place that matters or a referral:
    who, when and what changed as ``{field: [old, new]}`` (like the directory's
    ``OfferChange``). A removal keeps the removed row's content as ``{field: [old,
    None]}``, so the entry still says what was there. ``goal`` ties entries of the ladder
    and referrals to their goal's page after the row is gone."""

    kind = models.CharField(_("kind"), max_length=10, choices=PlanChangeKind.choices)
    object_id = models.PositiveIntegerField(_("entry number"))
    person = models.ForeignKey(
        "casework.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="plan_changes",
    )
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("goal"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="changes",
    )
    action = models.CharField(_("action"), max_length=10, choices=PlanChangeAction.choices)
    changes = models.JSONField(_("changes"), default=dict, encoder=DjangoJSONEncoder)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("change in the plan")
        verbose_name_plural = _("changes in the plan")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["kind", "object_id"], name="plan_change_object")]
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=PlanChangeAction.values),
                name="plan_change_known_action",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=PlanChangeKind.values), name="plan_change_known_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id} {self.action} {self.at:%Y-%m-%d %H:%M}"
