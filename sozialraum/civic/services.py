"""Writes of the Mitmach-Kommune: proposing, supporting, withdrawing, commenting,
reporting and hiding comments, and the city's answers with their notifications.

Every rule a write must keep is checked here and raises ``ValidationError`` with a
sentence for the form (or ``PermissionDenied`` for a wrong actor); each write is one
transaction, so nothing is half-written."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sozialraum.districts.lookup import district_at

from .models import (
    Answer,
    Comment,
    CommentReport,
    Idea,
    IdeaState,
    Notification,
    Support,
    VerificationWithdrawal,
    VerifiedResident,
)
from .rules import answering_organisation, is_resident, is_verified_resident, support_threshold
from .states import states_ensure


@dataclass(frozen=True)
class RateLimit:
    """At most ``count`` writes of one kind per resident within ``window``."""

    count: int
    window: timedelta
    message: Any


IDEA_LIMIT = RateLimit(
    5,
    timedelta(days=1),
    gettext_lazy("You can propose at most 5 ideas a day. Please try tomorrow."),
)
COMMENT_LIMIT = RateLimit(
    20,
    timedelta(hours=1),
    gettext_lazy("You wrote many comments in the last hour. Please wait a little."),
)
SUPPORT_LIMIT = RateLimit(
    50,
    timedelta(hours=1),
    gettext_lazy("You supported many ideas in the last hour. Please wait a little."),
)


def _rate_check(limit: RateLimit, recent: int) -> None:
    if recent >= limit.count:
        raise ValidationError(str(limit.message), code="rate_limit")


def _since(limit: RateLimit) -> Any:
    return timezone.now() - limit.window


def _resident_check(user: Any) -> None:
    if not is_resident(user):
        raise PermissionDenied


def state_initial() -> IdeaState:
    """The state of new ideas (the default states are added if the table is empty)."""
    if not IdeaState.objects.exists():
        states_ensure(IdeaState)
    return IdeaState.objects.get(initial=True)


def idea_propose(
    *,
    author: Any,
    title: str,
    text: str,
    category: str,
    latitude: float,
    longitude: float,
    address: str = "",
    photo: bytes | None = None,
    show_name: bool = False,
) -> Idea:
    """A new idea by a resident, placed in the district its point lies in (the most
    specific one). Raises ValidationError naming the field when the point lies in no
    district, or when the resident proposed too many ideas today."""
    _resident_check(author)
    _rate_check(
        IDEA_LIMIT, Idea.objects.filter(author=author, created_at__gte=_since(IDEA_LIMIT)).count()
    )
    district = district_at(latitude, longitude)
    if district is None:
        raise ValidationError(
            {
                "address": _(
                    "This place lies in none of our districts. Please choose a place in the city."
                )
            }
        )
    idea = Idea(
        author=author,
        title=title,
        text=text,
        category=category,
        latitude=latitude,
        longitude=longitude,
        address=address,
        photo=photo,
        show_name=show_name,
        district=district,
        state=state_initial(),
    )
    idea.full_clean()
    idea.save()
    return idea


def idea_support(*, idea: Idea, user: Any) -> Support:
    """The verified resident's one support of ``idea``; flags the idea for the planning
    office when the supports reach the threshold. Raises ValidationError for a resident
    not yet verified, a second support, a closed or withdrawn idea, one's own idea, or too
    many supports in the last hour."""
    _resident_check(user)
    if not is_verified_resident(user):
        raise ValidationError(
            _(
                "Only residents whose identity a city office has checked can support ideas. "
                "You can propose ideas and comment already."
            ),
            code="unverified",
        )
    if idea.state.closed or idea.state.withdrawn:
        raise ValidationError(_("This idea can no longer be supported."), code="closed")
    if idea.author_id == user.pk:
        raise ValidationError(_("You cannot support your own idea."), code="own")
    recent = Support.objects.filter(user=user, created_at__gte=_since(SUPPORT_LIMIT)).count()
    _rate_check(SUPPORT_LIMIT, recent)
    try:
        with transaction.atomic():
            support = Support.objects.create(idea=idea, user=user)
            _flag_if_reached(idea)
    except IntegrityError:
        raise ValidationError(_("You already support this idea."), code="twice") from None
    return support


def resident_verify(*, user: Any, actor: Any) -> VerifiedResident:
    """Someone who answers for the city records that they saw resident ``user`` in person
    (an identity document with the same name and an address in the city). Verifying twice
    keeps the first record. Raises ``PermissionDenied`` for anyone else and
    ValidationError when ``user`` is not a resident."""
    organisation = answering_organisation(actor)
    if organisation is None:
        raise PermissionDenied
    if user is None or not is_resident(user):
        raise ValidationError({"email": _("There is no resident account with this address.")})
    verified, _created = VerifiedResident.objects.get_or_create(
        user=user, defaults={"organisation": organisation, "verified_by": actor}
    )
    return verified


def resident_verification_withdraw(*, user: Any, actor: Any, reason: str) -> VerificationWithdrawal:
    """Someone who answers for the city withdraws resident ``user``'s verification, with a
    reason: the verification goes and a :class:`VerificationWithdrawal` records who, for
    which office, when and why. The resident no longer supports ideas (supports given
    before stay). One transaction. Raises ``PermissionDenied`` for anyone who may not
    verify, and ValidationError without a reason or when ``user`` is not verified."""
    organisation = answering_organisation(actor)
    if organisation is None:
        raise PermissionDenied
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Please give the reason for withdrawing.")})
    with transaction.atomic():
        verified = (
            VerifiedResident.objects.select_for_update().filter(user=user).first()
            if user is not None
            else None
        )
        if verified is None:
            raise ValidationError({"email": _("There is no verified resident with this address.")})
        withdrawal = VerificationWithdrawal(
            user=user,
            verified_at=verified.verified_at,
            organisation=organisation,
            withdrawn_by=actor,
            reason=reason,
        )
        withdrawal.full_clean()
        withdrawal.save()
        verified.delete()
    return withdrawal


def _flag_if_reached(idea: Idea) -> None:
    if idea.flagged_at is None and idea.supports.count() >= support_threshold():
        idea.flagged_at = timezone.now()
        Idea.objects.filter(pk=idea.pk, flagged_at=None).update(flagged_at=idea.flagged_at)


def idea_withdraw(*, idea: Idea, user: Any) -> None:
    """The author withdraws their idea (nobody else can)."""
    if user is None or idea.author_id != user.pk:
        raise PermissionDenied
    if idea.state.withdrawn:
        return
    idea.state = IdeaState.objects.get(withdrawn=True)
    idea.save(update_fields=["state"])


def comment_add(*, idea: Idea, author: Any, text: str) -> Comment:
    """A resident's comment on an idea (not on a withdrawn one)."""
    _resident_check(author)
    if idea.state.withdrawn:
        raise ValidationError({"text": _("This idea was withdrawn; it takes no more comments.")})
    recent = Comment.objects.filter(author=author, created_at__gte=_since(COMMENT_LIMIT)).count()
    if recent >= COMMENT_LIMIT.count:
        raise ValidationError({"text": str(COMMENT_LIMIT.message)})
    comment = Comment(idea=idea, author=author, text=text)
    comment.full_clean()
    comment.save()
    return comment


