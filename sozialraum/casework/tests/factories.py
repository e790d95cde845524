"""Test data for case work: persons and consents."""

from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from sozialraum.accounts.tests.factories import OrganisationFactory
from sozialraum.audit.purposes import Purpose
from sozialraum.casework.models import Consent, Evidence, Person


class PersonFactory(factory.django.DjangoModelFactory[Person]):
    class Meta:
        model = Person

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Testperson {n}")


class ConsentFactory(factory.django.DjangoModelFactory[Consent]):
    class Meta:
        model = Consent

    person = factory.SubFactory(PersonFactory)
    purpose = Purpose.PLAN
    scope = "Ziele und Plan"
    shared_with_organisation = factory.SubFactory(OrganisationFactory)
    evidence = Evidence.WRITTEN
    given_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
