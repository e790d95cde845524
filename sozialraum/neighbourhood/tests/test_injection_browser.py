"""Script payloads in every free-text field of neighbourly help stay text on every page
that shows them (the lib's injection walk, for the pages a member and a coordinator see):
member names and profile, posts, messages, reports, time entries, the group's
description."""

from __future__ import annotations

from typing import Any

import pytest

from sozialraum.lib.tests._browser import sign_in
from sozialraum.lib.tests.test_injection_browser import SVG, Shown, text, walk
from sozialraum.neighbourhood import ledger, services

from .factories import coordinator_of, district_make, group_make, member_make, post_make, user_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GROUP = text("Gruppe")
HELPED = text("Helga")
HELPER = text("Hans", SVG)
AVAILABLE = text("Zeit")
NEEDS = text("Bedarf", SVG)
PHONE = text("Tel")
ADDRESS = text("Adresse", SVG)
POST = text("Beitrag")
TIMES = text("Uhrzeit", SVG)
MESSAGE = text("Nachricht")
REASON = text("Zeitgrund", SVG)
REPORT = text("Meldung")


def _records() -> dict[str, Any]:
    group = group_make(description=GROUP)
    district = district_make()
    helped = member_make(
        group,
        name=HELPED,
        district=district,
        available=AVAILABLE,
        needs=NEEDS,
        phone=PHONE,
        address=ADDRESS,
    )
    helper = member_make(group, name=HELPER, district=district, phone=PHONE, address=ADDRESS)
    post = post_make(helped, text=POST, times=TIMES)
    match = services.match_create(
        post=post, member=helper, acted_by=user_of(helper), trusted_person=False
    )
    services.match_agree(match=match, member=helped)
    services.match_agree(match=match, member=helper)
    services.message_send(
        match=match, sender=helper, text=MESSAGE, acted_by=user_of(helper), trusted_person=False
    )
    transfer = ledger.transfer_propose(
        match=match, proposer=helper, minutes=30, reason=REASON, acted_by=user_of(helper)
    )
    ledger.transfer_confirm(transfer=transfer, actor=user_of(helped))
    services.report_create(match=match, reporter=helped, reason=REPORT)
    slug = group.organisation.slug
    return {"group": group, "slug": slug, "post": post, "match": match, "helped": helped}


MEMBER_PAGES = [
    Shown("public groups", lambda r: "/nachbarschaftshilfe/", (GROUP,), signed_in=False),
    Shown("post", lambda r: f"/nachbarschaftshilfe/beitrag/{r['post'].pk}/", (POST, TIMES)),
    Shown(
        "match",
        lambda r: f"/nachbarschaftshilfe/kontakt/{r['match'].pk}/",
        (HELPER, MESSAGE, REASON, PHONE, ADDRESS),
    ),
    Shown(
        "my data",
        lambda r: f"/nachbarschaftshilfe/{r['slug']}/meine-daten/",
        (HELPED, AVAILABLE, NEEDS, POST),
    ),
    Shown("statement", lambda r: f"/nachbarschaftshilfe/{r['slug']}/zeitkonto/", (REASON,)),
]

COORDINATOR_PAGES = [
    Shown(
        "coordination",
        lambda r: f"/nachbarschaftshilfe/{r['slug']}/koordination/",
        (HELPED, HELPER, REPORT),
    ),
]


def test_script_payloads_in_neighbourly_help_stay_text(page: Any, live_server: Any) -> None:
    records = _records()
    dialogs: list[str] = []

    def dismissed(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismissed)
    walk(page, MEMBER_PAGES[0], records, dialogs)
    sign_in(page, live_server, user_of(records["helped"]))
    for shown in MEMBER_PAGES:
        walk(page, shown, records, dialogs)
    sign_in(page, live_server, coordinator_of(records["group"]))
    for shown in COORDINATOR_PAGES:
        walk(page, shown, records, dialogs)
