"""Keeping offers current: which offers count as stale, and reminding their providers.

An offer is stale when nobody confirmed it within ``OFFER_STALE_DAYS`` days (an offer never
confirmed is stale). Residents do not find stale offers; their providers are reminded by
:func:`stale_reminders_send`, at most once every :data:`REMIND_EVERY`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sozialraum.accounts.models import Organisation, User
from sozialraum.lib.access import Role

from .models import Offer, StaleNotice

#: A provider is reminded again only after this long, however often the command runs.
REMIND_EVERY = dt.timedelta(days=7)


def stale_max_age() -> dt.timedelta:
    return dt.timedelta(days=getattr(settings, "OFFER_STALE_DAYS", 365))


def stale_condition(now: dt.datetime | None = None) -> Q:
    """A filter for offers not confirmed within the allowed time (for ``Offer`` querysets)."""
    limit = (now or timezone.now()) - stale_max_age()
    return Q(last_confirmed_at__isnull=True) | Q(last_confirmed_at__lt=limit)


def stale_offers(now: dt.datetime | None = None) -> QuerySet[Offer]:
    return Offer.objects.filter(stale_condition(now)).select_related("provider")


@dataclass(frozen=True)
class StaleReport:
    """What a reminder run found and did; ``summary`` is its one line."""

    stale: int
    providers: int
    mailed: int
    recently_mailed: int
    without_address: int

    @property
    def summary(self) -> str:
        return _(
            "%(stale)s stale offers at %(providers)s providers: %(mailed)s reminded, "
            "%(recent)s already reminded within 7 days, %(missing)s without an e-mail address."
        ) % {
            "stale": self.stale,
            "providers": self.providers,
            "mailed": self.mailed,
            "recent": self.recently_mailed,
            "missing": self.without_address,
        }


def provider_recipients(organisation: Organisation) -> list[str]:
    """The organisation's own e-mail address, or else its provider editors' addresses."""
    if organisation.email:
        return [organisation.email]
    editors = User.objects.filter(
        memberships__organisation=organisation,
        memberships__role=Role.PROVIDER_EDITOR,
        is_active=True,
    ).exclude(email="")
    return sorted(set(editors.values_list("email", flat=True)))


def stale_reminders_send(*, now: dt.datetime | None = None, base_url: str = "") -> StaleReport:
    """Mails each provider with stale offers the list of them, unless it was reminded
    within :data:`REMIND_EVERY`; records each reminder in :class:`StaleNotice`. Safe to run
    as often as wanted: a second run within the week sends nothing."""
    now = now or timezone.now()
    by_provider: dict[Organisation, list[Offer]] = defaultdict(list)
    for offer in stale_offers(now).order_by("provider__name", "name"):
        by_provider[offer.provider].append(offer)
    notices = {n.organisation_id: n for n in StaleNotice.objects.filter(
        organisation__in=list(by_provider)
    )}  # fmt: skip
    counts = {"mailed": 0, "recent": 0, "missing": 0}
    for organisation, offers in by_provider.items():
        notice = notices.get(organisation.pk)
        if notice is not None and now - notice.sent_at < REMIND_EVERY:
            counts["recent"] += 1
            continue
        recipients = provider_recipients(organisation)
        if not recipients:
            counts["missing"] += 1
            continue
        _reminder_send(organisation, offers, recipients, base_url)
        StaleNotice.objects.update_or_create(
            organisation=organisation,
            defaults={
                "sent_at": now,
                "offer_count": len(offers),
                "recipients": ", ".join(recipients),
            },
        )
        counts["mailed"] += 1
    return StaleReport(
        stale=sum(len(offers) for offers in by_provider.values()),
        providers=len(by_provider),
        mailed=counts["mailed"],
        recently_mailed=counts["recent"],
        without_address=counts["missing"],
    )


def _reminder_send(
    organisation: Organisation, offers: list[Offer], recipients: list[str], base_url: str
) -> None:
    days = stale_max_age().days
    subject = ngettext(
        "Please confirm %(count)s offer of %(provider)s",
        "Please confirm %(count)s offers of %(provider)s",
        len(offers),
    ) % {"count": len(offers), "provider": organisation.name}
    lines = [
        _(
            "Nobody has confirmed the following offers within the last %(days)s days. "
            "Residents no longer find them in the search until you confirm or correct them."
        )
        % {"days": days},
        "",
    ]
    for offer in offers:
        url = base_url + reverse("directory:edit", kwargs={"pk": offer.pk})
        lines.append(f"- {offer.name}: {url}")
    lines += ["", _("Your offers: %(url)s") % {"url": base_url + reverse("directory:mine")}]
    send_mail(subject, "\n".join(lines), None, recipients)
