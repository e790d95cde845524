"""The district team's shared work (C10): case conferences with their agenda, minutes and
decisions as tasks, and Quartier projects with their actions and the hours each
organisation spent on them.

Everything belongs to one :class:`~sozialraum.accounts.models.DistrictTeam` and is seen
only by its members (:mod:`.access`). An agenda item may be about a person; the person is
shown only while a live consent for the district team's purpose lets the team see them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sozialraum.accounts.models import DistrictTeam, Organisation
from sozialraum.casework.models import Person
from sozialraum.districts.models import District


class Conference(models.Model):
    """A case conference (Fallberatung, Teamsitzung) of a district team: when and where it
    meets, who takes part (team members and guests by name), its agenda. Once closed, its
    agenda and minutes stand as recorded (decisions go on as tasks)."""

    team = models.ForeignKey(
        DistrictTeam,
        verbose_name=_("district team"),
        on_delete=models.CASCADE,
        related_name="conferences",
    )
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participants"),
        related_name="conferences",
        blank=True,
    )
    guests = models.TextField(
        _("guests"), blank=True, help_text=_("Names of guests, one per line.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("case conference")
        verbose_name_plural = _("case conferences")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%d.%m.%Y})"

    def get_absolute_url(self) -> str:
        return reverse("teamwork:conference", kwargs={"slug": self.team.slug, "pk": self.pk})

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    @property
    def guest_names(self) -> list[str]:
        return [line.strip() for line in self.guests.splitlines() if line.strip()]


class AgendaItem(models.Model):
    """One item of a conference's agenda: a topic, or a person the team may discuss
    because of a live consent for the district team's purpose; with its minutes."""

    conference = models.ForeignKey(
        Conference, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="items"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    topic = models.CharField(_("topic"), max_length=200)
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="agenda_items",
    )
    minutes = models.TextField(_("minutes"), blank=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["conference", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "position"], name="agenda_item_unique_position"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.topic}"


class Task(models.Model):
    """A decision of a conference (or of the team) to be done by one team member by a
    date; overdue while open after its due date."""

    team = models.ForeignKey(
        DistrictTeam,
        verbose_name=_("district team"),
        on_delete=models.CASCADE,
        related_name="tasks",
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks",
    )
    title = models.CharField(_("task"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible"),
        on_delete=models.PROTECT,
        related_name="team_tasks",
    )
    due_on = models.DateField(_("due on"))
    done_at = models.DateTimeField(_("done on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    def is_overdue(self, today: dt.date | None = None) -> bool:
        """Open after its due date (``today`` defaults to the local date)."""
        return not self.is_done and self.due_on < (today or timezone.localdate())


class ProjectKind(models.TextChoices):
    """What kind of work beyond the single case a project is."""

    LUNCH_TABLE = "lunch_table", _("Lunch table")
    ROUND_TABLE = "round_table", _("Round table of providers")
    PRESENCE_HOURS = "presence_hours", _("Presence hours at a meeting place")
    NETWORK = "network", _("Network work")
    OTHER = "other", _("Other Quartier project")


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    RUNNING = "running", _("running")
    PAUSED = "paused", _("paused")
    FINISHED = "finished", _("finished")


class Project(models.Model):
    """A Quartier project or piece of network work that belongs to no case (a lunch table
    started, a round table of providers, presence hours at a meeting place): its goals,
    partners, actions and the hours the team's organisations spend on it, in one of the
    team's districts."""

    team = models.ForeignKey(
        DistrictTeam,
        verbose_name=_("district team"),
        on_delete=models.CASCADE,
        related_name="projects",
    )
    district = models.ForeignKey(
        District, verbose_name=_("district"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=ProjectKind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.PLANNED
    )
    goals = models.TextField(_("goals"))
    partner_organisations = models.ManyToManyField(
        Organisation, verbose_name=_("partner organisations"), related_name="+", blank=True
    )
    partners = models.TextField(
        _("other partners"), blank=True, help_text=_("Partners not on the platform, free text.")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("Quartier project")
        verbose_name_plural = _("Quartier projects")
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("teamwork:project", kwargs={"slug": self.team.slug, "pk": self.pk})


class ProjectAction(models.Model):
    """One dated step of a project (the first lunch, a round-table meeting, a flyer)."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="actions"
    )
    on = models.DateField(_("date"))
    description = models.CharField(_("action"), max_length=300)

    class Meta:
        verbose_name = _("project action")
        verbose_name_plural = _("project actions")
        ordering = ["on", "pk"]

    def __str__(self) -> str:
        return self.description


class HoursEntry(models.Model):
    """Hours one organisation spent on a project on one day: the figures of the team's
    pooled budget (summed per organisation, district and quarter)."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="hours"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    worked_on = models.DateField(_("date"))
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("24"))],
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("hours entry")
        verbose_name_plural = _("hours entries")
        ordering = ["-worked_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours__gt=0) & models.Q(hours__lte=24),
                name="hours_entry_hours_in_a_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.hours} h ({self.worked_on:%d.%m.%Y})"
