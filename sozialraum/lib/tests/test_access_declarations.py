"""Every page and API operation declares its audience, and the declaration holds.

Walks all URL patterns and all operations of the OpenAPI document, then requests each as
an anonymous visitor and as a user of every role: allowed ones must not be turned away,
the others must be (403/401, or a redirect to a login page).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import Client
from django.urls import NoReverseMatch, path, reverse
from django.urls.converters import IntConverter

from sozialraum.accounts.tests.factories import signed_in_client, user_with_role
from sozialraum.districts.tests.factories import DistrictFactory
from sozialraum.lib.access import PUBLIC, Access, Role, access
from sozialraum.lib.urlmap import ViewEntry, iter_apis, iter_operations, iter_views

ANONYMOUS = "anonymous"

#: Values for URL arguments by name; unknown names get a generic value of their type.
SAMPLE_ARGS = {"app_label": "accounts", "url": "unknown/", "object_id": "1"}


def _undeclared_view(request: Any) -> HttpResponse:
    return HttpResponse("no declaration")


urlpatterns = [
    path("declared/", access(PUBLIC)(_undeclared_view), name="declared"),
    path("undeclared/", _undeclared_view, name="undeclared"),
]


@pytest.fixture
def clients(db: None) -> dict[str, Client]:
    """A client per role (staff past the second factor) and an anonymous one."""
    district = DistrictFactory.create(slug="sample")
    assert district.pk
    result = {ANONYMOUS: Client()}
    for role in Role.values:
        result[role] = signed_in_client(user_with_role(role))
    return result


def _kwargs(entry: ViewEntry) -> dict[str, str]:
    kwargs = {}
    for name in entry.pattern.pattern.regex.groupindex:
        converter = entry.converters.get(name)
        kwargs[name] = SAMPLE_ARGS.get(name, "1" if isinstance(converter, IntConverter) else "x")
    return kwargs


def _url(entry: ViewEntry) -> str | None:
    if entry.name is None:
        return None
    try:
        return reverse(entry.name, kwargs=_kwargs(entry))
    except NoReverseMatch:
        return None


#: Views whose whole job is to send the visitor to the sign-in page.
LOGIN_REDIRECTS = frozenset({"admin:login"})


def _sent_to_login(response: Any) -> bool:
    location = response.headers.get("Location", "")
    login_pages = (reverse(settings.LOGIN_URL), reverse("admin:login"))
    return response.status_code == 302 and location.startswith(login_pages)


def _refused(response: Any) -> bool:
    """Any refusal: 401, 403 or a redirect to sign in."""
    return response.status_code in {401, 403} or _sent_to_login(response)


def _refused_by_access_layer(response: Any) -> bool:
    """A refusal by the declaration itself; a view's own 403 (a bad request, a forbidden
    object) does not count against an allowed user."""
    marked = getattr(response.wsgi_request, "access_denied", False)
    return response.status_code == 401 or marked or _sent_to_login(response)


def _wrong(response: Any, allowed: bool) -> bool:
    return _refused_by_access_layer(response) if allowed else not _refused(response)


def _allows(policy: Access, client_name: str, user: Any) -> bool:
    return policy.allows(user) if client_name != ANONYMOUS else not policy.login


def test_every_url_pattern_declares_who_may_use_it() -> None:
    undeclared = [f"/{v.route} ({v.name})" for v in iter_views() if v.access is None]
    assert undeclared == []


def test_the_map_finds_every_mounted_api() -> None:
    assert sorted(api.urls_namespace for api in iter_apis()) == ["api", "hsds", "open311"]


def test_every_api_operation_declares_who_may_use_it() -> None:
    operations = [op for api in iter_apis() for op in iter_operations(api.get_openapi_schema())]
    assert len(operations) > 10, "the APIs have operations"
    assert [f"{op.method} {op.path}" for op in operations if op.access is None] == []


@pytest.mark.urls("sozialraum.lib.tests.test_access_declarations")
def test_a_view_without_declaration_is_reported() -> None:
    entries = {entry.name: entry.access for entry in iter_views()}
    assert entries == {"declared": PUBLIC, "undeclared": None}


def test_every_page_admits_exactly_its_declared_audience(clients: dict[str, Client]) -> None:
    checked, wrong = 0, []
    for entry in iter_views():
        url = _url(entry)
        if url is None or entry.access is None or entry.name in LOGIN_REDIRECTS:
            continue
        for name, client in clients.items():
            user = client.get(reverse("districts:index")).wsgi_request.user
            response = client.get(url)
            expected = _allows(entry.access, name, user)
            if _wrong(response, expected):
                wrong.append(f"{url} as {name}: {response.status_code} (allowed={expected})")
            checked += 1
    assert wrong == []
    assert checked > 100, "the walk reached the admin, account and district pages"


def test_every_api_operation_admits_exactly_its_declared_audience(
    clients: dict[str, Client],
) -> None:
    wrong = []
    operations = [op for api in iter_apis() for op in iter_operations(api.get_openapi_schema())]
    for op in operations:
        url = re.sub(r"\{[^}]+\}", "1", op.path.replace("{slug}", "sample"))
        policy = _policy_from(op.access or "")
        for name, client in clients.items():
            user = client.get(reverse("districts:index")).wsgi_request.user
            response = client.generic(op.method, url)
            if _wrong(response, _allows(policy, name, user)):
                wrong.append(f"{op.method} {url} as {name}: {response.status_code}")
    assert wrong == []


def _policy_from(text: str) -> Access:
    if text == "public":
        return PUBLIC
    if text == "authenticated":
        return Access(login=True)
    return Access(login=True, roles=frozenset(text.split(",")))


# --- The object level: each role x own/foreign organisation x admin URL --------------------

OPERATOR = "platform operator"


def _admin_urls(target: Any) -> dict[str, tuple[str, str, dict[str, Any]]]:
    """Admin URLs acting on ``target`` (a user): name -> (method, url, data)."""
    pk = target.pk
    membership = target.memberships.get()
    return {
        "user changelist": ("get", reverse("admin:accounts_user_changelist"), {}),
        "user change": ("get", reverse("admin:accounts_user_change", args=[pk]), {}),
        "user delete": ("get", reverse("admin:accounts_user_delete", args=[pk]), {}),
        "password": ("get", reverse("admin:auth_user_password_change", args=[pk]), {}),
        "membership change": (
            "get",
            reverse("admin:accounts_membership_change", args=[membership.pk]),
            {},
        ),
        "membership add": (
            "post",
            reverse("admin:accounts_membership_add"),
            {"user": pk, "organisation": membership.organisation_id, "role": "coordinator"},
        ),
        "second factor reset": (
            "post",
            reverse("admin:accounts_user_changelist"),
            {"action": "second_factor_reset", "_selected_action": [pk]},
        ),
    }


def _admin_done(name: str, response: Any, target: Any) -> bool:
    """Whether the request was carried out (for writes: the database shows it)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if name == "second factor reset":
        return not TOTPDevice.objects.filter(user=target).exists()
    if name == "membership add":
        return bool(target.memberships.filter(role="coordinator").exists())
    if name == "user changelist":
        return response.status_code == 200 and target in response.context["cl"].result_list
    return bool(response.status_code == 200)


@pytest.mark.parametrize("side", ["own", "foreign"])
@pytest.mark.parametrize("actor", [*Role.values, OPERATOR])
def test_every_admin_url_acts_only_on_the_actors_own_organisation(
    db: None, actor: str, side: str
) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from sozialraum.accounts.tests.factories import OrganisationFactory, platform_operator

    own, foreign = OrganisationFactory.create(), OrganisationFactory.create()
    user = platform_operator() if actor == OPERATOR else user_with_role(actor, own)
    client = signed_in_client(user)
    allowed = actor == OPERATOR or (actor == Role.ADMIN and side == "own")
    wrong = []
    for name in _admin_urls(user_with_role(Role.WORKER, own)):
        target = user_with_role(Role.WORKER, own if side == "own" else foreign)
        TOTPDevice.objects.create(user=target, name="phone", confirmed=True)
        method, url, data = _admin_urls(target)[name]
        response = getattr(client, method)(url, data)
        done = _admin_done(name, response, target)
        if done != allowed or (not allowed and response.status_code not in {200, 302, 403, 404}):
            wrong.append(f"{name} {url}: {response.status_code} done={done}")
    assert wrong == []