def comment_report(*, comment: Comment, user: Any) -> CommentReport:
    """A resident reports a comment to the moderators (a second report by the same
    resident changes nothing)."""
    _resident_check(user)
    report, _created = CommentReport.objects.get_or_create(comment=comment, user=user)
    return report


def _moderator_check(user: Any) -> None:
    if answering_organisation(user) is None:
        raise PermissionDenied


@transaction.atomic
def comment_hide(*, comment: Comment, moderator: Any) -> None:
    """A moderator of the city hides a comment; its reports are settled."""
    _moderator_check(moderator)
    now = timezone.now()
    Comment.objects.filter(pk=comment.pk, hidden_at=None).update(hidden_at=now, hidden_by=moderator)
    comment.reports.filter(settled_at=None).update(settled_at=now)


def comment_reports_dismiss(*, comment: Comment, moderator: Any) -> None:
    """A moderator keeps the comment: its open reports are settled."""
    _moderator_check(moderator)
    comment.reports.filter(settled_at=None).update(settled_at=timezone.now())


def answer_draft(*, idea: Idea, user: Any, state: IdeaState, text: str) -> Answer:
    """Drafts (or rewrites the open draft of) the city's answer to ``idea``. Only users of
    a city organisation answer (:mod:`.rules`); the withdrawn state is the author's."""
    organisation = answering_organisation(user)
    if organisation is None:
        raise PermissionDenied
    if state.withdrawn:
        raise ValidationError({"state": _("Only the author can withdraw an idea.")})
    answer = idea.answers.filter(published_at=None).first() or Answer(idea=idea)
    answer.state, answer.text = state, text
    answer.organisation, answer.drafted_by = organisation, user
    answer.drafted_at = timezone.now()
    answer.full_clean()
    answer.save()
    return answer


@transaction.atomic
def answer_publish(*, answer: Answer, user: Any, mail: bool = True) -> int:
    """Publishes a drafted answer with today's date: the idea takes the answer's state, and
    its author and supporters get a notification (and, unless ``mail`` is false, an e-mail,
    sent once the transaction is committed). Returns how many people were notified."""
    if answering_organisation(user) is None:
        raise PermissionDenied
    if answer.is_published:
        return 0
    answer.published_at = timezone.now()
    answer.save(update_fields=["published_at"])
    idea = answer.idea
    idea.state = answer.state
    idea.save(update_fields=["state"])
    people = _audience(idea)
    Notification.objects.bulk_create(
        [Notification(user=person, idea=idea, answer=answer) for person in people]
    )
    messages = [_mail(answer, person) for person in people if person.email and mail]
    transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=True))
    return len(people)


def _audience(idea: Idea) -> list[Any]:
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    return list(
        user_model.objects.filter(Q(ideas=idea) | Q(idea_supports__idea=idea))
        .distinct()
        .order_by("pk")
    )


def _mail(answer: Answer, person: Any) -> tuple[str, str, str | None, list[str]]:
    idea = answer.idea
    subject = _("The city answered the idea “%(title)s”") % {"title": idea.title}
    body = _(
        "Hello,\n\nthe city answered the idea “%(title)s” in %(district)s.\n"
        "New state: %(state)s\n\n%(text)s\n\n"
        "You get this message because you proposed or support this idea. "
        "You find the idea on your start page in Sozialraum."
    ) % {
        "title": idea.title,
        "district": idea.district.name,
        "state": answer.state.name,
        "text": answer.text,
    }
    return (subject, body, None, [person.email])


def notifications_read(*, user: Any) -> int:
    """Marks the resident's unread notifications as read."""
    return Notification.objects.filter(user=user, read_at=None).update(read_at=timezone.now())


@transaction.atomic
def civic_user_data_delete(*, user: Any) -> None:
    """Before ``user``'s account is deleted: their supports and comments are removed (a
    comment's text is theirs; the discussion stays readable without it) and their ideas
    stay, with no author and no name shown."""
    Support.objects.filter(user=user).delete()
    Comment.objects.filter(author=user).delete()
    Idea.objects.filter(author=user).update(author=None, show_name=False)
