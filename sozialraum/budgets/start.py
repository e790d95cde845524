"""The start page's section for pooled budgets: the planner's overview, the provider's
own budgets (links only, no query). Registered in :class:`~.apps.BudgetsConfig`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sozialraum.accounts.start import StartSection, start_section_register
from sozialraum.lib.access import Role, roles


def register() -> None:
    start_section_register(
        StartSection(
            key="budgets",
            title=_("Pooled budgets"),
            template="budgets/start_section.html",
            audience=roles(Role.PLANNER, Role.PROVIDER_EDITOR, Role.ADMIN),
            order=70,
        )
    )
