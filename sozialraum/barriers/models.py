"""Neighbourhood walks (Sozialraumbegehung) and the barriers they record, followed until
fixed: each barrier is routed to the office responsible, moves through its states with a
deadline per state, and asks its reporter some weeks after "fixed" whether it is."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sozialraum.accounts.models import Organisation
from sozialraum.directory.models import Place
from sozialraum.districts.models import District


class BarrierKind(models.TextChoices):
    """What stands in the way (the kinds of the BTHG-Kompass Sozialraumbegehung)."""

    STEP = "step", _("Step")
    KERB = "kerb", _("Kerb")
    MISSING_RAMP = "missing_ramp", _("Missing ramp")
    STEEP_SLOPE = "steep_slope", _("Steep slope")
    SURFACE = "surface", _("Bad surface")
    OBSTACLE = "obstacle", _("Obstacle on the way")
    NO_ACCESSIBLE_TOILET = "no_accessible_toilet", _("No accessible toilet")
    NO_HEARING_LOOP = "no_hearing_loop", _("No hearing loop")
    POOR_LIGHT = "poor_light", _("Poor light")
    SIGNAGE = "signage", _("Missing or unreadable signs")


class KerbShape(models.TextChoices):
    """A kerb as OpenStreetMap's ``kerb`` key describes it."""

    RAISED = "raised", _("raised")
    LOWERED = "lowered", _("lowered")
    FLUSH = "flush", _("flush")


class Severity(models.IntegerChoices):
    """How much the barrier hinders, on three levels."""

    LOW = 1, _("passable with effort")
    MEDIUM = 2, _("passable only with help")
    HIGH = 3, _("not passable")


class BarrierState(models.TextChoices):
    """Where a barrier stands on its way to being fixed."""

    OPEN = "open", _("open")
    ACKNOWLEDGED = "acknowledged", _("acknowledged")
    PLANNED = "planned", _("planned")
    FIXED = "fixed", _("fixed")
    WONT_FIX = "wont_fix", _("won't be fixed")


#: The states in which the office still has something to do.
ACTIVE_STATES = frozenset({BarrierState.OPEN, BarrierState.ACKNOWLEDGED, BarrierState.PLANNED})

#: Which state may follow which (reopening is its own step, see ``barrier_reopen``).
NEXT_STATES: dict[str, tuple[str, ...]] = {
    BarrierState.OPEN: (BarrierState.ACKNOWLEDGED, BarrierState.WONT_FIX),
    BarrierState.ACKNOWLEDGED: (BarrierState.PLANNED, BarrierState.FIXED, BarrierState.WONT_FIX),
    BarrierState.PLANNED: (BarrierState.FIXED, BarrierState.WONT_FIX),
    BarrierState.FIXED: (),
    BarrierState.WONT_FIX: (),
}


