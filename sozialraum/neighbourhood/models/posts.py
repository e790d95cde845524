"""Posts (offers and requests), matches, messages, blocks and reports."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sozialraum.districts.models import District

from ..choices import Category, PostKind
from .groups import Act, HelpGroup, Member


class Post(Act):
    """An offer of help or a request for it: a category, the district (coarse location
    only, never an address), a time window and how long it is valid. Other members of the
    group see it and can answer, which starts a :class:`Match`."""

    group = models.ForeignKey(
        HelpGroup, verbose_name=_("help group"), on_delete=models.CASCADE, related_name="posts"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.CASCADE, related_name="posts"
    )
    kind = models.CharField(_("offer or request"), max_length=10, choices=PostKind.choices)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    district = models.ForeignKey(
        District, verbose_name=_("district"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("what exactly"), max_length=1000)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    times = models.CharField(
        _("what time"), max_length=100, blank=True, help_text=_("For example: mornings.")
    )
    valid_until = models.DateField(_("show until"))
    created_at = models.DateTimeField(_("posted"), default=timezone.now, db_index=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="help_post_window_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.get_category_display()}"

    def get_absolute_url(self) -> str:
        return reverse("neighbourhood:post", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.closed_at is None and self.valid_until >= timezone.localdate()


class Match(Act):
    """Two members brought together over a post: the post's author and the member who
    answered (or whom a coordinator matched by hand). They can write to each other; their
    contact details are shown only when both have agreed."""

    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="matches"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("answered by"), on_delete=models.CASCADE, related_name="answers"
    )
    created_at = models.DateTimeField(_("matched"), default=timezone.now)
    author_agreed_at = models.DateTimeField(_("author agreed"), null=True, blank=True)
    member_agreed_at = models.DateTimeField(_("answering member agreed"), null=True, blank=True)

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["post", "member"], name="help_match_unique_member"),
        ]

    def __str__(self) -> str:
        return f"{self.post} – {self.member}"

    def get_absolute_url(self) -> str:
        return reverse("neighbourhood:match", kwargs={"pk": self.pk})

    @property
    def sides(self) -> tuple[Member, Member]:
        """(the post's author, the answering member)."""
        return self.post.member, self.member

    def other_side(self, member: Member) -> Member:
        author, answering = self.sides
        return answering if member.pk == author.pk else author

    def agreed_by(self, member: Member) -> bool:
        if member.pk == self.post.member_id:
            return self.author_agreed_at is not None
        return self.member_agreed_at is not None

    @property
    def contact_shared(self) -> bool:
        """Contact details are shown only when both sides have agreed."""
        return self.author_agreed_at is not None and self.member_agreed_at is not None

    @property
    def helper(self) -> Member:
        """Who helps: the author of an offer, the answering member of a request."""
        author, answering = self.sides
        return author if self.post.kind == PostKind.OFFER else answering

    @property
    def helped(self) -> Member:
        return self.other_side(self.helper)


class Message(Act):
    """A message between the two members of a match, kept inside the platform."""

    match = models.ForeignKey(
        Match, verbose_name=_("match"), on_delete=models.CASCADE, related_name="messages"
    )
    sender = models.ForeignKey(
        Member, verbose_name=_("sender"), on_delete=models.CASCADE, related_name="messages_sent"
    )
    text = models.TextField(_("message"), max_length=2000)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["sent_at", "pk"]

    def __str__(self) -> str:
        return f"{self.sender} {self.sent_at:%Y-%m-%d %H:%M}"


class Block(models.Model):
    """One member no longer wants messages from another: the blocked member cannot write
    to them any more (in any match)."""

    blocker = models.ForeignKey(
        Member, verbose_name=_("blocked by"), on_delete=models.CASCADE, related_name="blocks"
    )
    blocked = models.ForeignKey(
        Member, verbose_name=_("blocked member"), on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("blocked"), default=timezone.now)

    class Meta:
        verbose_name = _("block")
        verbose_name_plural = _("blocks")
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="help_block_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.blocker} – {self.blocked}"


class Report(models.Model):
    """A member reports abuse by another member; it waits in the coordinators' moderation
    queue until a coordinator has dealt with it."""

    group = models.ForeignKey(
        HelpGroup, verbose_name=_("help group"), on_delete=models.CASCADE, related_name="reports"
    )
    reporter = models.ForeignKey(
        Member, verbose_name=_("reported by"), on_delete=models.CASCADE, related_name="+"
    )
    about = models.ForeignKey(
        Member, verbose_name=_("about member"), on_delete=models.CASCADE, related_name="+"
    )
    match = models.ForeignKey(
        Match, verbose_name=_("match"), on_delete=models.SET_NULL, null=True, blank=True
    )
    reason = models.TextField(_("what happened"), max_length=2000)
    created_at = models.DateTimeField(_("reported"), default=timezone.now)
    resolved_at = models.DateTimeField(_("dealt with"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dealt with by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    outcome = models.TextField(_("what the coordinator did"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.reporter} – {self.about}"
