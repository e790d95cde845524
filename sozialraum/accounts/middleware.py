"""Session lifetime and second-factor enforcement for signed-in users."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django_otp import user_has_device

Handler = Callable[[HttpRequest], HttpResponse]

STARTED = "sozialraum_session_started"
LAST_SEEN = "sozialraum_session_last_seen"

#: Views a signed-in user may reach before passing the second factor.
SECOND_FACTOR_EXEMPT = frozenset(
    {
        "accounts:second_factor",
        "accounts:second_factor_setup",
        "accounts:logout",
        "set_language",
    }
)


class SessionLifetimeMiddleware:
    """Signs a user out after ``SESSION_IDLE_TIMEOUT`` seconds without a request, and after
    ``SESSION_ABSOLUTE_LIFETIME`` seconds since sign-in however active they were."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = timezone.now().timestamp()
            started = request.session.setdefault(STARTED, now)
            last_seen = request.session.get(LAST_SEEN, now)
            idle = now - last_seen > settings.SESSION_IDLE_TIMEOUT
            expired = now - started > settings.SESSION_ABSOLUTE_LIFETIME
            if idle or expired:
                logout(request)
                messages.info(request, _("Your session has ended. Please sign in again."))
            else:
                request.session[LAST_SEEN] = now
        return self.get_response(request)


def needs_second_factor(user: object) -> bool:
    """Staff roles always; residents once they have set up a device."""
    if not getattr(user, "is_authenticated", False) or user.is_verified():  # type: ignore[attr-defined]
        return False
    return bool(user.requires_second_factor or user_has_device(user))  # type: ignore[attr-defined]


class SecondFactorMiddleware:
    """Until the second factor is passed, pages redirect to it and the API answers 403."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not needs_second_factor(request.user):
            return self.get_response(request)
        try:
            view_name = resolve(request.path_info).view_name
        except Resolver404:
            return self.get_response(request)
        if view_name in SECOND_FACTOR_EXEMPT:
            return self.get_response(request)
        if request.path_info.startswith("/api/"):
            return JsonResponse({"detail": "Second factor required."}, status=403)
        target = (
            "accounts:second_factor"
            if user_has_device(request.user)
            else "accounts:second_factor_setup"
        )
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse(target)}?{query}")
