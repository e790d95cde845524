"""Signals in words: each rule's structured facts as one sentence (no names; the facts
never hold any)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from .models import Signal


def _date(value: Any) -> str:
    try:
        return str(date_format(dt.date.fromisoformat(str(value)), "SHORT_DATE_FORMAT"))
    except ValueError:
        return ""


def _discharge(facts: dict[str, Any]) -> str:
    from .models import DischargeKind

    kind = dict(DischargeKind.choices).get(facts.get("kind", ""), "")
    return _("Discharged from %(kind)s on %(date)s") % {
        "kind": kind,
        "date": _date(facts.get("on")),
    }


def _alone(facts: dict[str, Any]) -> str:
    return _("Age %(age)s, lives alone") % {"age": facts.get("age")}


def _birthday(facts: dict[str, Any]) -> str:
    return _("Birthday no. %(age)s on %(date)s: offer a preventive home visit") % {
        "age": facts.get("age"),
        "date": _date(facts.get("on")),
    }


def _bereavement(facts: dict[str, Any]) -> str:
    if facts.get("source") == "network_map":
        return _("A contact is marked deceased in network map version %(number)s") % {
            "number": facts.get("version")
        }
    return _("Bereavement reported, on %(date)s") % {"date": _date(facts.get("on"))}


def _network(facts: dict[str, Any]) -> str:
    return _(
        "%(before)s living contacts in network map version %(first)s, "
        "%(after)s in version %(second)s"
    ) % {
        "before": facts.get("before"),
        "after": facts.get("after"),
        "first": facts.get("first"),
        "second": facts.get("second"),
    }


def _no_contact(facts: dict[str, Any]) -> str:
    return _("Last recorded contact on %(date)s (%(weeks)s weeks ago)") % {
        "date": _date(facts.get("last")),
        "weeks": facts.get("weeks"),
    }


def _concern(facts: dict[str, Any]) -> str:
    from .models import Observation, Reporter

    labels = dict(Observation.choices)
    observed = ", ".join(str(labels[c]) for c in facts.get("observations", []) if c in labels)
    return _("Reported by %(reporter)s: %(observed)s") % {
        "reporter": dict(Reporter.choices).get(facts.get("reporter", ""), ""),
        "observed": observed,
    }


def _screening(facts: dict[str, Any]) -> str:
    return _("PRISMA-7 score %(score)s of 7 on %(date)s") % {
        "score": facts.get("score"),
        "date": _date(facts.get("on")),
    }


_DETAILS: dict[str, Callable[[dict[str, Any]], str]] = {
    "discharge": _discharge,
    "alone_80": _alone,
    "birthday": _birthday,
    "bereavement": _bereavement,
    "network_shrink": _network,
    "no_contact": _no_contact,
    "concern": _concern,
    "screening": _screening,
}


def signal_detail(signal: Signal) -> str:
    detail = _DETAILS.get(signal.rule.code)
    return detail(signal.facts) if detail else ""
