"""The access log of personal data (Zugriffsprotokoll).

Every read of a person's data and every refused attempt writes one row. Rows are never
changed or deleted: the model and its queryset refuse it, and database triggers refuse an
UPDATE or DELETE issued in SQL and ids not assigned by the database (see
:mod:`sozialraum.audit.triggers`). Each row carries a keyed hash chained to the previous
row's, so a change made past all of this shows (:mod:`sozialraum.audit.chain`). A row holds only
ids, choices and a time, never free text, so it carries nothing about a person's health.

A row is about one data subject: a casework person (``person``) or, for the parts whose
subjects are users rather than persons (a help group's members, read by its
coordinators), a user account (``subject_user``). The person and user columns are foreign
keys without a database constraint and with ``DO_NOTHING``: deleting a person (at the end
of the retention period) or a user leaves their log rows untouched, keeping the bare id as
a pseudonym of someone no longer stored.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AccessLogImmutableError(Exception):
    """Raised when code tries to change or delete an access-log row."""


class AccessAction(models.TextChoices):
    """What was done with a person's data."""

    VIEW = "view", _("viewed")
    LIST = "list", _("listed")
    CREATE = "create", _("created")
    UPDATE = "update", _("changed")
    EXPORT = "export", _("exported")
    DELETE = "delete", _("deleted")


class AccessLogQuerySet(models.QuerySet["AccessLogEntry"]):
    """Rows can be added and read, never changed or deleted in bulk."""

    def update(self, **kwargs: Any) -> NoReturn:
        raise AccessLogImmutableError("Access-log rows cannot be changed.")

    def delete(self) -> NoReturn:
        raise AccessLogImmutableError("Access-log rows cannot be deleted.")


class AccessLogEntry(models.Model):
    """One access to a person's (or a user's) data, granted or refused: who, when, whose
    data, what was done, for which purpose. The purpose is one of the values of
    :class:`sozialraum.casework.models.Purpose` (checked by the writer, not by a database
    choice list, so apps can add purposes without a migration here)."""

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
    )
    person = models.ForeignKey(
        "casework.Person",
        verbose_name=_("person"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
    )
    subject_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user whose data"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=20, choices=AccessAction.choices)
    purpose = models.CharField(_("purpose"), max_length=30)
    granted = models.BooleanField(_("granted"))
    chain_hash = models.CharField(_("chain hash"), max_length=64, editable=False, default="")

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("access-log entry")
        verbose_name_plural = _("access-log entries")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["person", "at"], name="audit_log_person_at"),
            models.Index(fields=["user", "at"], name="audit_log_user_at"),
            models.Index(fields=["subject_user", "at"], name="audit_log_subject_user_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} user {self.user_id} person {self.person_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AccessLogImmutableError("Access-log rows cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AccessLogImmutableError("Access-log rows cannot be deleted.")

    @property
    def purpose_label(self) -> str:
        from .purposes import purpose_label

        return purpose_label(self.purpose)
