"""Session lifetime and second-factor enforcement for signed-in users.

Both run after ``AuthenticationMiddleware`` and django-otp's ``OTPMiddleware`` (they read
``request.user`` and ``user.is_verified()``), and before ``MessageMiddleware``, which is why
the "session ended" message is added in ``process_view``, when messages are available.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.sessions.backends.base import SessionBase
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_htmx.http import HttpResponseClientRedirect
from django_otp import user_has_device
from django_otp.middleware import OTPMiddleware as DjangoOTPMiddleware
from django_otp.models import Device

from sozialraum.lib.sql import concrete_field_names, select_statement

Handler = Callable[[HttpRequest], HttpResponse]

STARTED = "sozialraum_session_started"
LAST_SEEN = "sozialraum_session_last_seen"
#: Request attribute: why the session was ended on this request ("idle" or "lifetime").
ENDED = "sozialraum_session_ended"

SECOND_FACTOR_VERIFY = "accounts:second_factor"
SECOND_FACTOR_SETUP = "accounts:second_factor_setup"
#: Views a signed-in user may reach before passing the second factor (besides its own page).
SECOND_FACTOR_EXEMPT = frozenset({"accounts:logout", "set_language"})
#: Namespaces of the JSON APIs: they answer 403 instead of redirecting to a page.
API_NAMESPACES = frozenset({"api", "hsds"})


def session_start(session: SessionBase) -> None:
    """Mark the start of a signed-in session (called at sign-in)."""
    now = timezone.now().timestamp()
    session[STARTED] = now
    session[LAST_SEEN] = now


def session_end_reason(session: SessionBase, now: float) -> str | None:
    """``"idle"``, ``"lifetime"``, or ``None`` while the session may go on."""
    started = session.get(STARTED, now)
    last_seen = session.get(LAST_SEEN, now)
    if now - started > settings.SESSION_ABSOLUTE_LIFETIME:
        return "lifetime"
    if now - last_seen > settings.SESSION_IDLE_TIMEOUT:
        return "idle"
    return None


def session_touch(session: SessionBase) -> None:
    """Count this moment as activity: the idle timeout starts again from now."""
    session[LAST_SEEN] = timezone.now().timestamp()


def session_remaining(session: SessionBase) -> tuple[int, int]:
    """Seconds left until the idle sign-out and until the end of the absolute lifetime.

    Read from the stamps the middleware keeps, so a page can warn before either ends (the
    last-seen stamp may lag the last request by its write resolution: the idle figure errs
    on the early side).
    """
    now = timezone.now().timestamp()
    idle = session.get(LAST_SEEN, now) + settings.SESSION_IDLE_TIMEOUT - now
    lifetime = session.get(STARTED, now) + settings.SESSION_ABSOLUTE_LIFETIME - now
    return max(0, int(idle)), max(0, int(lifetime))


class SessionLifetimeMiddleware:
    """Signs a user out after ``SESSION_IDLE_TIMEOUT`` seconds without a request, and after
    ``SESSION_ABSOLUTE_LIFETIME`` seconds since sign-in however active they were.

    The last-seen time is written at most every tenth of the idle timeout (and at most once
    a minute), so that not every request has to save the session.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            self._check(request)
        return self.get_response(request)

    def _check(self, request: HttpRequest) -> None:
        session = request.session
        now = timezone.now().timestamp()
        reason = session_end_reason(session, now)
        if reason is not None:
            logout(request)
            _mark_unverified(request.user)
            setattr(request, ENDED, reason)
            return
        session.setdefault(STARTED, now)
        resolution = min(60.0, settings.SESSION_IDLE_TIMEOUT / 10)
        if now - session.get(LAST_SEEN, 0) >= resolution:
            session[LAST_SEEN] = now

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> None:
        reason = getattr(request, ENDED, None)
        if reason is not None:
            messages.info(request, _session_ended_message(reason))