class Office(models.Model):
    """An office of the city or a body that fixes barriers (Tiefbauamt, Behindertenbeauftragte,
    a housing company), with how many days it has in each state before a barrier counts as
    overdue. Exactly one office may be the fallback that receives what no rule routes."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="barrier_offices",
        help_text=_("Its members move the office's barriers through their states."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    is_fallback = models.BooleanField(
        _("fallback office"),
        default=False,
        help_text=_("Receives every barrier that no routing rule sends elsewhere."),
    )
    days_open = models.PositiveIntegerField(
        _("days to acknowledge"), default=14, validators=[MinValueValidator(1)]
    )
    days_acknowledged = models.PositiveIntegerField(
        _("days to plan"), default=42, validators=[MinValueValidator(1)]
    )
    days_planned = models.PositiveIntegerField(
        _("days to fix once planned"), default=180, validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_fallback"],
                condition=models.Q(is_fallback=True),
                name="office_one_fallback",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def deadline_days(self, state: str) -> int | None:
        """Days a barrier may stay in ``state`` at this office; None for final states."""
        return {
            BarrierState.OPEN: self.days_open,
            BarrierState.ACKNOWLEDGED: self.days_acknowledged,
            BarrierState.PLANNED: self.days_planned,
        }.get(BarrierState(state))


class RoutingRule(models.Model):
    """Data, not code: barriers of ``kind`` in ``district`` (or in any district, when empty)
    go to ``office``. A rule for the district wins over one for any district."""

    kind = models.CharField(_("kind of barrier"), max_length=30, choices=BarrierKind.choices)
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: every district without a rule of its own."),
    )
    office = models.ForeignKey(
        Office, verbose_name=_("office"), on_delete=models.CASCADE, related_name="rules"
    )

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        ordering = ["kind", "district__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "district"], name="routingrule_one_per_kind_and_district"
            ),
            models.UniqueConstraint(
                fields=["kind"],
                condition=models.Q(district__isnull=True),
                name="routingrule_one_default_per_kind",
            ),
        ]

    def __str__(self) -> str:
        where = self.district.name if self.district else _("every district")
        return f"{self.get_kind_display()} / {where} -> {self.office}"


class Walk(models.Model):
    """A Sozialraumbegehung: a group walks a route through a district on a date and records
    what stands in their way. Participants are counted by what they bring to the walk
    (wheelchair, rollator, blindness, deafness), never named; the walk belongs to the
    organisation whose member organised it. ``route`` is a list of ``[lat, lon]`` points."""

    title = models.CharField(_("title"), max_length=200)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="walks",
    )
    district = models.ForeignKey(
        District, verbose_name=_("district"), on_delete=models.PROTECT, related_name="walks"
    )
    walked_on = models.DateField(_("date"))
    route = models.JSONField(_("route"), default=list, blank=True)
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organiser"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    participants = models.PositiveIntegerField(_("participants in all"), default=0)
    wheelchair_users = models.PositiveIntegerField(_("wheelchair users"), default=0)
    rollator_users = models.PositiveIntegerField(_("rollator users"), default=0)
    blind_participants = models.PositiveIntegerField(_("blind or partially sighted"), default=0)
    deaf_participants = models.PositiveIntegerField(_("deaf or hard of hearing"), default=0)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("neighbourhood walk")
        verbose_name_plural = _("neighbourhood walks")
        ordering = ["-walked_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("barriers:walk", kwargs={"walk_pk": self.pk})


class Barrier(models.Model):
    """Something on a walk (or reported through Open311) that stands in the way: its kind,
    how much it hinders, where it is, a photo without location metadata, and its way
    through the office it was routed to. ``state_since`` starts the state's deadline."""

    walk = models.ForeignKey(
        Walk,
        verbose_name=_("walk"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="barriers",
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="barriers",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=BarrierKind.choices)
    kerb_shape = models.CharField(_("kerb"), max_length=10, choices=KerbShape.choices, blank=True)
    height_cm = models.PositiveIntegerField(
        _("height in cm"), null=True, blank=True, validators=[MaxValueValidator(300)]
    )
    severity = models.PositiveSmallIntegerField(
        _("severity"), choices=Severity.choices, default=Severity.MEDIUM
    )
    permanent = models.BooleanField(_("permanent"), default=True)
    latitude = models.FloatField(
        _("latitude"), validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    longitude = models.FloatField(
        _("longitude"), validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    photo = models.BinaryField(_("photo"), null=True, blank=True, editable=False)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    office = models.ForeignKey(
        Office,
        verbose_name=_("office responsible"),
        on_delete=models.PROTECT,
        related_name="barriers",
    )
    state = models.CharField(
        _("state"), max_length=20, choices=BarrierState.choices, default=BarrierState.OPEN
    )
    state_reason = models.TextField(_("reason"), blank=True)
    reported_at = models.DateTimeField(_("reported"), default=timezone.now)
    state_since = models.DateTimeField(_("in this state since"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("barrier")
        verbose_name_plural = _("barriers")
        ordering = ["-reported_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__gte=-90, latitude__lte=90)
                & models.Q(longitude__gte=-180, longitude__lte=180),
                name="barrier_position_in_range",
            ),
            models.CheckConstraint(
                condition=~models.Q(state=BarrierState.WONT_FIX) | ~models.Q(state_reason=""),
                name="barrier_wont_fix_has_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(kind=BarrierKind.KERB) | models.Q(kerb_shape=""),
                name="barrier_kerb_shape_only_for_kerbs",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.address or self.pk})"

    def get_absolute_url(self) -> str:
        return reverse("barriers:barrier", kwargs={"barrier_pk": self.pk})

    @property
    def has_photo(self) -> bool:
        return bool(self.photo)

    def due_at(self) -> dt.datetime | None:
        """When the current state's deadline at the office runs out (None once final)."""
        days = self.office.deadline_days(self.state)
        return None if days is None else self.state_since + dt.timedelta(days=days)

    def is_overdue(self, now: dt.datetime | None = None) -> bool:
        due = self.due_at()
        return due is not None and due < (now or timezone.now())

    def next_states(self) -> tuple[str, ...]:
        return NEXT_STATES[self.state]


class BarrierEvent(models.Model):
    """One step in a barrier's history: reported, routed, a state change, reopened, a
    reporter's answer. Who did it and why, for the office and the walk's team."""

    barrier = models.ForeignKey(
        Barrier, verbose_name=_("barrier"), on_delete=models.CASCADE, related_name="events"
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    state = models.CharField(_("state"), max_length=20, choices=BarrierState.choices)
    office = models.ForeignKey(
        Office, verbose_name=_("office"), on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("barrier event")
        verbose_name_plural = _("barrier events")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.barrier_id}: {self.get_state_display()}"


class FollowUp(models.Model):
    """The question to the reporter some weeks after "fixed": is it really fixed? Queued
    by ``barriers_followup`` once ``due_on`` has come; an answer "no" reopens the barrier."""

    barrier = models.ForeignKey(
        Barrier, verbose_name=_("barrier"), on_delete=models.CASCADE, related_name="follow_ups"
    )
    asked = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked"),
        on_delete=models.CASCADE,
        related_name="barrier_follow_ups",
    )
    due_on = models.DateField(_("ask on"))
    queued_at = models.DateTimeField(_("queued"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    still_fixed = models.BooleanField(_("still fixed"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("follow-up question")
        verbose_name_plural = _("follow-up questions")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"{self.barrier_id} ({self.due_on})"


class ReportStatus(models.TextChoices):
    """How far the place's provider has looked at what a walk reported."""

    PENDING = "pending", _("not yet reviewed by the provider")
    ACCEPTED = "accepted", _("confirmed by the provider")
    REJECTED = "rejected", _("rejected by the provider")


class PlaceReport(models.Model):
    """A walk's finding about an offer's place: one accessibility fact of the place set to
    ``value`` because of ``barrier``. The fact shows at once, marked "reported by a walk";
    the provider confirms it, or rejects it and the fact goes back to ``previous``."""

    place = models.ForeignKey(
        Place, verbose_name=_("place"), on_delete=models.CASCADE, related_name="walk_reports"
    )
    barrier = models.ForeignKey(
        Barrier, verbose_name=_("barrier"), on_delete=models.CASCADE, related_name="reports"
    )
    field = models.CharField(_("accessibility fact"), max_length=40)
    value = models.JSONField(_("reported value"), null=True)
    previous = models.JSONField(_("value before"), null=True)
    reported_on = models.DateField(_("reported on"))
    status = models.CharField(
        _("review"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.PENDING
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)

    class Meta:
        verbose_name = _("walk report on a place")
        verbose_name_plural = _("walk reports on places")
        ordering = ["-reported_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.place} {self.field}={self.value}"
