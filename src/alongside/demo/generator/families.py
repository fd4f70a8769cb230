"""People and family networks: names, identifiers, relationships."""

from datetime import date, timedelta
from types import SimpleNamespace as Row

from alongside.demo import distributions as dist
from alongside.demo.generator.state import UPN_ISSUERS, Child, Family
from alongside.people import models as people
from alongside.people.identifiers import nhs_number_check_digit, phonetic_key, upn_check_letter


class FamiliesMixin:
    def nhs_number(self) -> str:
        # 999 000 0000 to 999 999 9999 is the NHS range set aside for test data: never a real patient.
        while True:
            self._nhs_counter += 1
            first_nine = f"999{self._nhs_counter:06d}"
            check = nhs_number_check_digit(first_nine)
            if check is not None:
                return f"{first_nine}{check}"

    def upn(self) -> str:
        self._upn_counter += 1
        body = f"{self.rng.choice(UPN_ISSUERS)}{self._upn_counter:08d}"[:11] + str(self._upn_counter % 10)
        return upn_check_letter(body) + body

    def postcode(self) -> str:
        """A well-formed postcode in "KV", an area code no real postcode uses."""
        letters = "ABDEFGHJLNPQRSTUWXYZ"
        return (
            f"KV{self.rng.randint(1, 20)} {self.rng.randint(1, 9)}{self.rng.choice(letters)}{self.rng.choice(letters)}"
        )

    def person(
        self,
        *,
        first: str,
        last: str,
        sex: str,
        born: date | None,
        expected: date | None = None,
        ethnicity: str,
        child: bool,
    ) -> Row:
        person_id = self.next_id("person")
        upn, upn_unknown = "", ""
        if child:
            age_now = (self.as_of - (born or expected)).days / 365.25
            if expected and not born:
                upn_unknown = "UN6"
            elif age_now < 5:
                upn_unknown = "UN1"
            elif self.rng.random() < 0.96:
                upn = self.upn()
            else:
                upn_unknown = self.rng.choice(["UN2", "UN3", "UN4"])
        disabilities = []
        if child:
            disabilities = ["NONE"]
            if self.rng.random() < 0.12:
                disabilities = sorted({dist.DISABILITY.draw(self.rng) for _ in range(self.rng.choice([1, 1, 2]))})
        person = Row(
            id=person_id,
            la_id=f"{1_000_000 + person_id}",
            nhs_number=self.nhs_number(),
            upn=upn,
            upn_unknown=upn_unknown,
            first_name=first,
            last_name=last,
            date_of_birth=born,
            expected_date_of_birth=expected,
            sex=sex,
            ethnicity=ethnicity,
            disabilities=disabilities,
            first_name_key=phonetic_key(first),
            last_name_key=phonetic_key(last),
        )
        self.rows["people"].append(person)
        return person

    def new_family(self, day: date, *, uasc: bool = False) -> Family:
        network_id = self.next_id("network")
        if uasc:
            ethnicity = self.rng.choice(["BAFR", "AOTH", "OOTH", "BOTH"])
        else:
            ethnicity = dist.ETHNICITY.draw(self.rng)
        locale = self.names.locale_for(ethnicity, self.rng)
        surname = self.names.last_name(locale, self.rng)
        index_age = dist.AGE_AT_REFERRAL.draw(self.rng) if not uasc else self.rng.uniform(15.5, 17.5)
        count = 1 if uasc else dist.SIBLING_GROUP_SIZE.draw(self.rng)
        ages = [index_age] + [
            max(0.1, index_age + self.rng.choice([-1, 1]) * self.rng.uniform(1, 6)) for _ in range(count - 1)
        ]
        children: list[Child] = []
        for age in sorted(ages, reverse=True):
            born = day - timedelta(days=int(age * 365.25))
            sex = "M" if uasc or self.rng.random() < 0.53 else "F"
            expected = None
            if born > day:  # an unborn baby: pre-birth referral
                expected, born_on = born, (born if born <= self.as_of else None)
            else:
                born_on = born
            person = self.person(
                first=self.names.first_name(locale, sex, self.rng),
                last=surname,
                sex=sex,
                born=born_on,
                expected=None if born_on else expected,
                ethnicity=ethnicity,
                child=True,
            )
            # DfE counts previous plans anywhere: some children had one in another LA, or before
            # this LA's records begin (national figure: 24.5% of plans are second or later).
            children.append(Child(person, born, previous_cp_plans=1 if self.rng.random() < 0.15 else 0))
        oldest = max(c.age_on(day) for c in children)
        adults: list[Row] = []
        roles = []
        if not uasc:
            mother_age = oldest + self.rng.uniform(18, 36)
            mother = self.person(
                first=self.names.first_name(locale, "F", self.rng),
                last=surname,
                sex="F",
                born=day - timedelta(days=int(mother_age * 365.25)),
                ethnicity=ethnicity,
                child=False,
            )
            adults.append(mother)
            roles.append((mother, people.NetworkRole.PARENT, people.RelationshipKind.MOTHER, True))
            if self.rng.random() < 0.65:
                father = self.person(
                    first=self.names.first_name(locale, "M", self.rng),
                    last=surname if self.rng.random() < 0.6 else self.names.last_name(locale, self.rng),
                    sex="M",
                    born=day - timedelta(days=int((mother_age + self.rng.uniform(-2, 8)) * 365.25)),
                    ethnicity=ethnicity,
                    child=False,
                )
                adults.append(father)
                roles.append(
                    (father, people.NetworkRole.PARENT, people.RelationshipKind.FATHER, self.rng.random() < 0.7)
                )
            if self.rng.random() < 0.35:
                gran = self.person(
                    first=self.names.first_name(locale, "F", self.rng),
                    last=surname,
                    sex="F",
                    born=day - timedelta(days=int((mother_age + self.rng.uniform(18, 30)) * 365.25)),
                    ethnicity=ethnicity,
                    child=False,
                )
                adults.append(gran)
                roles.append((gran, people.NetworkRole.RELATIVE, people.RelationshipKind.GRANDPARENT, False))
            if self.rng.random() < 0.1:
                friend_locale = self.names.locale_for(dist.ETHNICITY.draw(self.rng), self.rng)
                friend = self.person(
                    first=self.names.first_name(friend_locale, "F", self.rng),
                    last=self.names.last_name(friend_locale, self.rng),
                    sex="F",
                    born=day - timedelta(days=int(self.rng.uniform(25, 60) * 365.25)),
                    ethnicity=dist.ETHNICITY.draw(self.rng),
                    child=False,
                )
                adults.append(friend)
                roles.append((friend, people.NetworkRole.FRIEND, people.RelationshipKind.FAMILY_FRIEND, False))
        name = f"{surname} family" if not uasc else f"{children[0].person.first_name} {surname}"
        self.rows["networks"].append(Row(id=network_id, name=name))
        for child in children:
            self._member(network_id, child.person, people.NetworkRole.CHILD, day)
        for adult, role, kind, parental_responsibility in roles:
            self._member(network_id, adult, role, day)
            for child in children:
                self._relationship(
                    adult,
                    child.person,
                    kind,
                    parental_responsibility,
                    lives_with=role == people.NetworkRole.PARENT and self.rng.random() < 0.8,
                )
        for a in children:
            for b in children:
                if a is not b:
                    self._relationship(a.person, b.person, people.RelationshipKind.SIBLING, False, True)
        family = Family(network_id, children, adults, school=self.rng.randrange(self.school_count), uasc=uasc)
        self.families.append(family)
        return family

    def _member(self, network_id, person, role, day):
        self.rows["members"].append(
            Row(id=self.next_id("member"), network_id=network_id, person_id=person.id, role=role, joined_on=day)
        )

    def _relationship(self, a, b, kind, parental_responsibility, lives_with):
        self.rows["relationships"].append(
            Row(
                id=self.next_id("relationship"),
                from_person_id=a.id,
                to_person_id=b.id,
                kind=kind,
                parental_responsibility=parental_responsibility,
                lives_with=lives_with,
            )
        )
