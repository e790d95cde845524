"""The admin: the platform operator configures the states of ideas (names, order, which
one new ideas get, which ones are closed). Ideas, comments and answers are written through
the pages, which keep the rules."""

from __future__ import annotations

from django.contrib import admin

from sozialraum.lib.admin_site import OperatorOnlyAdmin, admin_site

from .models import IdeaState


@admin.register(IdeaState, site=admin_site)
class IdeaStateAdmin(OperatorOnlyAdmin, admin.ModelAdmin):
    list_display = ["name", "key", "order", "initial", "withdrawn", "closed"]
