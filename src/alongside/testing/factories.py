"""factory_boy factories with seeded en_GB Faker: synthetic people only, the same on every run."""

from datetime import date

import factory
import factory.random
from django.contrib.auth import get_user_model
from factory.django import DjangoModelFactory

from alongside.journey import models as journey
from alongside.partners import models as partners
from alongside.people import models as people
from alongside.people.identifiers import nhs_number_check_digit, phonetic_key
from alongside.workforce import models as workforce

factory.Faker._DEFAULT_LOCALE = "en_GB"
factory.random.reseed_random("alongside-tests")

TEST_PASSWORD = "correct horse battery staple"


def _nhs_number(n: int) -> str:
    # 999 numbers are reserved by the NHS for test data.
    while True:
        first_nine = f"9998{n:05d}"
        check = nhs_number_check_digit(first_nine)
        if check is not None:
            return f"{first_nine}{check}"
        n += 50_000


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = people.Person

    la_id = factory.Sequence(lambda n: f"T{n:06d}")
    nhs_number = factory.Sequence(_nhs_number)
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    date_of_birth = date(2015, 6, 1)
    sex = "F"
    ethnicity = "WBRI"
    disabilities = factory.LazyFunction(lambda: ["NONE"])
    first_name_key = factory.LazyAttribute(lambda o: phonetic_key(o.first_name))
    last_name_key = factory.LazyAttribute(lambda o: phonetic_key(o.last_name))


class FamilyNetworkFactory(DjangoModelFactory):
    class Meta:
        model = people.FamilyNetwork

    name = factory.Sequence(lambda n: f"Family {n}")


class FamilyMemberFactory(DjangoModelFactory):
    class Meta:
        model = people.FamilyMember

    network = factory.SubFactory(FamilyNetworkFactory)
    person = factory.SubFactory(PersonFactory)
    role = people.NetworkRole.CHILD
    joined_on = date(2020, 1, 1)


class TeamFactory(DjangoModelFactory):
    class Meta:
        model = workforce.Team

    name = factory.Sequence(lambda n: f"Team {n}")
    service = workforce.Service.FAMILY_SAFEGUARDING


class PodFactory(DjangoModelFactory):
    class Meta:
        model = workforce.Pod

    team = factory.SubFactory(TeamFactory)
    name = factory.Sequence(lambda n: f"Pod {n}")


class StaffFactory(DjangoModelFactory):
    class Meta:
        model = workforce.StaffMember

    user = factory.SubFactory(UserFactory)
    first_name = factory.SelfAttribute("user.first_name")
    last_name = factory.SelfAttribute("user.last_name")
    role = workforce.StaffRole.SOCIAL_WORKER
    pod = factory.SubFactory(PodFactory)
    team = factory.SelfAttribute("pod.team")
    started_on = date(2020, 1, 1)


class AllocationFactory(DjangoModelFactory):
    class Meta:
        model = workforce.Allocation

    child = factory.SubFactory(PersonFactory)
    worker = factory.SubFactory(StaffFactory)
    pod = factory.SelfAttribute("worker.pod")
    started_on = date(2025, 1, 1)
    reason = workforce.AllocationReason.NEW_REFERRAL


class ChildInNeedEpisodeFactory(DjangoModelFactory):
    class Meta:
        model = journey.ChildInNeedEpisode

    child = factory.SubFactory(PersonFactory)
    referral_date = date(2025, 1, 1)
    referral_source = "2A"
    primary_need = "N1"


class AgencyFactory(DjangoModelFactory):
    class Meta:
        model = partners.Agency

    name = factory.Sequence(lambda n: f"School {n}")
    kind = partners.AgencyKind.SCHOOL


class PartnerMemberFactory(DjangoModelFactory):
    class Meta:
        model = partners.PartnerMember

    user = factory.SubFactory(UserFactory)
    agency = factory.SubFactory(AgencyFactory)
    first_name = factory.SelfAttribute("user.first_name")
    last_name = factory.SelfAttribute("user.last_name")
    job_title = "Designated safeguarding lead"
