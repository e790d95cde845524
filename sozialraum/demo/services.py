"""The demo: Flensburg's and Kiel's real districts and population, their real day-care
centres and playgrounds, plus fictional organisations, offers, a district team, one
user per role (all marked "(Demo)") and a few fictional persons (marked "fiktiv").

Idempotent: data that is already there is left as it is, so a second run changes nothing.
Staff users get a working second factor; their recovery codes are reported so a person
trying the demo can sign in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sozialraum.accounts.models import DistrictTeam, Organisation, OrganisationKind, User
from sozialraum.accounts.services import second_factor_provision, user_create
from sozialraum.barriers.demo import demo_walk_load
from sozialraum.budgets.demo import demo_budgets_load
from sozialraum.casework.demo import load_demo_persons
from sozialraum.civic.demo import demo_ideas_load
from sozialraum.demo import DEMO_DATA_DIR
from sozialraum.demo.offers import demo_offers_load
from sozialraum.directory.residents.demo import demo_residents_load
from sozialraum.districts.models import District
from sozialraum.districts.services import ImportReport, flensburg_import, kiel_import
from sozialraum.earlywarning.demo import demo_early_warning_load
from sozialraum.lib.access import Role
from sozialraum.neighbourhood.demo import demo_help_group_load
from sozialraum.networkmap.demo import demo_network_maps_load
from sozialraum.plan.demo import load_demo_plans
from sozialraum.planning.demo import demo_planning_load
from sozialraum.teamwork.demo import load_demo_teamwork

#: The one password of every demo login (documented in the README; demo only).
DEMO_PASSWORD = "Quartier-Demo-2026"

ORGANISATIONS: tuple[tuple[str, str, str], ...] = (
    (
        "stadt-flensburg-soziales",
        "Stadt Flensburg – Soziale Dienste (Demo)",
        "city_social_services",
    ),
    ("stadt-flensburg-planung", "Stadt Flensburg – Sozialplanung (Demo)", "city_planning"),
    ("wohlfahrt-nord", "Wohlfahrtsverband Nord e. V. (Demo)", "welfare"),
    ("nachbarschaftsverein-nordstadt", "Nachbarschaftsverein Nordstadt (Demo)", "association"),
    ("muerwik-hilft", "Ehrenamtsinitiative Mürwik hilft (Demo)", "volunteer_group"),
    ("foerde-wohnen", "Förde Wohnen eG (Demo)", "housing_company"),
)

#: username, first name, last name, organisation slug, role
USERS: tuple[tuple[str, str, str, str, str], ...] = (
    ("bewohnerin", "Berta", "Beispiel", "nachbarschaftsverein-nordstadt", Role.RESIDENT),
    ("lotsin", "Lena", "Lotse", "stadt-flensburg-soziales", Role.WORKER),
    ("koordination", "Kai", "Koordinator", "wohlfahrt-nord", Role.COORDINATOR),
    ("traeger", "Tina", "Träger", "wohlfahrt-nord", Role.PROVIDER_EDITOR),
    ("planung", "Paul", "Planer", "stadt-flensburg-planung", Role.PLANNER),
    ("admin", "Ada", "Admin", "stadt-flensburg-soziales", Role.ADMIN),
)

TEAM_SLUG = "stadtteil-team-nordstadt"
TEAM_DISTRICTS = ("flensburg-nordstadt", "flensburg-neustadt")


@dataclass
class DemoLogin:
    username: str
    role: str
    organisation: str
    recovery_codes: list[str] = field(default_factory=list)
    totp_key: str = ""


@dataclass
class DemoReport:
    lines: list[str] = field(default_factory=list)
    logins: list[DemoLogin] = field(default_factory=list)


def demo_load(*, with_offers: bool = True) -> DemoReport:
    """Load what is missing of the demo and report it, with every demo login.
    ``with_offers=False`` leaves out the directory (quicker, for tests of other parts)."""
    report = DemoReport()
    _load_districts(report)
    with transaction.atomic():
        organisations = _organisations(report)
        users = [_user(report, row, organisations) for row in USERS]
        _team(report, organisations, users)
        report.lines.extend(load_demo_persons())
        report.lines.extend(demo_network_maps_load())
    if with_offers:
        demo_offers_load(report.lines)
        report.lines.extend(demo_residents_load())
    report.lines.extend(load_demo_plans())
    report.lines.extend(demo_help_group_load())
    report.lines.extend(demo_ideas_load())
    report.lines.extend(demo_walk_load())
    report.lines.extend(demo_early_warning_load())
    report.lines.extend(load_demo_teamwork())
    report.lines.extend(demo_planning_load())
    report.lines.extend(demo_budgets_load())
    report.logins = [_login(user, row) for user, row in zip(users, USERS, strict=True)]
    return report


def _load_districts(report: DemoReport) -> None:
    """Both cities from the shipped copies; cells the importer finds inconsistent (the
    Flensburg tables carry PDF artefacts) are skipped and listed, not guessed."""
    loaders: dict[str, Callable[[], ImportReport]] = {
        "flensburg": lambda: flensburg_import(
            directory=DEMO_DATA_DIR / "flensburg", skip_invalid=True
        ),
        "kiel": lambda: kiel_import(path=DEMO_DATA_DIR / "kiel" / KIEL_FILE, skip_invalid=True),
    }
    for code, load in loaders.items():
        if District.objects.filter(code=code).exists():
            report.lines.append(f"{code}: districts already loaded, left as they are")
            continue
        result = load()
        report.lines.append(f"{code}: {result.summary}")
        report.lines.extend(f"  skipped: {problem}" for problem in result.problems)


KIEL_FILE = "kiel_bevoelkerung_altersgruppen_stadtteile.csv"


def _organisations(report: DemoReport) -> dict[str, Organisation]:
    result = {}
    for slug, name, kind in ORGANISATIONS:
        organisation, created = Organisation.objects.get_or_create(
            slug=slug, defaults={"name": name, "kind": OrganisationKind(kind)}
        )
        if created:
            report.lines.append(f"organisation created: {name}")
        result[slug] = organisation
    city = result["stadt-flensburg-soziales"]
    Organisation.objects.filter(slug="stadt-flensburg-planung", parent=None).update(parent=city)
    return result


def _user(
    report: DemoReport, row: tuple[str, str, str, str, str], organisations: dict[str, Organisation]
) -> User:
    username, first_name, last_name, organisation_slug, role = row
    existing = User.objects.filter(username=username).first()
    if existing is not None:
        return existing
    user = user_create(
        username=username,
        password=DEMO_PASSWORD,
        email=f"{username}@demo.sozialraum.invalid",
        first_name=first_name,
        last_name=f"{last_name} (Demo)",
        memberships=[(organisations[organisation_slug], role)],
    )
    if user.requires_second_factor:
        second_factor_provision(user=user)
    report.lines.append(f"user created: {username} ({role})")
    return user


def _team(report: DemoReport, organisations: dict[str, Organisation], users: list[User]) -> None:
    if DistrictTeam.objects.filter(slug=TEAM_SLUG).exists():
        return
    team = DistrictTeam.objects.create(
        slug=TEAM_SLUG,
        name="Stadtteil-Team Nordstadt (Demo)",
        description=(
            "Soziale Dienste der Stadt, Wohlfahrtsverband, Nachbarschaftsverein und "
            "Ehrenamtliche arbeiten gemeinsam für die Nordstadt und die Neustadt."
        ),
    )
    team.districts.set(District.objects.filter(slug__in=TEAM_DISTRICTS))
    staff = [u for u in users if u.username in {"lotsin", "koordination", "traeger"}]
    team.members.set([m for u in staff for m in u.memberships.all()])
    report.lines.append(f"district team created: {team.name}")


def _login(user: User, row: tuple[str, str, str, str, str]) -> DemoLogin:
    organisation = dict((slug, name) for slug, name, _kind in ORGANISATIONS)[row[3]]
    login = DemoLogin(username=user.username, role=row[4], organisation=organisation)
    codes = StaticToken.objects.filter(device__user=user).order_by("id")
    login.recovery_codes = list(codes.values_list("token", flat=True))
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        login.totp_key = device.config_url
    return login
