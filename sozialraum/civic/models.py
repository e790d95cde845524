"""The Mitmach-Kommune: residents' ideas for their district, their supports and comments,
and the city's answers through a configurable set of states."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sozialraum.districts.models import District


class IdeaCategory(models.TextChoices):
    """What an idea is about: the themes the planning office counts demand by."""

    SEATING = "seating", _("Benches and places to sit")
    GREEN = "green", _("Green spaces and trees")
    PLAY = "play", _("Play and sport")
    TRAFFIC = "traffic", _("Paths, crossings and traffic")
    ACCESSIBILITY = "accessibility", _("Barrier-free access")
    MEETING = "meeting", _("Places to meet and offers")
    CLEAN = "clean", _("Clean and safe")
    OTHER = "other", _("Something else")


class IdeaState(models.Model):
    """A state the city can give an idea in its answer (received, under review, planned,
    done, not possible), configurable by the city in the admin. New ideas get the state
    marked ``initial``; the state marked ``withdrawn`` only the author sets, by withdrawing
    their idea, and the city cannot answer with it."""

    key = models.SlugField(_("key"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=80)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    initial = models.BooleanField(_("state of new ideas"), default=False)
    withdrawn = models.BooleanField(_("withdrawn by the author"), default=False)
    closed = models.BooleanField(
        _("closed"), default=False, help_text=_("Closed ideas cannot be supported any more.")
    )

    class Meta:
        verbose_name = _("state of an idea")
        verbose_name_plural = _("states of ideas")
        ordering = ["order", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["initial"], condition=models.Q(initial=True), name="ideastate_one_initial"
            ),
            models.UniqueConstraint(
                fields=["withdrawn"],
                condition=models.Q(withdrawn=True),
                name="ideastate_one_withdrawn",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Idea(models.Model):
    """A resident's proposal for their district: a title, a text, a theme, a point (typed
    as an address or given as coordinates) that places it in a district, and optionally a
    photo (cleaned JPEG bytes, see :mod:`sozialraum.lib.images`). Public without the
    author's name unless the author chose to show it; when the author's account is
    deleted the idea stays, anonymous. ``flagged_at``: when the supports first reached the
    threshold that puts the idea before the planning office."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
    )
    show_name = models.BooleanField(_("show my name"), default=False)
    district = models.ForeignKey(
        District, verbose_name=_("district"), on_delete=models.PROTECT, related_name="ideas"
    )
    title = models.CharField(_("title"), max_length=120)
    text = models.TextField(_("description"), max_length=4000)
    category = models.CharField(_("theme"), max_length=20, choices=IdeaCategory.choices)
    address = models.CharField(_("address or place"), max_length=200, blank=True)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    photo = models.BinaryField(_("photo"), null=True, blank=True, editable=False)
    state = models.ForeignKey(
        IdeaState, verbose_name=_("state"), on_delete=models.PROTECT, related_name="ideas"
    )
    created_at = models.DateTimeField(_("proposed"), default=timezone.now, db_index=True)
    flagged_at = models.DateTimeField(_("flagged for the planning office"), null=True, blank=True)

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("civic:detail", kwargs={"pk": self.pk})

    @property
    def author_label(self) -> str:
        """What the public sees of the author: the name only if they chose to show it."""
        if self.show_name and self.author is not None:
            return self.author.get_full_name() or self.author.username
        return str(_("Resident from %(district)s") % {"district": self.district.name})


class VerifiedResident(models.Model):
    """A city office's record that it saw a resident in person: an identity document whose
    name and address in the city match the account. Only verified residents support ideas,
    so a support counts one person (not one e-mail address); proposing and commenting need
    no verification. Recorded by someone who answers for the city (see :mod:`.rules`)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resident"),
        on_delete=models.CASCADE,
        related_name="resident_verification",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("verified by the office"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("verified"), default=timezone.now)

    class Meta:
        verbose_name = _("verified resident")
        verbose_name_plural = _("verified residents")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.verified_at:%Y-%m-%d}"


class VerificationWithdrawal(models.Model):
    """The record that someone who answers for the city withdrew a resident's verification
    (for example: the identity document turned out to be someone else's), with the reason.
    The verification itself is deleted, so the resident no longer supports ideas until an
    office verifies them again; supports given before stay. The resident sees these
    records on their own data page; they go with the account."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resident"),
        on_delete=models.CASCADE,
        related_name="verification_withdrawals",
    )
    verified_at = models.DateTimeField(_("verified"))
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("withdrawn by the office"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), default=timezone.now)
    reason = models.TextField(_("reason"), max_length=1000)

    class Meta:
        verbose_name = _("withdrawn verification")
        verbose_name_plural = _("withdrawn verifications")
        ordering = ["-withdrawn_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(reason=""), name="verificationwithdrawal_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.withdrawn_at:%Y-%m-%d}"


class Support(models.Model):
    """A verified resident's support of an idea: one per resident and idea. A deleted
    account's supports are removed with it (see ``civic_user_data_delete``)."""

    idea = models.ForeignKey(
        Idea, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="supports"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resident"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="idea_supports",
    )
    created_at = models.DateTimeField(_("supported"), default=timezone.now)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(fields=["idea", "user"], name="support_one_per_resident"),
        ]

    def __str__(self) -> str:
        return f"{self.idea_id}/{self.user_id}"


class Comment(models.Model):
    """A resident's contribution to the discussion of an idea. Residents report comments;
    a moderator (see :mod:`.rules`) hides them, and a hidden comment is no longer shown."""

    idea = models.ForeignKey(
        Idea, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="idea_comments",
    )
    text = models.TextField(_("comment"), max_length=2000)
    created_at = models.DateTimeField(_("written"), default=timezone.now, db_index=True)
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hidden by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.idea_id}: {self.text[:40]}"


class CommentReport(models.Model):
    """A resident's report that a comment breaks the rules (one per resident and comment);
    reported comments wait in the moderators' queue until hidden or dismissed."""

    comment = models.ForeignKey(
        Comment, verbose_name=_("comment"), on_delete=models.CASCADE, related_name="reports"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("reported"), default=timezone.now)
    settled_at = models.DateTimeField(_("settled"), null=True, blank=True)

    class Meta:
        verbose_name = _("report of a comment")
        verbose_name_plural = _("reports of comments")
        constraints = [
            models.UniqueConstraint(fields=["comment", "user"], name="commentreport_one_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.comment_id}/{self.user_id}"


class Answer(models.Model):
    """The city's answer to an idea: a state and a public text, drafted by someone of a
    city organisation and public only once published (then with its date); publishing
    moves the idea to the answer's state and notifies the author and the supporters."""

    idea = models.ForeignKey(
        Idea, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="answers"
    )
    state = models.ForeignKey(
        IdeaState, verbose_name=_("state"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("public text"), max_length=4000)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("answered for"),
        on_delete=models.PROTECT,
        related_name="idea_answers",
    )
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drafted by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    drafted_at = models.DateTimeField(_("drafted"), default=timezone.now)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["published_at", "drafted_at", "pk"]

    def __str__(self) -> str:
        return f"{self.idea_id}: {self.state}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Notification(models.Model):
    """A message in a resident's start section: the city answered an idea they proposed or
    support. Shown until read."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resident"),
        on_delete=models.CASCADE,
        related_name="idea_notifications",
    )
    idea = models.ForeignKey(
        Idea, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="notifications"
    )
    answer = models.ForeignKey(
        Answer, verbose_name=_("answer"), on_delete=models.CASCADE, related_name="notifications"
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "answer"], name="notification_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.idea_id}"
