"""Who may use a page or an API operation, declared where the page is defined.

Every URL pattern's view carries an ``Access`` policy (set by :func:`access`), and every API
operation is registered with :func:`api_access`. A test walks all URL patterns and API
operations and fails for any without a declaration, then checks anonymous visitors and each
role against what was declared. Roles are read from ``user.roles`` (a set of role values),
so this module depends on no app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.dispatch import Signal
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja.errors import AuthenticationError, AuthorizationError
from ninja.security import APIKeyCookie

V = TypeVar("V", bound=Callable[..., HttpResponse])

#: Sent (``request``, ``kwargs``: the URL's arguments) when a signed-in user is refused
#: by role, so the apps that log access to personal data log role refusals too.
access_refused = Signal()


class Role(models.TextChoices):
    """The roles a member of an organisation can hold (see MISSION.md, "Who uses it")."""

    RESIDENT = "resident", _("Resident")
    WORKER = "worker", _("Neighbourhood worker")
    COORDINATOR = "coordinator", _("District team coordinator")
    PROVIDER_EDITOR = "provider_editor", _("Provider editor")
    PLANNER = "planner", _("Social planner")
    ADMIN = "admin", _("Administrator")


#: Roles of people working for an organisation (everyone but residents): the members of
#: district teams and the audience of shared team pages.
ORGANISATION_ROLES: frozenset[str] = frozenset(set(Role.values) - {Role.RESIDENT})

#: Roles that can see personal data and therefore must log in with a second factor.
STAFF_ROLES: frozenset[str] = frozenset({Role.WORKER, Role.COORDINATOR, Role.PLANNER, Role.ADMIN})


@dataclass(frozen=True)
class Access:
    """A page's or operation's audience: anyone, any signed-in user, or a set of roles."""

    login: bool
    roles: frozenset[str] | None = None

    def allows(self, user: Any) -> bool:
        if not self.login:
            return True
        if not getattr(user, "is_authenticated", False):
            return False
        return self.roles is None or bool(self.roles & user.roles)

    def describe(self) -> str:
        if not self.login:
            return "public"
        if self.roles is None:
            return "authenticated"
        return ",".join(sorted(self.roles))


PUBLIC = Access(login=False)
SIGNED_IN = Access(login=True)


def roles(*names: str) -> Access:
    """Only users holding at least one of these roles."""
    unknown = set(names) - set(Role.values)
    if unknown:
        raise ValueError(f"Unknown roles: {sorted(unknown)}")
    return Access(login=True, roles=frozenset(names))


def access(policy: Access) -> Callable[[V], V]:
    """Declare and enforce who may use a view: anonymous -> login page, wrong role -> 403."""

    def decorate(view: V) -> V:
        @wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if policy.allows(request.user):
                return view(request, *args, **kwargs)
            if not request.user.is_authenticated:
                # Imported here: auth views load the user model, which needs this module.
                from django.contrib.auth.views import redirect_to_login

                return redirect_to_login(request.get_full_path())
            mark_denied(request)
            access_refused.send(sender=Access, request=request, kwargs=kwargs)
            raise PermissionDenied

        guarded.access = policy  # type: ignore[attr-defined]
        return guarded  # type: ignore[return-value]

    return decorate


def mark_denied(request: HttpRequest) -> None:
    """Note on the request that the access layer refused it (a view's own 403 for a bad
    request or a forbidden object is something else; the access test tells them apart)."""
    request.access_denied = True  # type: ignore[attr-defined]


def declared_access(view: Callable[..., Any]) -> Access | None:
    """The policy declared on a view, or None if there is none."""
    return getattr(view, "access", None)


class ApiAccess(APIKeyCookie):
    """django-ninja auth: the Django session, CSRF-checked on writes, then the policy."""

    param_name = "sessionid"

    def __init__(self, policy: Access) -> None:
        from django.conf import settings

        self.param_name = settings.SESSION_COOKIE_NAME
        self.policy = policy
        super().__init__(csrf=True)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = request.user
        if not user.is_authenticated:
            raise AuthenticationError
        if not self.policy.allows(user):
            mark_denied(request)
            match = getattr(request, "resolver_match", None)
            access_refused.send(
                sender=Access, request=request, kwargs=match.kwargs if match else {}
            )
            raise AuthorizationError
        return user


def api_access(policy: Access) -> dict[str, Any]:
    """Keyword arguments for a ninja route: its auth and its declaration in the OpenAPI."""
    auth = None if not policy.login else ApiAccess(policy)
    return {"auth": auth, "openapi_extra": {"x-access": policy.describe()}}
