"""What personal data is used for: the purposes every consent (case work) and every access
(the access log) names. Here, at the bottom of the apps that need them, so the log and
every app above it read them from one place."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Purpose(models.TextChoices):
    """What personal data is used for; every consent and every access names one."""

    CASEWORK = "casework", _("Case work of the owning organisation")
    PLAN = "plan", _("Participation plan")
    REFERRAL = "referral", _("Referral to offers")
    NETWORK_MAP = "network_map", _("Network map")
    DISTRICT_TEAM = "district_team", _("District team case consultation")
    EXPORT = "export", _("Information for the person (GDPR Art. 15)")
    EARLY_WARNING = "early_warning", _("Early warning and outreach by the district team")


class UserPurpose(models.TextChoices):
    """What a user's own data (not a casework person's) is used for: the parts whose data
    subjects are user accounts, such as a help group's members. Kept apart from
    :class:`Purpose`, which every consent names; nobody consents to these, they follow from
    the membership."""

    NEIGHBOURLY_HELP = "neighbourly_help", _("Coordination of a neighbourly help group")


def purpose_label(value: str) -> str:
    """The label of a purpose of either kind (the value itself if unknown)."""
    labels = dict(Purpose.choices) | dict(UserPurpose.choices)
    return str(labels.get(value, value))
