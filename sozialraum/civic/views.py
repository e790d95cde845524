"""Pages of the Mitmach-Kommune. Each declares its audience (:mod:`sozialraum.lib.access`)
and only translates: a form in, a service or selector called, a page out."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sozialraum.districts.maps import picker_map
from sozialraum.districts.models import GEOMETRY, District
from sozialraum.lib.access import PUBLIC, access

from . import selectors, services
from .forms import (
    AnswerForm,
    CommentForm,
    IdeaForm,
    VerifyForm,
    WithdrawVerificationForm,
    idea_form_values,
)
from .maps import ideas_map
from .models import Comment, Idea, IdeaCategory
from .rules import (
    ANSWERERS,
    RESIDENTS,
    answering_organisation,
    is_resident,
    is_verified_resident,
)

#: Ideas per page of a district's list.
PAGE_SIZE = 30


@access(PUBLIC)
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "civic/index.html",
        {
            "districts": selectors.districts_with_ideas(),
            "can_propose": is_resident(request.user),
            "can_answer": answering_organisation(request.user) is not None,
        },
    )


@access(PUBLIC)
def district(request: HttpRequest, slug: str) -> HttpResponse:
    place = get_object_or_404(District.objects.defer(*GEOMETRY), slug=slug)
    category = request.GET.get("thema", "")
    if category not in IdeaCategory.values:
        category = ""
    page = Paginator(selectors.district_ideas(place, category=category), PAGE_SIZE).get_page(
        request.GET.get("seite")
    )
    ideas = list(page.object_list)
    context = {
        "district": place,
        "page": page,
        "ideas": ideas,
        "category": category,
        "categories": IdeaCategory.choices,
        "map": ideas_map(place, ideas),
        "can_propose": is_resident(request.user),
    }
    return render(request, "civic/district.html", context)


def _detail_context(request: HttpRequest, idea: Idea, **extra: Any) -> dict[str, Any]:
    user = request.user
    return {
        "idea": idea,
        "answers": selectors.answers_public(idea),
        "comments": selectors.comments_public(idea),
        "supported": selectors.supported_by(idea, user),
        "is_resident": is_resident(user),
        "is_verified": is_verified_resident(user),
        "is_author": user.is_authenticated and idea.author_id == user.pk,
        "can_answer": answering_organisation(user) is not None,
        "comment_form": extra.pop("comment_form", None) or CommentForm(),
        **extra,
    }


@access(PUBLIC)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    idea = selectors.idea_public(pk)
    return render(request, "civic/detail.html", _detail_context(request, idea))


@access(PUBLIC)
def photo(request: HttpRequest, pk: int) -> HttpResponse:
    response = HttpResponse(selectors.idea_photo(pk), content_type="image/jpeg")
    response["Cache-Control"] = "public, max-age=3600"
    return response


@access(RESIDENTS)
def propose(request: HttpRequest) -> HttpResponse:
    form = IdeaForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            idea = services.idea_propose(author=request.user, **idea_form_values(form))
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Thank you! Your idea is published."))
            return redirect(idea)
    return render(request, "civic/propose.html", {"form": form, "map": picker_map()})


def _errors_to_form(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@access(RESIDENTS)
@require_POST
def support(request: HttpRequest, pk: int) -> HttpResponse:
    idea = get_object_or_404(Idea.objects.defer("photo").select_related("state"), pk=pk)
    try:
        services.idea_support(idea=idea, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Thank you for your support."))
    return redirect(idea)


@access(RESIDENTS)
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    idea = get_object_or_404(Idea.objects.defer("photo").select_related("state"), pk=pk)
    services.idea_withdraw(idea=idea, user=request.user)
    messages.success(request, _("You withdrew your idea."))
    return redirect(idea)


@access(RESIDENTS)
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    idea = selectors.idea_public(pk)
    form = CommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_add(idea=idea, author=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Your comment is published."))
            return redirect(idea)
    return render(request, "civic/detail.html", _detail_context(request, idea, comment_form=form))


@access(RESIDENTS)
@require_POST
def report(request: HttpRequest, pk: int) -> HttpResponse:
    target = get_object_or_404(Comment.objects.filter(hidden_at=None), pk=pk)
    services.comment_report(comment=target, user=request.user)
    messages.success(request, _("Thank you. The moderators will look at the comment."))
    return redirect("civic:detail", pk=target.idea_id)


@access(ANSWERERS)
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    if answering_organisation(request.user) is None:
        raise PermissionDenied
    idea = selectors.idea_public(pk)
    draft = selectors.answer_draft_open(idea)
    initial = {"state": draft.state, "text": draft.text} if draft else None
    form = AnswerForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.answer_draft(idea=idea, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            return _answer_saved(request, saved)
    context = {
        "idea": idea,
        "form": form,
        "draft": draft,
        "answers": selectors.answers_public(idea),
    }
    return render(request, "civic/answer.html", context)


def _answer_saved(request: HttpRequest, saved: Any) -> HttpResponse:
    if "publish" in request.POST:
        count = services.answer_publish(answer=saved, user=request.user)
        messages.success(
            request,
            _("The answer is published; %(count)d people were notified.") % {"count": count},
        )
        return redirect(saved.idea)
    messages.success(request, _("The draft is saved. It is not public yet."))
    return redirect("civic:answer", pk=saved.idea_id)


@access(ANSWERERS)
def moderation(request: HttpRequest) -> HttpResponse:
    if answering_organisation(request.user) is None:
        raise PermissionDenied
    context = {
        "reported": list(selectors.reported_comments()[:50]),
        "flagged": list(selectors.flagged_ideas()[:50]),
        "awaiting": list(selectors.ideas_awaiting_answer()[:50]),
    }
    return render(request, "civic/moderation.html", context)


@access(ANSWERERS)
@require_POST
def hide(request: HttpRequest, pk: int) -> HttpResponse:
    target = get_object_or_404(Comment, pk=pk)
    if "keep" in request.POST:
        services.comment_reports_dismiss(comment=target, moderator=request.user)
        messages.success(request, _("The comment stays visible."))
    else:
        services.comment_hide(comment=target, moderator=request.user)
        messages.success(request, _("The comment is hidden."))
    return redirect("civic:moderation")


@access(RESIDENTS)
@require_POST
def notifications_read(request: HttpRequest) -> HttpResponse:
    services.notifications_read(user=request.user)
    return redirect("start")


def _verify_page(request: HttpRequest, **forms: Any) -> HttpResponse:
    context = {"form": VerifyForm(), "withdraw_form": WithdrawVerificationForm(), **forms}
    return render(request, "civic/verify.html", context)


@access(ANSWERERS)
def verify(request: HttpRequest) -> HttpResponse:
    """Someone of the city marks a resident verified after seeing them in person."""
    if answering_organisation(request.user) is None:
        raise PermissionDenied
    form = VerifyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            resident = selectors.account_by_email(form.cleaned_data["email"])
            services.resident_verify(user=resident, actor=request.user)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("The resident is verified and can support ideas now."))
            return redirect("civic:verify")
    return _verify_page(request, form=form)


@access(ANSWERERS)
@require_POST
def verify_withdraw(request: HttpRequest) -> HttpResponse:
    """Someone of the city withdraws a resident's verification, giving the reason."""
    if answering_organisation(request.user) is None:
        raise PermissionDenied
    form = WithdrawVerificationForm(request.POST)
    if form.is_valid():
        try:
            resident = selectors.account_by_email(form.cleaned_data["email"])
            services.resident_verification_withdraw(
                user=resident, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(
                request, _("The verification is withdrawn. The resident cannot support ideas.")
            )
            return redirect("civic:verify")
    return _verify_page(request, withdraw_form=form)
