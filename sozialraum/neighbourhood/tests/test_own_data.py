"""A signed-in resident's own data page (/konto/meine-daten/): everything stored about
them across the apps, as page and JSON, and deleting their account with the password:
afterwards no row anywhere holds their name, e-mail address, address or phone, while the
time accounts still sum to zero and their ideas stay without an author."""

from __future__ import annotations

import json
from typing import Any

import pytest
from axes.models import AccessLog
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse

from sozialraum.accounts.models import MembershipChange, User
from sozialraum.accounts.services import membership_create
from sozialraum.accounts.tests.factories import (
    PASSWORD,
    OrganisationFactory,
    signed_in_client,
    user_with_role,
)
from sozialraum.civic.models import Comment, Idea, Support
from sozialraum.civic.services import comment_add
from sozialraum.civic.tests.factories import district_make as civic_district
from sozialraum.civic.tests.factories import idea_make
from sozialraum.lib.access import Role
from sozialraum.neighbourhood import ledger, selectors, services
from sozialraum.neighbourhood.access import contact_read_log
from sozialraum.neighbourhood.models import Member, Message, Movement, Post

from .factories import coordinator_of, group_make, match_make, member_make, post_make, user_of

pytestmark = pytest.mark.django_db

#: What identifies the resident: name, e-mail address, home address, phone.
TRACES = ("zyxwa", "quokkaberg", "quokkaweg", "0461 987654")
URL = reverse("accounts:own_data")


def resident_with_data() -> tuple[User, Member, Member]:
    """A resident who is a member of a help group (post, message, confirmed time, a
    coordinator read their contact) and took part in the Mitmach-Kommune (an idea, a
    comment, a support); returns them, their membership and their neighbour's."""
    group = group_make()
    me = member_make(group, name="Zyxwa Q.", phone="0461 987654", address="Quokkaweg 17")
    user = user_of(me)
    user.username = user.email = "zyxwa.quokkaberg@example.org"
    user.first_name, user.last_name = "Zyxwa", "Quokkaberg"
    user.save()
    neighbour = member_make(group, name="Herr H.")
    match = match_make(post_make(me, text="Einkauf bitte, Zyxwa"), neighbour)
    services.message_send(
        match=match, sender=me, text="Danke, Zyxwa Quokkaberg", acted_by=user, trusted_person=False
    )
    transfer = ledger.transfer_propose(
        match=match, proposer=neighbour, minutes=60, reason="Einkauf", acted_by=user_of(neighbour)
    )
    ledger.transfer_confirm(transfer=transfer, actor=user)
    contact_read_log(coordinator_of(group), [me])
    civic_district()
    mine = idea_make(user, title="Bank am Teich (fiktiv)", show_name=True)
    theirs = idea_make(title="Baum am Markt (fiktiv)")
    comment_add(idea=theirs, author=user, text="Gute Idee, Zyxwa stimmt zu")
    Support.objects.create(idea=theirs, user=user)
    assert mine.author == user
    AccessLog.objects.create(username=user.username, ip_address="127.0.0.1", user_agent="t")
    _administrators_logs(user, me)
    return user, me, neighbour


def _administrators_logs(user: User, me: Member) -> None:
    """What administrators' logs keep that names the resident: Django admin's entries about
    the account and the membership (label and a change message) and a membership change
    logged with the user name; plus an entry about someone else."""
    admin = user_with_role(Role.ADMIN)
    membership_create(
        user=user, organisation=OrganisationFactory.create(), role=Role.RESIDENT, actor=admin
    )
    for target, message in (
        (user, [{"changed": {"fields": ["E-Mail-Adresse"]}}]),
        (me, "Telefon 0461 987654 und Quokkaweg 17 von Zyxwa Quokkaberg bestätigt"),
    ):
        LogEntry.objects.create(
            user=admin,
            content_type=ContentType.objects.get_for_model(target),
            object_id=str(target.pk),
            object_repr=str(target),
            action_flag=CHANGE,
            change_message=message if isinstance(message, str) else json.dumps(message),
        )
    LogEntry.objects.create(
        user=admin,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(admin.pk),
        object_repr="Herr H.",
        action_flag=CHANGE,
        change_message="Rolle geändert",
    )


def test_the_page_shows_everything_stored_about_the_resident_and_who_read_their_contact() -> None:
    user, _me, _neighbour = resident_with_data()
    page = signed_in_client(user).get(URL).content.decode()
    for own in (
        "zyxwa.quokkaberg@example.org",
        "Quokkaweg 17",
        "0461 987654",
        "Einkauf bitte, Zyxwa",
        "Danke, Zyxwa Quokkaberg",
        "Bank am Teich (fiktiv)",
        "Gute Idee, Zyxwa stimmt zu",
        "Baum am Markt (fiktiv)",
        "Who of the coordinators read your address and phone",
    ):
        assert own in page


