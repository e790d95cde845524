"""The coordinators' pages of a group: members waiting for the identity check, the
moderation queue, balances outside the limits, matching by hand and acting for a member
without a smartphone (recorded as trusted person)."""

from __future__ import annotations

from typing import cast

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from sozialraum.accounts.models import User
from sozialraum.districts.models import geometry_fields
from sozialraum.lib.access import Role, access, roles

from .. import selectors, services
from ..access import contact_read_log, group_for_coordinator, member_for_coordinator
from ..choices import MemberStatus
from ..forms import HandMatchForm, PostForm, ResolveForm, TransfersSettingForm
from ..models import HelpGroup, Member, Report
from .members import _errors_to_form

COORDINATION = roles(Role.COORDINATOR, Role.ADMIN)


def _hand_match_form(group: HelpGroup, data: object = None) -> HandMatchForm:
    return HandMatchForm(
        data,
        posts=selectors.open_posts(group).defer("district__boundary", "district__boundary_display"),
        members=Member.objects.filter(
            group=group, status=MemberStatus.VERIFIED, anonymised_at__isnull=True
        ),
    )


def _page(request: HttpRequest, group: HelpGroup, **extra: object) -> HttpResponse:
    members = (
        Member.objects.filter(group=group, anonymised_at__isnull=True)
        .select_related("district")
        .defer(*geometry_fields("district"))
    )
    context = {
        "group": group,
        "pending": members.filter(status=MemberStatus.PENDING),
        "members": members.filter(status=MemberStatus.VERIFIED),
        "reports": Report.objects.filter(group=group, resolved_at__isnull=True).select_related(
            "reporter", "about"
        ),
        "flagged": [b for b in selectors.group_balances(group) if b.flag]
        if group.time_accounts
        else [],
        "ledger_total": selectors.ledger_total(group) if group.time_accounts else None,
        "from_other_groups": selectors.transfers_from_other_groups(group)
        if group.time_accounts
        else [],
        "transfers_setting": TransfersSettingForm(instance=group),
        "clearings": selectors.clearing_balances(group) if group.time_accounts else [],
        "hand_match": extra.get("hand_match") or _hand_match_form(group),
        "resolve_form": ResolveForm(),
    }
    return render(request, "neighbourhood/coordination.html", context)


@access(COORDINATION)
def coordination(request: HttpRequest, slug: str) -> HttpResponse:
    return _page(request, group_for_coordinator(request.user, slug))


@access(COORDINATION)
@require_POST
def transfers_setting(request: HttpRequest, slug: str) -> HttpResponse:
    """A coordinator allows (or stops) transfers with other groups."""
    group = group_for_coordinator(request.user, slug)
    TransfersSettingForm(request.POST, instance=group).save()
    return redirect("neighbourhood:coordination", slug=group.organisation.slug)


@access(COORDINATION)
@require_POST
def member_verify(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    group, member = member_for_coordinator(request.user, slug, pk)
    services.member_verify(member=member, actor=cast(User, request.user))
    return redirect("neighbourhood:coordination", slug=group.organisation.slug)


@access(COORDINATION)
@require_POST
def report_resolve(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    group = group_for_coordinator(request.user, slug)
    report = get_object_or_404(Report, group=group, pk=pk)
    form = ResolveForm(request.POST)
    if form.is_valid():
        services.report_resolve(
            report=report, actor=cast(User, request.user), outcome=form.cleaned_data["outcome"]
        )
    return redirect("neighbourhood:coordination", slug=slug)


@access(COORDINATION)
@require_POST
def hand_match(request: HttpRequest, slug: str) -> HttpResponse:
    group = group_for_coordinator(request.user, slug)
    form = _hand_match_form(group, request.POST)
    if form.is_valid():
        try:
            match = services.match_create(
                post=form.cleaned_data["post"],
                member=form.cleaned_data["member"],
                acted_by=cast(User, request.user),
                trusted_person=True,
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            return redirect(match.get_absolute_url())
    return _page(request, group, hand_match=form)


@access(COORDINATION)
def member_contact(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A member's address and phone for their coordinator (to call a member without a
    smartphone, say); every read is logged and shown in the member's export."""
    group, member = member_for_coordinator(request.user, slug, pk)
    contact_read_log(request.user, [member])
    return render(request, "neighbourhood/member_contact.html", {"group": group, "member": member})


@access(COORDINATION)
def post_for_member(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A coordinator posts for a member, as their trusted person."""
    group, member = member_for_coordinator(request.user, slug, pk)
    form = PostForm(request.POST or None, initial={"district": member.district_id})
    if request.method == "POST" and form.is_valid():
        try:
            post = services.post_create(
                member=member,
                acted_by=cast(User, request.user),
                trusted_person=True,
                **form.post_fields(),
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            return redirect(post.get_absolute_url())
    context = {"group": group, "form": form, "member": member, "for_member": member}
    return render(request, "neighbourhood/post_form.html", context)
