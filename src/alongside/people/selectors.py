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
    # For an adult: (relationship, child) for each child they are related to.
    related_children: tuple = ()


def _name_alternatives(name: str) -> list[Q]:
    """Index lookups on the sound-alike keys. "Jon Smyth" matches forename JN and surname SM0; a
    name given surname-first ("Smyth Jon") matches too."""
    parts = [key for key in (phonetic_key(part) for part in name.split()) if key]
    if not parts:
        return []
    if len(parts) == 1:
        return [Q(last_name_key=parts[0]), Q(first_name_key=parts[0])]
    first, last = parts[0], parts[-1]
    return [Q(last_name_key=last, first_name_key=first), Q(last_name_key=first, first_name_key=last)]


def _candidates(alternatives: list[Q]) -> list[Person]:
    """Runs each alternative as its own indexed query and merges them. One query with OR across
    different columns makes SQLite scan the whole table; separate lookups each use an index."""
    found: dict[int, Person] = {}
    for alternative in alternatives:
        for person in Person.objects.filter(alternative).order_by("last_name", "first_name", "id")[:CANDIDATE_LIMIT]:
            found.setdefault(person.id, person)
    return list(found.values())


def person_search(criteria: SearchCriteria, *, hidden_ids: set[int] = frozenset()) -> list[SearchResult]:
    """People matching every given criterion, best name match first.

    Identifiers match exactly; the date of birth matches exactly (or the expected date for an
    unborn child). The name matches by sound, then ranks by Jaro-Winkler similarity of the
    spelling so "John Smith" comes before "Jean Smith" for "Jon Smyth". With a date of birth the
    name need only be close (a typo like "Jhon Smtih" changes the sound-alike key): the few people
    born that day are all ranked, and those whose name is not close are dropped.

    `hidden_ids` are left out as if they did not exist (restricted records the searcher may not
    see; access.hidden_child_ids gives them), and so are links to them from their parents."""
    exact = Q()
    if criteria.nhs_number:
        exact &= Q(nhs_number=normalise_nhs_number(criteria.nhs_number))
    if criteria.la_id.strip():
        exact &= Q(la_id=criteria.la_id.strip())
    alternatives = [exact] if exact else []
    if criteria.date_of_birth:
        born = [Q(date_of_birth=criteria.date_of_birth), Q(expected_date_of_birth=criteria.date_of_birth)]
        alternatives = [a & b for a in alternatives or [Q()] for b in born]
    name = criteria.name.strip()
    by_name = _name_alternatives(name) if name else []
    if name and not by_name:
        return []
    # A name with no other criterion is found by sound; with another one, by closeness too.
    by_sound_only = bool(by_name) and not alternatives
    if by_sound_only:
        alternatives = by_name
    if not alternatives:
        return []
    candidates = [p for p in _candidates(alternatives) if p.id not in hidden_ids]
    wanted = name.lower()
    scored = []
    for person in candidates:
        score = _name_score(wanted, person) if wanted else 1.0
        if wanted and not by_sound_only and score < CLOSE_ENOUGH and not _sounds_like(name, person):
            continue
        scored.append((score, person))
    children = set(
        FamilyMember.objects.filter(person__in=[p for _, p in scored], role=NetworkRole.CHILD).values_list(
            "person_id", flat=True
        )
    )
    adults = [p.id for _, p in scored if p.id not in children]
    related: dict[int, list] = {}
    for relationship in (
        Relationship.objects.filter(from_person_id__in=adults, to_person__memberships__role=NetworkRole.CHILD)
        .exclude(to_person_id__in=hidden_ids)
        .select_related("to_person")
        .order_by("to_person__date_of_birth")
        .distinct()
    ):
        related.setdefault(relationship.from_person_id, []).append(
            (relationship.get_kind_display(), relationship.to_person)
        )
    results = [
        SearchResult(person=p, score=score, is_child=p.id in children, related_children=tuple(related.get(p.id, ())))
        for score, p in scored
    ]
    results.sort(key=lambda r: (-r.score, r.person.last_name, r.person.first_name, r.person.id))
    return results[:RESULT_LIMIT]


# Jaro-Winkler similarity above which a name is "close" (one or two typos in a full name).
CLOSE_ENOUGH = 0.85


def _name_score(wanted: str, person: Person) -> float:
    forward = f"{person.first_name} {person.last_name}".lower()
    backward = f"{person.last_name} {person.first_name}".lower()
    return max(JaroWinkler.similarity(wanted, forward), JaroWinkler.similarity(wanted, backward))


def _sounds_like(name: str, person: Person) -> bool:
    keys = {phonetic_key(part) for part in name.split()}
    return person.last_name_key in keys and (len(keys) == 1 or person.first_name_key in keys)


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
        r.from_person_id: r for r in Relationship.objects.filter(to_person=child).select_related("from_person")
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
        people.append(
            NetworkPerson(
                person=member.person,
                relationship=relationship.get_kind_display() if relationship else member.get_role_display(),
                parental_responsibility=bool(relationship and relationship.parental_responsibility),
                lives_with=bool(relationship and relationship.lives_with),
                is_child=member.role == NetworkRole.CHILD,
            )
        )
    return people


def children_of_adult(person: Person) -> list[Person]:
    """The children an adult is related to (for search results that find a parent)."""
    return list(
        Person.objects.filter(relationships_to__from_person=person, memberships__role=NetworkRole.CHILD)
        .distinct()
        .order_by("date_of_birth")
    )
