"""Members' pages: the public list of groups and sign-up, a member's overview, profile,
posts, matches with messages, and the time account."""

from __future__ import annotations

import contextlib
from typing import Any, cast

from django.contrib.auth import login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from sozialraum.accounts.models import User
from sozialraum.districts.models import District, geometry_fields
from sozialraum.lib.access import PUBLIC, SIGNED_IN, access
from sozialraum.lib.export import json_download, sections_json

from .. import ledger, selectors, services
from ..access import (
    MatchView,
    contact_read_log,
    group_get,
    is_coordinator,
    match_for_user,
    member_of,
)
from ..export import member_export
from ..forms import (
    MessageForm,
    PostForm,
    ProfileForm,
    ReportForm,
    SignupForm,
    TimeAcrossForm,
    TimeForm,
)
from ..models import HelpGroup, Member, Post, Transfer


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _errors_to_form(form: BaseForm, error: ValidationError) -> None:
    """Puts a service's error on the form: on the named field, else on the whole form."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


@access(PUBLIC)
def groups(request: HttpRequest) -> HttpResponse:
    districts = Prefetch("districts", queryset=District.objects.only("id", "name"))
    rows = HelpGroup.objects.select_related("organisation").prefetch_related(districts)
    return render(request, "neighbourhood/groups.html", {"groups": rows})


@access(PUBLIC)
def signup(request: HttpRequest, slug: str) -> HttpResponse:
    group = group_get(slug)
    signed_in = request.user.is_authenticated
    if signed_in and member_of(request.user, group):
        return redirect(group.get_absolute_url())
    form = SignupForm(request.POST or None, signed_in=signed_in)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            member = services.member_signup(
                group=group,
                name=data["name"],
                district=data["district"],
                key=services.signup_key(request.META.get("REMOTE_ADDR", "")),
                user=_user(request) if signed_in else None,
                email=data.get("email", ""),
                password=data.get("password", ""),
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            if not signed_in:
                assert member.user is not None
                login(
                    request, member.user, backend="sozialraum.accounts.backends.UserReadingBackend"
                )
            return redirect(group.get_absolute_url())
    return render(request, "neighbourhood/signup.html", {"group": group, "form": form})


def _member_or_404(request: HttpRequest, slug: str) -> tuple[HelpGroup, Member]:
    group = group_get(slug)
    member = member_of(request.user, group)
    if member is None:
        raise Http404
    return group, member


@access(SIGNED_IN)
def group(request: HttpRequest, slug: str) -> HttpResponse:
    group = group_get(slug)
    member = member_of(request.user, group)
    coordinator = is_coordinator(request.user, group)
    context: dict[str, Any] = {"group": group, "member": member, "coordinator": coordinator}
    if member is not None:
        context |= {
            "nearby": selectors.posts_nearby(member) if member.is_verified else [],
            "my_posts": selectors.open_posts(group).filter(member=member),
            "matches": selectors.matches_for_member(member)[:20],
            "to_confirm": selectors.transfers_to_confirm(member),
            "balance": selectors.balance(member) if group.time_accounts else None,
        }
    return render(request, "neighbourhood/group.html", context)


@access(SIGNED_IN)
def profile(request: HttpRequest, slug: str) -> HttpResponse:
    group, member = _member_or_404(request, slug)
    form = ProfileForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        form.save()
        return redirect(group.get_absolute_url())
    return render(request, "neighbourhood/profile.html", {"group": group, "form": form})


@access(SIGNED_IN)
def post_new(request: HttpRequest, slug: str) -> HttpResponse:
    group, member = _member_or_404(request, slug)
    form = PostForm(request.POST or None, initial={"district": member.district_id})
    if request.method == "POST" and form.is_valid():
        try:
            post = services.post_create(
                member=member, acted_by=_user(request), trusted_person=False, **form.post_fields()
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            return redirect(post.get_absolute_url())
    context = {"group": group, "form": form, "member": member, "for_member": None}
    return render(request, "neighbourhood/post_form.html", context)


def _post_for_user(request: HttpRequest, pk: int) -> tuple[Post, Member | None, bool]:
    post = (
        Post.objects.select_related("group__organisation", "member", "district")
        .defer(*geometry_fields("district"))
        .filter(pk=pk)
    )
    found = post.first()
    if found is None:
        raise Http404
    member = member_of(request.user, found.group)
    coordinator = is_coordinator(request.user, found.group)
    if member is None and not coordinator:
        raise PermissionDenied
    return found, member, coordinator


@access(SIGNED_IN)
def post(request: HttpRequest, pk: int) -> HttpResponse:
    found, member, coordinator = _post_for_user(request, pk)
    error = ""
    if request.method == "POST" and member is not None:
        try:
            match = services.match_create(
                post=found, member=member, acted_by=_user(request), trusted_person=False
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            return redirect(match.get_absolute_url())
    own = member is not None and found.member_id == member.pk
    matches = found.matches.select_related("member") if own or coordinator else []
    context = {"post": found, "member": member, "own": own, "matches": matches, "error": error}
    return render(request, "neighbourhood/post.html", context)


def _acting_member(request: HttpRequest, view: MatchView) -> tuple[Member, bool]:
    """The side the request acts for, and whether a coordinator acts as trusted person
    (naming the side in the form's ``for_member``)."""
    if view.member is not None:
        return view.member, False
    wanted = request.POST.get("for_member", "")
    side = next((m for m in view.match.sides if str(m.pk) == wanted), None)
    if side is None:
        raise PermissionDenied
    return side, True


def _match_page(request: HttpRequest, view: MatchView, **forms: Any) -> HttpResponse:
    match = view.match
    context = {
        "view": view,
        "match": match,
        "group": match.post.group,
        "messages_list": match.messages.select_related("sender"),
        "transfers": match.transfers.all(),
        "message_form": forms.get("message_form") or MessageForm(),
        "report_form": forms.get("report_form") or ReportForm(),
        "time_form": forms.get("time_form") or TimeForm(),
        "other": match.other_side(view.member) if view.member else None,
        "agreed": match.agreed_by(view.member) if view.member else False,
        "is_helper": view.member is not None and view.member.pk == match.helper.pk,
    }
    return render(request, "neighbourhood/match.html", context)


@access(SIGNED_IN)
def match(request: HttpRequest, pk: int) -> HttpResponse:
    view = match_for_user(request.user, pk)
    if view.coordinator and view.match.contact_shared:
        contact_read_log(request.user, list(view.match.sides))
    return _match_page(request, view)


@access(SIGNED_IN)
@require_POST
def match_message(request: HttpRequest, pk: int) -> HttpResponse:
    view = match_for_user(request.user, pk)
    sender, trusted = _acting_member(request, view)
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            services.message_send(
                match=view.match,
                sender=sender,
                text=form.cleaned_data["text"],
                acted_by=_user(request),
                trusted_person=trusted,
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            return redirect(view.match.get_absolute_url())
    return _match_page(request, view, message_form=form)


@access(SIGNED_IN)
@require_POST
def match_agree(request: HttpRequest, pk: int) -> HttpResponse:
    view = match_for_user(request.user, pk)
    side, _trusted = _acting_member(request, view)
    services.match_agree(match=view.match, member=side)
    return redirect(view.match.get_absolute_url())


@access(SIGNED_IN)
@require_POST
def match_block(request: HttpRequest, pk: int) -> HttpResponse:
    view = match_for_user(request.user, pk)
    if view.member is None:
        raise PermissionDenied
    services.member_block(blocker=view.member, blocked=view.match.other_side(view.member))
    return redirect(view.match.get_absolute_url())


@access(SIGNED_IN)
@require_POST
def match_report(request: HttpRequest, pk: int) -> HttpResponse:
    view = match_for_user(request.user, pk)
    if view.member is None:
        raise PermissionDenied
    form = ReportForm(request.POST)
    if form.is_valid():
        services.report_create(
            match=view.match, reporter=view.member, reason=form.cleaned_data["reason"]
        )
        return render(request, "neighbourhood/reported.html", {"match": view.match})
    return _match_page(request, view, report_form=form)


@access(SIGNED_IN)
@require_POST
def match_time(request: HttpRequest, pk: int) -> HttpResponse:
    view = match_for_user(request.user, pk)
    form = TimeForm(request.POST)
    if form.is_valid():
        try:
            ledger.transfer_propose(
                match=view.match,
                proposer=view.member,
                minutes=form.cleaned_data["minutes"],
                reason=form.cleaned_data["reason"],
                acted_by=_user(request),
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            return redirect(view.match.get_absolute_url())
    return _match_page(request, view, time_form=form)


@access(SIGNED_IN)
@require_POST
def transfer_decide(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    transfer = Transfer.objects.select_related(
        "helped__group__organisation", "match", "group__organisation"
    ).filter(pk=pk)
    found = transfer.first()
    if found is None or decision not in {"bestaetigen", "ablehnen"}:
        raise Http404
    decide = ledger.transfer_confirm if decision == "bestaetigen" else ledger.transfer_decline
    # Already decided: the page shows the state it is in.
    with contextlib.suppress(ValidationError):
        decide(transfer=found, actor=_user(request))
    target = (
        found.match.get_absolute_url() if found.match else found.helped.group.get_absolute_url()
    )
    return redirect(target)


@access(SIGNED_IN)
def statement(request: HttpRequest, slug: str) -> HttpResponse:
    group, member = _member_or_404(request, slug)
    context = {
        "group": group,
        "member": member,
        "balance": selectors.balance(member),
        "movements": selectors.statement(member),
        "transfer_code": ledger.transfer_code(member)
        if group.transfers_between_groups and member.is_verified
        else "",
    }
    return render(request, "neighbourhood/statement.html", context)


@access(SIGNED_IN)
def transfer_across(request: HttpRequest, slug: str) -> HttpResponse:
    """A member records time for a member of another group (both groups allow it), who
    gave them their transfer code: no member list of the other group is shown."""
    group, member = _member_or_404(request, slug)
    if not (group.time_accounts and group.transfers_between_groups):
        raise Http404
    form = TimeAcrossForm(request.POST or None, groups=selectors.groups_for_transfers(group))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            ledger.transfer_propose_across(
                helper=member,
                other_group=data["other_group"],
                code=data["code"],
                minutes=data["minutes"],
                category=data["category"],
                reason=data["reason"],
                acted_by=_user(request),
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            return redirect("neighbourhood:statement", slug=group.organisation.slug)
    return render(request, "neighbourhood/transfer_across.html", {"group": group, "form": form})


@access(SIGNED_IN)
def my_data(request: HttpRequest, slug: str) -> HttpResponse:
    """The member's own data in this group (GDPR Art. 15) and leaving with deletion."""
    group, member = _member_or_404(request, slug)
    if request.method == "POST":
        services.member_leave(member=member, user=_user(request))
        return redirect("neighbourhood:groups")
    context = {"group": group, "member": member, "sections": member_export(member)}
    return render(request, "neighbourhood/my_data.html", context)


@access(SIGNED_IN)
def my_data_json(request: HttpRequest, slug: str) -> HttpResponse:
    """The same data as :func:`my_data`, as a JSON download."""
    group, member = _member_or_404(request, slug)
    return json_download(
        {"group": group.name, "sections": sections_json(member_export(member))},
        filename=f"meine-daten-{group.organisation.slug}.json",
    )
