"""The rules of the Mitmach-Kommune's writes: one support per resident, the threshold
flag, only the author withdraws, only the city answers, drafts stay private until
published, notifications and e-mails, rate limits, moderation."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from sozialraum.accounts.models import OrganisationKind
from sozialraum.civic import services
from sozialraum.civic.models import Answer, Idea, IdeaState, Notification, Support
from sozialraum.civic.rules import answering_organisation
from sozialraum.civic.selectors import answers_public
from sozialraum.lib.access import Role

from .factories import answerer_make, district_make, idea_make, resident_make

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def district() -> None:
    district_make()


def _state(key: str) -> IdeaState:
    return IdeaState.objects.get(key=key)


def test_a_new_idea_lies_in_the_district_of_its_point_and_is_received() -> None:
    idea = idea_make()
    assert idea.district.name == "Jürgensby"
    assert idea.state.key == "received"


def test_an_idea_outside_every_district_is_refused_naming_the_address_field() -> None:
    with pytest.raises(ValidationError) as error:
        idea_make(latitude=50.0, longitude=8.0)
    assert "address" in error.value.message_dict
    assert Idea.objects.count() == 0


def test_only_residents_propose_ideas() -> None:
    with pytest.raises(PermissionDenied):
        idea_make(author=answerer_make())


def test_a_resident_supports_an_idea_only_once() -> None:
    idea = idea_make()
    neighbour = resident_make()
    services.idea_support(idea=idea, user=neighbour)
    with pytest.raises(ValidationError) as error:
        services.idea_support(idea=idea, user=neighbour)
    assert error.value.code == "twice"
    assert Support.objects.filter(idea=idea).count() == 1


def test_the_database_refuses_a_second_support_by_the_same_resident() -> None:
    idea = idea_make()
    neighbour = resident_make()
    Support.objects.create(idea=idea, user=neighbour)
    with pytest.raises(IntegrityError), transaction.atomic():
        Support.objects.create(idea=idea, user=neighbour)


def test_the_author_cannot_support_their_own_idea() -> None:
    idea = idea_make()
    with pytest.raises(ValidationError):
        services.idea_support(idea=idea, user=idea.author)


def test_staff_cannot_support_an_idea() -> None:
    with pytest.raises(PermissionDenied):
        services.idea_support(idea=idea_make(), user=answerer_make())


def test_reaching_the_support_threshold_flags_the_idea_for_the_planning_office(
    settings: object,
) -> None:
    settings.CIVIC_SUPPORT_THRESHOLD = 2  # type: ignore[attr-defined]
    idea = idea_make()
    services.idea_support(idea=idea, user=resident_make())
    idea.refresh_from_db()
    assert idea.flagged_at is None
    services.idea_support(idea=idea, user=resident_make())
    idea.refresh_from_db()
    assert idea.flagged_at is not None


def test_only_the_author_withdraws_an_idea() -> None:
    idea = idea_make()
    with pytest.raises(PermissionDenied):
        services.idea_withdraw(idea=idea, user=resident_make())
    with pytest.raises(PermissionDenied):
        services.idea_withdraw(idea=idea, user=answerer_make())
    assert Idea.objects.get(pk=idea.pk).state.key == "received"
    services.idea_withdraw(idea=idea, user=idea.author)
    assert Idea.objects.get(pk=idea.pk).state.key == "withdrawn"


def test_a_withdrawn_idea_takes_no_supports() -> None:
    idea = idea_make()
    services.idea_withdraw(idea=idea, user=idea.author)
    with pytest.raises(ValidationError):
        services.idea_support(idea=idea, user=resident_make())


@pytest.mark.parametrize(
    ("role", "kind", "answers"),
    [
        (Role.PLANNER, OrganisationKind.CITY_PLANNING, True),
        (Role.COORDINATOR, OrganisationKind.CITY_SOCIAL_SERVICES, True),
        (Role.ADMIN, OrganisationKind.CITY_SOCIAL_SERVICES, True),
        (Role.WORKER, OrganisationKind.CITY_SOCIAL_SERVICES, False),
        (Role.PLANNER, OrganisationKind.WELFARE, False),
        (Role.COORDINATOR, OrganisationKind.ASSOCIATION, False),
        (Role.RESIDENT, OrganisationKind.CITY_PLANNING, False),
    ],
)
def test_only_planners_coordinators_and_administrators_of_the_city_answer(
    role: str, kind: str, answers: bool
) -> None:
    idea = idea_make()
    user = answerer_make(role, kind)
    assert (answering_organisation(user) is not None) is answers
    if answers:
        answer = services.answer_draft(idea=idea, user=user, state=_state("planned"), text="Ja.")
        assert answer.organisation.kind == kind
    else:
        with pytest.raises(PermissionDenied):
            services.answer_draft(idea=idea, user=user, state=_state("planned"), text="Ja.")
        assert Answer.objects.count() == 0


def test_the_city_cannot_answer_with_the_authors_withdrawn_state() -> None:
    with pytest.raises(ValidationError) as error:
        services.answer_draft(
            idea=idea_make(), user=answerer_make(), state=_state("withdrawn"), text="Weg."
        )
    assert "state" in error.value.message_dict


def test_a_draft_answer_is_not_public_and_leaves_the_state() -> None:
    idea = idea_make()
    services.answer_draft(idea=idea, user=answerer_make(), state=_state("planned"), text="Bald.")
    assert answers_public(idea) == []
    assert Idea.objects.get(pk=idea.pk).state.key == "received"
    assert Notification.objects.count() == 0


def test_publishing_sets_the_state_and_notifies_author_and_supporters_by_mail() -> None:
    idea = idea_make()
    supporters = [resident_make(), resident_make()]
    for supporter in supporters:
        services.idea_support(idea=idea, user=supporter)
    city = answerer_make()
    draft = services.answer_draft(idea=idea, user=city, state=_state("planned"), text="Kommt.")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            "django.db.transaction.on_commit", lambda callback, using=None, robust=False: callback()
        )
        assert services.answer_publish(answer=draft, user=city) == 3
    assert Idea.objects.get(pk=idea.pk).state.key == "planned"
    assert [a.text for a in answers_public(idea)] == ["Kommt."]
    notified = set(Notification.objects.values_list("user_id", flat=True))
    assert notified == {idea.author_id, *(s.pk for s in supporters)}
    assert idea.author is not None
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        u.email for u in [idea.author, *supporters]
    )


def test_a_resident_cannot_publish_an_answer() -> None:
    idea = idea_make()
    draft = services.answer_draft(
        idea=idea, user=answerer_make(), state=_state("planned"), text="Bald."
    )
    with pytest.raises(PermissionDenied):
        services.answer_publish(answer=draft, user=idea.author)
    assert answers_public(idea) == []


def test_proposing_is_rate_limited_per_resident() -> None:
    author = resident_make()
    for _ in range(services.IDEA_LIMIT.count):
        idea_make(author=author)
    with pytest.raises(ValidationError):
        idea_make(author=author)
    assert Idea.objects.filter(author=author).count() == services.IDEA_LIMIT.count


def test_commenting_is_rate_limited_per_resident() -> None:
    idea = idea_make()
    author = resident_make()
    for number in range(services.COMMENT_LIMIT.count):
        services.comment_add(idea=idea, author=author, text=f"Gut {number}")
    with pytest.raises(ValidationError) as error:
        services.comment_add(idea=idea, author=author, text="Noch einer")
    assert "text" in error.value.message_dict


def test_supporting_is_rate_limited_per_resident(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        services, "SUPPORT_LIMIT", services.RateLimit(2, services.SUPPORT_LIMIT.window, "zu viele")
    )
    supporter = resident_make()
    ideas = [idea_make() for _ in range(3)]
    services.idea_support(idea=ideas[0], user=supporter)
    services.idea_support(idea=ideas[1], user=supporter)
    with pytest.raises(ValidationError, match="zu viele"):
        services.idea_support(idea=ideas[2], user=supporter)


def test_a_city_moderator_hides_a_reported_comment_and_a_resident_cannot() -> None:
    idea = idea_make()
    comment = services.comment_add(idea=idea, author=resident_make(), text="Unfreundlich")
    report = services.comment_report(comment=comment, user=resident_make())
    with pytest.raises(PermissionDenied):
        services.comment_hide(comment=comment, moderator=idea.author)
    services.comment_hide(comment=comment, moderator=answerer_make())
    comment.refresh_from_db()
    report.refresh_from_db()
    assert comment.hidden_at is not None
    assert report.settled_at is not None


def test_deleting_an_author_keeps_their_idea_and_comment_anonymous() -> None:
    idea = idea_make(show_name=True)
    author = idea.author
    assert author is not None
    services.comment_add(idea=idea, author=author, text="Meine Ergänzung")
    author.delete()
    idea.refresh_from_db()
    assert idea.author is None
    assert idea.comments.get().author is None
    assert author.username not in idea.author_label
