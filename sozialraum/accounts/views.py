"""Account pages: sign-in and sign-out, password, second factor, my account, district teams.

Sign-in, sign-out and the password pages are Django's views with our templates; the
second-factor pages call the services in ``services.py``. Pages that show secrets (the
set-up secret, recovery codes) are never cached, and recovery codes are shown only once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from sozialraum.lib.access import ORGANISATION_ROLES, PUBLIC, SIGNED_IN, Access, access, roles
from sozialraum.lib.export import json_download, sections_json

from . import selectors, services
from .forms import AuthenticatorCodeForm, PasswordConfirmForm, RecoveryCodeForm
from .middleware import (
    SECOND_FACTOR_SETUP,
    SECOND_FACTOR_VERIFY,
    session_remaining,
    session_start,
    session_touch,
)
from .models import User
from .otp import totp_qr_svg, totp_secret
from .own_data import account_delete, may_delete_own_account, own_data_sections
from .start import start_page_sections
from .team_page import team_links

#: Session keys: the app being set up, and recovery codes waiting to be shown once.
PENDING_DEVICE = "sozialraum_pending_totp_device"
FRESH_CODES = "sozialraum_fresh_recovery_codes"
FRESH_CODES_NEXT = "sozialraum_fresh_recovery_codes_next"


def _user(request: HttpRequest) -> User:
    """The signed-in user (only call behind an access declaration that requires sign-in)."""
    return cast(User, request.user)


def _is_verified(request: HttpRequest) -> bool:
    return bool(getattr(request.user, "is_verified", lambda: False)())


def _next_url(request: HttpRequest) -> str:
    """The ``next`` parameter if it points into this site, else the account page."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _page(policy: Access, view: type[View[Any]], **initkwargs: Any) -> Callable[..., HttpResponse]:
    """A class-based view with its access declaration."""
    return access(policy)(cast(Callable[..., HttpResponse], view.as_view(**initkwargs)))


