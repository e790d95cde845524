"""The demo's help group: "Ehrenamtsinitiative Mürwik hilft (Demo)" in Flensburg with
fictional members, posts, a match with messages and confirmed time transfers, each
marked "(Demo)". The demo resident (``bewohnerin``) is a verified member, the demo
coordinator (``koordination``) coordinates the group. Idempotent: a group already there is
left as it is. Needs the demo's districts, organisations and users.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from sozialraum.accounts.models import Membership, Organisation, User
from sozialraum.accounts.services import membership_create, user_create
from sozialraum.districts.models import District
from sozialraum.lib.access import Role

from . import ledger, services
from .choices import Category, MemberStatus, PostKind
from .models import HelpGroup, Member, Post

GROUP_SLUG = "muerwik-hilft"
RESIDENT_USERNAME = "bewohnerin"
COORDINATOR_USERNAME = "koordination"
DISTRICT_SLUGS = ("flensburg-muerwik", "flensburg-fruerlund", "flensburg-nordstadt")

#: username, shown name, district slug, categories offered, address, phone (all invented)
MEMBERS: tuple[tuple[str, str, str, list[str], str, str], ...] = (
    (
        "hilfe-hanne",
        "Hanne K. (Demo)",
        "flensburg-muerwik",
        [Category.SHOPPING, Category.COMPANY],
        "Musterweg 5 (fiktiv)",
        "0461 000001 (fiktiv)",
    ),
    (
        "hilfe-jens",
        "Jens P. (Demo)",
        "flensburg-fruerlund",
        [Category.REPAIRS, Category.GARDEN, Category.DRIVING],
        "Beispielstraße 7 (fiktiv)",
        "0461 000002 (fiktiv)",
    ),
    (
        "hilfe-emine",
        "Emine S. (Demo)",
        "flensburg-muerwik",
        [Category.TECHNOLOGY, Category.PAPERWORK],
        "Probeweg 3 (fiktiv)",
        "0461 000003 (fiktiv)",
    ),
)


def demo_help_group_load() -> list[str]:
    """Creates the demo help group with its members, posts and transfers if missing."""
    organisation = Organisation.objects.filter(slug=GROUP_SLUG).first()
    if organisation is None:
        return ["help group: organisation missing, skipped"]
    if HelpGroup.objects.filter(organisation=organisation).exists():
        return ["help group: already there, left as it is"]
    with transaction.atomic():
        group = HelpGroup.objects.create(
            organisation=organisation,
            description=(
                "Nachbarinnen und Nachbarn in Mürwik helfen einander: beim Einkauf, im "
                "Garten, mit Technik und Papierkram. Zeitkonto: 1 Stunde ist 1 Stunde. (Demo)"
            ),
            time_accounts=True,
            balance_min=-600,
            balance_max=1200,
        )
        group.districts.set(_districts())
        coordinator = _coordinator(organisation)
        members = [_member(group, row, coordinator) for row in MEMBERS]
        resident = _resident(group, coordinator)
        _pending(group)
        _activity(group, [resident, *members], coordinator)
    return [f"help group created: {organisation.name} ({len(MEMBERS) + 2} members)"]


def _districts() -> list[District]:
    return list(District.objects.filter(slug__in=DISTRICT_SLUGS).only("id", "slug"))


def _district(slug: str) -> District | None:
    return District.objects.filter(slug=slug).only("id").first()


def _coordinator(organisation: Organisation) -> User | None:
    user = User.objects.filter(username=COORDINATOR_USERNAME).first()
    if (
        user is not None
        and not Membership.objects.filter(
            user=user, organisation=organisation, role=Role.COORDINATOR
        ).exists()
    ):
        membership_create(user=user, organisation=organisation, role=Role.COORDINATOR)
    return user


def _verified(member: Member, coordinator: User | None) -> Member:
    member.status = MemberStatus.VERIFIED
    member.verified_at = timezone.now()
    member.verified_by = coordinator
    member.save()
    return member


def _member(
    group: HelpGroup, row: tuple[str, str, str, list[str], str, str], coordinator: User | None
) -> Member:
    username, name, district, offers, address, phone = row
    user = User.objects.filter(username=username).first() or user_create(
        username=username,
        password=None,
        email=f"{username}@demo.sozialraum.invalid",
        first_name=name,
        memberships=[(group.organisation, Role.RESIDENT)],
    )
    member = Member.objects.create(
        group=group,
        user=user,
        name=name,
        district=_district(district),
        offers=offers,
        available="Werktags nachmittags (Demo)",
        radius_km=3,
        address=address,
        phone=phone,
    )
    return _verified(member, coordinator)


def _resident(group: HelpGroup, coordinator: User | None) -> Member | None:
    user = User.objects.filter(username=RESIDENT_USERNAME).first()
    if user is None:
        return None
    if not user.memberships.filter(organisation=group.organisation).exists():
        membership_create(user=user, organisation=group.organisation, role=Role.RESIDENT)
    member = Member.objects.create(
        group=group,
        user=user,
        name="Berta B. (Demo)",
        district=_district("flensburg-muerwik"),
        needs="Hilfe beim Einkauf, seit der Knie-OP. (Demo)",
        address="Musterweg 1 (fiktiv)",
        phone="0461 000000 (fiktiv)",
        without_smartphone=False,
    )
    return _verified(member, coordinator)


def _pending(group: HelpGroup) -> None:
    Member.objects.create(group=group, name="Ole T. (Demo)", district=_district(DISTRICT_SLUGS[0]))


def _post(member: Member, kind: str, category: str, text: str, acted_by: User) -> Post:
    today = timezone.localdate()
    assert member.district is not None
    return services.post_create(
        member=member,
        acted_by=acted_by,
        trusted_person=acted_by.pk != member.user_id,
        kind=kind,
        category=category,
        district=member.district,
        text=text,
        starts_on=today,
        ends_on=today + dt.timedelta(days=10),
        times="vormittags",
        valid_until=today + dt.timedelta(days=21),
    )


def _activity(group: HelpGroup, members: list[Member | None], coordinator: User | None) -> None:
    resident, hanne, jens, emine = members
    if resident is None or coordinator is None or any(m is None for m in members):
        return
    assert hanne and jens and emine and resident.user and hanne.user
    request = _post(
        resident,
        PostKind.REQUEST,
        Category.SHOPPING,
        "Wer kauft donnerstags für mich ein? Liste gebe ich mit. (Demo)",
        resident.user,
    )
    _post(
        jens,
        PostKind.OFFER,
        Category.REPAIRS,
        "Kleine Reparaturen im Haushalt. (Demo)",
        coordinator,
    )
    _post(
        emine,
        PostKind.OFFER,
        Category.TECHNOLOGY,
        "Ich erkläre Handy und Tablet. (Demo)",
        coordinator,
    )
    match = services.match_create(
        post=request, member=hanne, acted_by=hanne.user, trusted_person=False
    )
    services.message_send(
        match=match,
        sender=hanne,
        text="Ich kann donnerstags um 10 Uhr. (Demo)",
        acted_by=hanne.user,
        trusted_person=False,
    )
    services.match_agree(match=match, member=hanne)
    services.match_agree(match=match, member=resident)
    for minutes, reason in (
        (60, "Einkauf am Donnerstag (Demo)"),
        (45, "Einkauf und Apotheke (Demo)"),
    ):
        transfer = ledger.transfer_propose(
            match=match, proposer=hanne, minutes=minutes, reason=reason, acted_by=hanne.user
        )
        ledger.transfer_confirm(transfer=transfer, actor=resident.user)
