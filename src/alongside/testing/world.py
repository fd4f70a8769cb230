"""A small world of named personas for tests (STYLE.md §5), so every test of a page or rule can
include the outsider who must get a 404."""

from dataclasses import dataclass
from datetime import date

from alongside.access.models import RestrictionKind
from alongside.access.services import restricted_record_create
from alongside.journey.models import ChildProtectionPlan
from alongside.partners.models import Sharing, SharingBasis
from alongside.people.models import FamilyMember, NetworkRole, Relationship, RelationshipKind
from alongside.testing import factories as f
from alongside.workforce.models import Service, StaffRole


@dataclass
class World:
    child: object  # Amy Pond, on a child protection plan, allocated to `worker`
    sibling: object
    parent: object  # Amy's mother, with a portal account
    young_person: object  # a 15-year-old in another family with a portal account
    other_child: object  # a child in another family, in another team
    worker: object
    pod_colleague: object
    manager: object
    other_team_worker: object
    head_of_service: object
    data_officer: object
    partner: object  # a school DSL with Amy shared
    other_partner: object  # a DSL at a school with nothing shared
    leaver: object
    team_colleague: object  # same team as the worker, another pod
    protection_officer: object  # data protection officer
    restricted_child: object  # Clara Oswald: restricted, owner the head of service, named the other worker
    quality_lead: object  # the quality assurance lead (a service-wide role), managed by the head of service


