"""Reads about people: fuzzy search, a child's identity, and their family network."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from rapidfuzz.distance import JaroWinkler

from alongside.people.identifiers import normalise_nhs_number, phonetic_key
from alongside.people.models import FamilyMember, NetworkRole, Person, Relationship

# Candidates fetched for ranking. A sound-alike key on a common surname (Smith, Khan) can match
# thousands of people in a large LA, so the forename key narrows it in the index first.
CANDIDATE_LIMIT = 400
RESULT_LIMIT = 50


@dataclass(frozen=True)
class SearchCriteria:
    name: str = ""
    date_of_birth: date | None = None
    nhs_number: str = ""
    la_id: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.name.strip() or self.date_of_birth or self.nhs_number or self.la_id.strip())


@dataclass(frozen=True)
class SearchResult:
    person: Person
    score: float
    is_child: bool


def _name_query(name: str) -> Q | None:
    """Index lookups on the sound-alike keys. "Jon Smyth" matches forename JN and surname SM0;
    a name given surname-first ("Smyth Jon") matches too."""
    parts = [phonetic_key(part) for part in name.split()]
    parts = [part for part in parts if part]
    if not parts:
        return None
    if len(parts) == 1:
        return Q(last_name_key=parts[0]) | Q(first_name_key=parts[0])
    first, last = parts[0], parts[-1]
    return Q(last_name_key=last, first_name_key=first) | Q(last_name_key=first, first_name_key=last)


def person_search(criteria: SearchCriteria) -> list[SearchResult]:
    """People matching every given criterion, best name match first.

    Identifiers match exactly; the date of birth matches exactly (or the expected date for an
    unborn child); the name matches by sound, then ranks by Jaro-Winkler similarity of the
    spelling so "John Smith" comes before "Jean Smith" for "Jon Smyth"."""
    query = Q()
    if criteria.nhs_number:
        query &= Q(nhs_number=normalise_nhs_number(criteria.nhs_number))
    if criteria.la_id.strip():
        query &= Q(la_id=criteria.la_id.strip())
    if criteria.date_of_birth:
        query &= Q(date_of_birth=criteria.date_of_birth) | Q(expected_date_of_birth=criteria.date_of_birth)
    name = criteria.name.strip()
    if name:
        name_query = _name_query(name)
        if name_query is None:
            return []
        query &= name_query
    if not query:
        return []
    candidates = list(Person.objects.filter(query).order_by("last_name", "first_name", "id")[:CANDIDATE_LIMIT])
    children = set(
        FamilyMember.objects.filter(person__in=candidates, role=NetworkRole.CHILD).values_list("person_id", flat=True)
    )
    wanted = name.lower()
    results = [
        SearchResult(
            person=person,
            score=JaroWinkler.similarity(wanted, f"{person.first_name} {person.last_name}".lower()) if wanted else 1.0,
            is_child=person.id in children,
        )
        for person in candidates
    ]
    results.sort(key=lambda r: (-r.score, r.person.last_name, r.person.first_name, r.person.id))
    return results[:RESULT_LIMIT]


@dataclass(frozen=True)
class NetworkPerson:
    person: Person
    relationship: str
    parental_responsibility: bool
    lives_with: bool
    is_child: bool


def family_network_for_child(child: Person) -> list[NetworkPerson]:
    """Everyone in the child's family networks, with how they are related to the child.

    Relationships are stored as "A is the mother of B"; here we read those pointing at the child."""
    relationships = {
        r.from_person_id: r
        for r in Relationship.objects.filter(to_person=child).select_related("from_person")
    }
    network_ids = FamilyMember.objects.filter(person=child).values("network_id")
    members = (
        FamilyMember.objects.filter(network_id__in=network_ids)
        .exclude(person=child)
        .select_related("person")
        .order_by("role", "person__date_of_birth")
    )
    people = []
    seen = set()
    for member in members:
        if member.person_id in seen:
            continue
        seen.add(member.person_id)
        relationship = relationships.get(member.person_id)
        people.append(NetworkPerson(
            person=member.person,
            relationship=relationship.get_kind_display() if relationship else member.get_role_display(),
            parental_responsibility=bool(relationship and relationship.parental_responsibility),
            lives_with=bool(relationship and relationship.lives_with),
            is_child=member.role == NetworkRole.CHILD,
        ))
    return people


def children_of_adult(person: Person) -> list[Person]:
    """The children an adult is related to (for search results that find a parent)."""
    return list(
        Person.objects.filter(relationships_to__from_person=person, memberships__role=NetworkRole.CHILD)
        .distinct().order_by("date_of_birth")
    )