class OTPMiddleware(DjangoOTPMiddleware):
    """django-otp's middleware (``request.user.otp_device``, ``is_verified()``), with the
    session's verified device read by one plain statement instead of a query built by
    the ORM on every signed-in request. django-otp still checks that the device exists,
    belongs to the user and is confirmed (else the session is no longer verified)."""

    def _device_from_persistent_id(self, persistent_id: str) -> Device | None:
        persistent_id = self._normalize_persistent_id(persistent_id)
        try:
            label, pk = persistent_id.rsplit("/", 1)
            model = apps.get_model(label)
            number = int(pk)
        except (ValueError, LookupError):
            return None
        if not issubclass(model, Device):
            return None
        fields = concrete_field_names(model)
        statement = select_statement(connection, model, fields, [(model._meta.pk.name, "=")])
        return next(iter(model.objects.raw(statement, [number])), None)


def _session_ended_message(reason: str) -> str:
    """One translated sentence pair per reason (never two halves joined, which left the
    second half untranslated)."""
    if reason == "idle":
        minutes = max(1, round(settings.SESSION_IDLE_TIMEOUT / 60))
        text = ngettext(
            "Your session has ended after %(count)d minute without activity. Please sign in again.",
            "Your session has ended after %(count)d minutes without activity. "
            "Please sign in again.",
            minutes,
        )
        return text % {"count": minutes}
    hours = max(1, round(settings.SESSION_ABSOLUTE_LIFETIME / 3600))
    text = ngettext(
        "Your session has ended: sessions last at most %(count)d hour. Please sign in again.",
        "Your session has ended: sessions last at most %(count)d hours. Please sign in again.",
        hours,
    )
    return text % {"count": hours}


def _mark_unverified(user: Any) -> None:
    """Give the anonymous user that replaced a signed-out one django-otp's attributes."""
    user.otp_device = None
    user.is_verified = lambda: False


def second_factor_step(user: Any) -> str | None:
    """The URL name of the second-factor page the user must pass next, or None.

    Staff roles always need the second factor; residents once they have set one up. A user
    with a confirmed device must verify with it: setting up a new app needs that first.
    """
    if not getattr(user, "is_authenticated", False) or user.is_verified():
        return None
    if user_has_device(user):
        return SECOND_FACTOR_VERIFY
    if user.requires_second_factor:
        return SECOND_FACTOR_SETUP
    return None


def needs_second_factor(user: Any) -> bool:
    """Whether the user has yet to pass (or set up) the second factor in this session."""
    return second_factor_step(user) is not None


class SecondFactorMiddleware:
    """Until the second factor is passed, pages redirect to it and the API answers 403."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        step = second_factor_step(request.user)
        if step is None:
            return self.get_response(request)
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return self.get_response(request)
        if match.view_name == step or match.view_name in SECOND_FACTOR_EXEMPT:
            return self.get_response(request)
        if API_NAMESPACES.intersection(match.namespaces):
            return JsonResponse({"detail": _("Second factor required.")}, status=403)
        target = f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}"
        if request.headers.get("HX-Request") == "true":
            return HttpResponseClientRedirect(target)
        return redirect(target)


#: Paths whose responses carry personal data even before sign-in is checked.
PERSONAL_DATA_PREFIXES = ("/personen/", "/api/v1/persons")
#: Browser features no page of the platform uses (the map needs none of them).
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)


def response_is_personal(request: HttpRequest) -> bool:
    """Whether the response may hold personal data: every response to a signed-in user
    (their account, persons, team pages, the administration) and every person path."""
    user = getattr(request, "user", None)
    signed_in = bool(getattr(user, "is_authenticated", False))
    return signed_in or request.path_info.startswith(PERSONAL_DATA_PREFIXES)


class PrivacyHeadersMiddleware:
    """Every response denies the browser features in :data:`PERMISSIONS_POLICY`; responses
    that may hold personal data are never stored by browsers or proxies
    (``Cache-Control: no-store, private``).

    Placed right after ``SecurityMiddleware`` (before WhiteNoise) so that every response,
    static files included, passes it on the way out; it reads ``request.user`` only then.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if response_is_personal(request):
            patch_cache_control(response, no_store=True, private=True)
        return response