def build_world(*, today: date) -> World:
    head = f.StaffFactory(
        role=StaffRole.HEAD_OF_SERVICE,
        pod=None,
        team=f.TeamFactory(service=Service.LEADERSHIP),
        user__username="head",
        user__first_name="Harriet",
        user__last_name="Jones",
    )
    pod = f.PodFactory(name="Oakfield pod")
    manager = f.StaffFactory(
        role=StaffRole.TEAM_MANAGER,
        pod=pod,
        manager=head,
        user__username="manager",
        user__first_name="Kate",
        user__last_name="Stewart",
    )
    worker = f.StaffFactory(pod=pod, manager=manager, user__username="worker", first_name="Rory", last_name="Williams")
    colleague = f.StaffFactory(
        pod=pod,
        manager=manager,
        role=StaffRole.SENIOR_SOCIAL_WORKER,
        user__username="colleague",
        user__first_name="Donna",
        user__last_name="Noble",
    )
    other_pod = f.PodFactory(name="Harbour pod")
    other_worker = f.StaffFactory(
        pod=other_pod, user__username="other_worker", user__first_name="Martha", user__last_name="Jones"
    )
    data_officer = f.StaffFactory(
        role=StaffRole.DATA_OFFICER,
        pod=None,
        team=head.team,
        user__username="data",
        user__first_name="Wilfred",
        user__last_name="Mott",
    )
    protection_officer = f.StaffFactory(
        role=StaffRole.DATA_PROTECTION_OFFICER,
        pod=None,
        team=head.team,
        user__username="dpo",
        user__first_name="Petronella",
        user__last_name="Osgood",
    )
    quality_lead = f.StaffFactory(
        role=StaffRole.QUALITY_LEAD,
        pod=None,
        team=head.team,
        manager=head,
        user__username="quality",
        user__first_name="Sally",
        user__last_name="Sparrow",
    )
    team_colleague = f.StaffFactory(
        pod=f.PodFactory(name="Brookside pod", team=pod.team),
        user__username="teammate",
        user__first_name="Rose",
        user__last_name="Tyler",
    )
    leaver = f.StaffFactory(
        pod=pod, left_on=date(2024, 1, 31), user__username="leaver", user__first_name="Adam", user__last_name="Mitchell"
    )

    family = f.FamilyNetworkFactory(name="Pond family")
    child = f.PersonFactory(first_name="Amy", last_name="Pond", date_of_birth=date(2016, 3, 4), la_id="T900001")
    sibling = f.PersonFactory(first_name="Mels", last_name="Pond", date_of_birth=date(2019, 8, 1), sex="M")
    parent_user = f.UserFactory(username="parent", first_name="Tabetha", last_name="Pond")
    parent = f.PersonFactory(
        first_name="Tabetha", last_name="Pond", date_of_birth=date(1985, 1, 1), user=parent_user, disabilities=[]
    )
    for person, role in ((child, NetworkRole.CHILD), (sibling, NetworkRole.CHILD), (parent, NetworkRole.PARENT)):
        FamilyMember.objects.create(network=family, person=person, role=role, joined_on=date(2020, 1, 1))
    for kid in (child, sibling):
        Relationship.objects.create(
            from_person=parent,
            to_person=kid,
            kind=RelationshipKind.MOTHER,
            parental_responsibility=True,
            lives_with=True,
        )
    Relationship.objects.create(from_person=child, to_person=sibling, kind=RelationshipKind.SIBLING)
    Relationship.objects.create(from_person=sibling, to_person=child, kind=RelationshipKind.SIBLING)
    episode = f.ChildInNeedEpisodeFactory(child=child, referral_date=date(2025, 2, 3), referral_source="6")
    ChildProtectionPlan.objects.create(
        episode=episode, started_on=date(2025, 3, 3), initial_category="NEG", latest_category="NEG"
    )
    f.ChildInNeedEpisodeFactory(child=sibling, referral_date=date(2025, 2, 3), referral_source="6")
    f.AllocationFactory(child=child, worker=worker, started_on=date(2025, 2, 3))
    f.AllocationFactory(child=sibling, worker=worker, started_on=date(2025, 2, 3))

    other_family = f.FamilyNetworkFactory(name="Smith family")
    yp_user = f.UserFactory(username="young_person", first_name="River", last_name="Song")
    young_person = f.PersonFactory(first_name="River", last_name="Song", date_of_birth=date(2011, 5, 5), user=yp_user)
    other_child = f.PersonFactory(first_name="John", last_name="Smith", date_of_birth=date(2013, 9, 9), la_id="T900002")
    for person in (young_person, other_child):
        FamilyMember.objects.create(
            network=other_family, person=person, role=NetworkRole.CHILD, joined_on=date(2020, 1, 1)
        )
    f.ChildInNeedEpisodeFactory(child=young_person, referral_date=date(2024, 6, 1))
    f.AllocationFactory(child=young_person, worker=other_worker, started_on=date(2024, 6, 1))
    f.ChildInNeedEpisodeFactory(child=other_child, referral_date=date(2024, 6, 1))
    f.AllocationFactory(child=other_child, worker=other_worker, started_on=date(2024, 6, 1))

    restricted_child = f.PersonFactory(
        first_name="Clara", last_name="Oswald", date_of_birth=date(2014, 11, 23), la_id="T900003"
    )
    FamilyMember.objects.create(
        network=f.FamilyNetworkFactory(name="Oswald family"),
        person=restricted_child,
        role=NetworkRole.CHILD,
        joined_on=date(2020, 1, 1),
    )
    f.ChildInNeedEpisodeFactory(child=restricted_child, referral_date=date(2024, 6, 1))
    f.AllocationFactory(child=restricted_child, worker=other_worker, started_on=date(2024, 6, 1))
    restricted_record_create(
        actor=head.user,
        child=restricted_child,
        kind=RestrictionKind.ADOPTION,
        reason="Placed for adoption",
        named_users=[other_worker.user],
    )

    partner = f.PartnerMemberFactory(agency__name="Leadworth Primary School", user__username="partner")
    Sharing.objects.create(
        child=child,
        agency=partner.agency,
        basis=SharingBasis.CHILD_PROTECTION_PLAN,
        started_on=date(2025, 3, 3),
        ends_on=date(today.year + 1, 3, 3),
    )
    # A sharing that has ended: the partner must no longer see this child.
    Sharing.objects.create(
        child=sibling,
        agency=partner.agency,
        basis=SharingBasis.CONSENT,
        started_on=date(2024, 1, 1),
        ends_on=date(2024, 12, 31),
    )
    other_partner = f.PartnerMemberFactory(agency__name="Upper Boat Academy", user__username="other_partner")
    return World(
        child=child,
        sibling=sibling,
        parent=parent,
        young_person=young_person,
        other_child=other_child,
        worker=worker,
        pod_colleague=colleague,
        manager=manager,
        other_team_worker=other_worker,
        head_of_service=head,
        data_officer=data_officer,
        partner=partner,
        other_partner=other_partner,
        leaver=leaver,
        team_colleague=team_colleague,
        protection_officer=protection_officer,
        restricted_child=restricted_child,
        quality_lead=quality_lead,
    )