def _with_next(url_name: str, next_url: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"


# --- Sign-in and sign-out -------------------------------------------------------------------


class LoginView(auth_views.LoginView):
    """Django's sign-in (the form gets the request, so django-axes counts failures), which
    also starts the session clock for :class:`~.middleware.SessionLifetimeMiddleware`."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        session_start(self.request.session)
        return response


class LogoutView(auth_views.LogoutView):
    """Sign-out by POST only; the whole session is discarded."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        messages.success(request, _("You have signed out."))
        return response


login = _page(PUBLIC, LoginView)
logout = _page(PUBLIC, LogoutView)


@access(SIGNED_IN)
@require_POST
def session_extend(request: HttpRequest) -> HttpResponse:
    """ "Stay signed in": the idle timeout starts again; answers the seconds left until the
    idle sign-out and until the absolute lifetime ends (which nothing extends). CSRF-checked
    like every POST."""
    session_touch(request.session)
    idle, lifetime = session_remaining(request.session)
    return JsonResponse({"idle_seconds": idle, "lifetime_seconds": lifetime})


# --- Password -------------------------------------------------------------------------------

password_change = _page(
    SIGNED_IN,
    auth_views.PasswordChangeView,
    template_name="accounts/password_change.html",
    success_url=reverse_lazy("accounts:password_change_done"),
)
password_change_done = _page(
    SIGNED_IN, auth_views.PasswordChangeDoneView, template_name="accounts/password_change_done.html"
)
password_reset = _page(
    PUBLIC,
    auth_views.PasswordResetView,
    template_name="accounts/password_reset.html",
    email_template_name="registration/password_reset_email.txt",
    subject_template_name="registration/password_reset_email_subject.txt",
    success_url=reverse_lazy("accounts:password_reset_done"),
)
password_reset_done = _page(
    PUBLIC, auth_views.PasswordResetDoneView, template_name="accounts/password_reset_done.html"
)
password_reset_confirm = _page(
    PUBLIC,
    auth_views.PasswordResetConfirmView,
    template_name="accounts/password_reset_confirm.html",
    success_url=reverse_lazy("accounts:password_reset_complete"),
)
password_reset_complete = _page(
    PUBLIC,
    auth_views.PasswordResetCompleteView,
    template_name="accounts/password_reset_complete.html",
)


# --- My account -----------------------------------------------------------------------------


@access(SIGNED_IN)
def home(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    context = {
        "memberships": selectors.user_memberships(user),
        "teams": selectors.user_teams(user),
        "second_factor": selectors.second_factor_status(user),
    }
    return render(request, "accounts/home.html", context)


@access(SIGNED_IN)
def start(request: HttpRequest) -> HttpResponse:
    """Where everyone lands after sign-in: a section for each role the user holds."""
    return render(request, "accounts/start.html", {"sections": start_page_sections(request)})


@access(SIGNED_IN)
@never_cache
def own_data(request: HttpRequest) -> HttpResponse:
    """Everything stored about the signed-in user (GDPR Art. 15), and deleting their
    account after confirming the password (residents only, see :mod:`.own_data`)."""
    user = _user(request)
    may_delete = may_delete_own_account(user)
    form = PasswordConfirmForm(user, request.POST or None)
    if request.method == "POST":
        if not may_delete:
            raise PermissionDenied
        if form.is_valid():
            account_delete(user=user)
            auth_logout(request)
            messages.success(request, _("Your account and your data are deleted."))
            return redirect("districts:index")
    context = {"sections": own_data_sections(user), "form": form, "may_delete": may_delete}
    return render(request, "accounts/own_data.html", context)


@access(SIGNED_IN)
@never_cache
def own_data_json(request: HttpRequest) -> HttpResponse:
    """The same data as :func:`own_data`, as a JSON download."""
    return json_download(
        {"sections": sections_json(own_data_sections(_user(request)))},
        filename="meine-daten.json",
    )


# --- Second factor --------------------------------------------------------------------------


def _second_factor_passed(request: HttpRequest, device: Device) -> None:
    """Record in the session that the user passed the second factor with ``device``."""
    # A new session key for the raised privilege, as at sign-in.
    request.session.cycle_key()
    otp_login(request, device)


def _code_checked(user: User, form: Form) -> Device | None:
    """The device that accepted the form's code, or None (errors are added to the form)."""
    if not form.is_valid():
        return None
    try:
        return services.second_factor_verify(user=user, code=form.cleaned_data["code"])
    except ValidationError as error:
        form.add_error("code", error)
        return None


def _recovery_code_used(request: HttpRequest, user: User) -> None:
    left = selectors.recovery_codes_left(user)
    text = ngettext(
        "You signed in with a recovery code. You have %(count)d code left.",
        "You signed in with a recovery code. You have %(count)d codes left.",
        left,
    ) % {"count": left}
    messages.warning(request, text)


@access(SIGNED_IN)
@never_cache
def second_factor(request: HttpRequest) -> HttpResponse:
    """Ask for a code from the authenticator app, or else one of the recovery codes."""
    user, next_url = _user(request), _next_url(request)
    if _is_verified(request):
        return redirect(next_url)
    if not user_has_device(user):
        return redirect(_with_next(SECOND_FACTOR_SETUP, next_url))
    app_form = AuthenticatorCodeForm()
    recovery_form = RecoveryCodeForm(prefix="recovery")
    use_recovery = "recovery-code" in request.POST
    if request.method == "POST":
        if use_recovery:
            recovery_form = RecoveryCodeForm(request.POST, prefix="recovery")
        else:
            app_form = AuthenticatorCodeForm(request.POST)
        device = _code_checked(user, recovery_form if use_recovery else app_form)
        if device is not None:
            _second_factor_passed(request, device)
            if isinstance(device, StaticDevice):
                _recovery_code_used(request, user)
            return redirect(next_url)
    context = {
        "app_form": app_form,
        "recovery_form": recovery_form,
        "use_recovery": use_recovery,
        "next": next_url,
    }
    return render(request, "accounts/second_factor.html", context)


def _pending_device(request: HttpRequest, user: User) -> TOTPDevice:
    """The app being set up in this session, or a new one."""
    device = selectors.totp_device_pending(user, request.session.get(PENDING_DEVICE))
    if device is None:
        device = services.second_factor_enrol_start(user=user)
        request.session[PENDING_DEVICE] = device.pk
    return device


def _show_codes_once(request: HttpRequest, codes: list[str], next_url: str | None) -> None:
    request.session[FRESH_CODES] = codes
    request.session[FRESH_CODES_NEXT] = next_url


@access(SIGNED_IN)
@never_cache
def second_factor_setup(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app (or replace one): QR code and secret, then a code."""
    user, next_url = _user(request), _next_url(request)
    if user_has_device(user) and not _is_verified(request):
        # Replacing an app needs the current second factor first.
        return redirect(_with_next(SECOND_FACTOR_VERIFY, next_url))
    device = _pending_device(request, user)
    form = AuthenticatorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.second_factor_enrol_confirm(
                device=device, token=form.cleaned_data["code"]
            )
        except ValidationError as error:
            form.add_error("code", error)
        else:
            request.session.pop(PENDING_DEVICE, None)
            _second_factor_passed(request, device)
            _show_codes_once(request, codes, next_url)
            messages.success(request, _("Your authenticator app is set up."))
            return redirect("accounts:recovery_codes")
    context = {
        "form": form,
        "qr_svg": totp_qr_svg(device, _("QR code for your authenticator app")),
        "secret": totp_secret(device),
        "replacing": selectors.second_factor_status(user).enrolled,
        "next": next_url,
    }
    return render(request, "accounts/second_factor_setup.html", context)


@access(SIGNED_IN)
@never_cache
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """New recovery codes on request (the old ones stop working); shown once."""
    user = _user(request)
    if not selectors.second_factor_status(user).enrolled:
        return redirect("accounts:second_factor_setup")
    if request.method == "POST":
        _show_codes_once(request, services.recovery_codes_create(user=user), None)
        return redirect("accounts:recovery_codes")
    context = {
        "codes": request.session.pop(FRESH_CODES, None),
        "next": request.session.pop(FRESH_CODES_NEXT, None),
        "codes_left": selectors.recovery_codes_left(user),
    }
    return render(request, "accounts/recovery_codes.html", context)


@access(SIGNED_IN)
def second_factor_disable(request: HttpRequest) -> HttpResponse:
    """Residents may switch the second factor off again; staff roles are told why not."""
    user = _user(request)
    status = selectors.second_factor_status(user)
    if not status.enrolled and not status.required:
        return redirect("accounts:home")
    form = PasswordConfirmForm(user, request.POST or None)
    if request.method == "POST":
        if status.required:
            raise PermissionDenied(_("Your role requires a second factor."))
        if form.is_valid():
            services.second_factor_disable(user=user)
            messages.success(request, _("The second factor is switched off."))
            return redirect("accounts:home")
    context = {"form": form, "second_factor": status}
    return render(request, "accounts/second_factor_disable.html", context)


# --- District teams -------------------------------------------------------------------------


@access(roles(*ORGANISATION_ROLES))
def team_list(request: HttpRequest) -> HttpResponse:
    summaries = selectors.team_list_for_user(_user(request))
    return render(request, "accounts/team_list.html", {"summaries": summaries})


@access(SIGNED_IN)
def team_detail(request: HttpRequest, slug: str) -> HttpResponse:
    team = selectors.team_for_user(_user(request), slug)
    context = {
        "team": team,
        "groups": selectors.team_members_by_organisation(team),
        "districts": team.districts.order_by("name"),
        "links": team_links(request.user, team),
    }
    return render(request, "accounts/team_detail.html", context)