def test_the_json_download_holds_the_same_sections() -> None:
    user, me, _neighbour = resident_with_data()
    response = signed_in_client(user).get(reverse("accounts:own_data_json"))
    assert response["Content-Disposition"] == 'attachment; filename="meine-daten.json"'
    sections = json.loads(response.content)["sections"]
    slug = me.group.organisation.slug
    assert sections["account"]["records"][0]["email"] == "zyxwa.quokkaberg@example.org"
    assert sections[f"help_member_{slug}"]["records"][0]["address"] == "Quokkaweg 17"
    assert len(sections["help_contact_reads"]["records"]) == 1
    assert [r["idea"] for r in sections["civic_supports"]["records"]] == ["Baum am Markt (fiktiv)"]
    assert sections["civic_ideas"]["records"][0]["title"] == "Bank am Teich (fiktiv)"


def _text_fields(model: type[models.Model]) -> list[str]:
    kinds = (models.CharField, models.TextField, models.JSONField)
    return [f.attname for f in model._meta.concrete_fields if isinstance(f, kinds)]


def _traces_left() -> list[tuple[str, Any]]:
    """(model, value) of every text value in the database that names the resident."""
    found = []
    for model in apps.get_models():
        fields = _text_fields(model)
        if model._meta.proxy or not model._meta.managed or not fields:
            continue
        for row in model._base_manager.values_list(*fields):
            found += [
                (model._meta.label, value)
                for value in row
                if any(trace in str(value).lower() for trace in TRACES)
            ]
    return found


def test_deleting_the_account_leaves_no_trace_of_the_resident_in_any_table() -> None:
    user, me, neighbour = resident_with_data()
    assert _traces_left()  # the walk finds them before
    movements = Movement.objects.count()
    response = signed_in_client(user).post(URL, {"password": PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()
    assert _traces_left() == []
    # The ledger keeps its movements and sums to zero; the neighbour keeps their minutes.
    assert Movement.objects.count() == movements
    assert selectors.ledger_total(me.group) == 0
    assert selectors.balance(neighbour) == 60
    me.refresh_from_db()
    assert me.user is None and me.anonymised_at is not None
    assert Post.objects.get(member=me).text == services.ANONYMOUS_NAME
    assert Message.objects.get(sender=me).text == services.ANONYMOUS_NAME
    # Ideas stay without an author; supports and comments are gone.
    idea = Idea.objects.get(title="Bank am Teich (fiktiv)")
    assert (idea.author, idea.show_name) == (None, False)
    assert not Support.objects.exists()
    assert not Comment.objects.exists()


def test_the_administrators_logs_keep_their_rows_with_the_account_id_for_the_name() -> None:
    user, _me, _neighbour = resident_with_data()
    entries, changes = LogEntry.objects.count(), MembershipChange.objects.count()

    signed_in_client(user).post(URL, {"password": PASSWORD})

    pseudonym = f"#{user.pk}"
    assert (LogEntry.objects.count(), MembershipChange.objects.count()) == (entries, changes)
    assert LogEntry.objects.filter(object_repr=pseudonym).count() == 2
    member_entry = LogEntry.objects.get(change_message__startswith="Telefon")
    assert member_entry.change_message == (
        f"Telefon {pseudonym} und {pseudonym} von {pseudonym} bestätigt"
    )
    assert MembershipChange.objects.filter(username=pseudonym).exists()
    assert LogEntry.objects.filter(object_repr="Herr H.", change_message="Rolle geändert").exists()


def test_a_wrong_password_deletes_nothing() -> None:
    user, _me, _neighbour = resident_with_data()
    response = signed_in_client(user).post(URL, {"password": "falsch"})
    assert response.status_code == 200
    assert "That is not your current password." in response.content.decode()
    assert User.objects.filter(pk=user.pk).exists()
    assert Support.objects.filter(user=user).exists()


def test_an_account_acting_for_an_organisation_cannot_delete_itself_here() -> None:
    worker = user_with_role(Role.WORKER)
    client = signed_in_client(worker)
    assert "ask an administrator" in client.get(URL).content.decode()
    assert client.post(URL, {"password": PASSWORD}).status_code == 403
    assert User.objects.filter(pk=worker.pk).exists()


def test_the_page_needs_sign_in() -> None:
    from django.test import Client

    assert Client().get(URL).status_code == 302


def test_an_entry_about_someone_else_of_the_same_last_name_is_left_as_it_was() -> None:
    user, _me, _neighbour = resident_with_data()
    admin = user_with_role(Role.ADMIN)
    other = LogEntry.objects.create(
        user=admin,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(admin.pk),
        object_repr="Praxis Quokkaberg",
        action_flag=CHANGE,
        change_message="Telefon von Frau Quokkaberg geändert",
    )

    signed_in_client(user).post(URL, {"password": PASSWORD})

    other.refresh_from_db()
    assert (other.object_repr, other.change_message) == (
        "Praxis Quokkaberg",
        "Telefon von Frau Quokkaberg geändert",
    )
