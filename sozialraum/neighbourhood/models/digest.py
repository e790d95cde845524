"""Digests: the e-mails of new nearby posts sent to members."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .groups import Member
from .posts import Post


class Digest(models.Model):
    """One e-mail of new posts near a member, in the categories they help with: when it
    was sent, the time up to which it looked (the next digest starts there, so no post is
    sent twice) and the posts it listed. A member gets no e-mail, and no row, when there
    is nothing new."""

    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.CASCADE, related_name="digests"
    )
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    until = models.DateTimeField(_("posts up to"))
    posts = models.ManyToManyField(Post, verbose_name=_("posts"), related_name="+", blank=True)

    class Meta:
        verbose_name = _("digest")
        verbose_name_plural = _("digests")
        ordering = ["-until", "-pk"]
        indexes = [models.Index(fields=["member", "until"], name="help_digest_member_until")]

    def __str__(self) -> str:
        return f"{self.member} {self.sent_at:%Y-%m-%d %H:%M}"
