from __future__ import annotations

from django.db import models


class DataVersion(models.Model):
    """One row (id 1) whose number changes with every write to public data: database
    triggers write a new random number on every insert, update or delete in a watched table
    (:mod:`sozialraum.lib.dataversion`), so every write path changes it, including
    importers, bulk statements and the admin, in any process."""

    version = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "data version"

    def __str__(self) -> str:
        return str(self.version)
