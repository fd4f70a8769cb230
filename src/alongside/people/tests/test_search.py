from datetime import date

from alongside.people.selectors import SearchCriteria, person_search
from alongside.testing.factories import PersonFactory


def names(results):
    return [f"{r.person.first_name} {r.person.last_name}" for r in results]


def test_a_misspelt_name_finds_the_person_who_sounds_the_same(db):
    PersonFactory(first_name="John", last_name="Smith")
    PersonFactory(first_name="Jean", last_name="Smith")
    PersonFactory(first_name="John", last_name="Brown")
    results = person_search(SearchCriteria(name="Jon Smyth"))
    assert names(results)[0] == "John Smith"
    assert "John Brown" not in names(results)


def test_a_name_given_surname_first_is_found(db):
    PersonFactory(first_name="Priya", last_name="Patel")
    assert names(person_search(SearchCriteria(name="Patel Priya"))) == ["Priya Patel"]


def test_date_of_birth_alone_finds_everyone_born_that_day(db):
    PersonFactory(first_name="Ada", date_of_birth=date(2014, 2, 3))
    PersonFactory(first_name="Bea", date_of_birth=date(2014, 2, 3))
    PersonFactory(first_name="Cal", date_of_birth=date(2014, 2, 4))
    assert sorted(r.person.first_name for r in person_search(SearchCriteria(date_of_birth=date(2014, 2, 3)))) == [
        "Ada",
        "Bea",
    ]


def test_name_and_date_of_birth_must_both_match(db):
    PersonFactory(first_name="John", last_name="Smith", date_of_birth=date(2014, 2, 3))
    PersonFactory(first_name="John", last_name="Smith", date_of_birth=date(2010, 1, 1))
    results = person_search(SearchCriteria(name="Jon Smyth", date_of_birth=date(2014, 2, 3)))
    assert [r.person.date_of_birth for r in results] == [date(2014, 2, 3)]


def test_nhs_number_matches_exactly_whatever_the_spacing(db):
    person = PersonFactory(nhs_number="9434765919")
    PersonFactory()
    assert [r.person for r in person_search(SearchCriteria(nhs_number="943 476 5919"))] == [person]


def test_la_id_matches_exactly(db):
    person = PersonFactory(la_id="T123456")
    PersonFactory(la_id="T123457")
    assert [r.person for r in person_search(SearchCriteria(la_id="T123456"))] == [person]


def test_an_unborn_child_is_found_by_expected_date(db):
    unborn = PersonFactory(date_of_birth=None, expected_date_of_birth=date(2027, 1, 4), sex="U")
    assert [r.person for r in person_search(SearchCriteria(date_of_birth=date(2027, 1, 4)))] == [unborn]


def test_empty_criteria_find_no_one(db):
    PersonFactory()
    assert person_search(SearchCriteria()) == []


def test_with_a_date_of_birth_a_typo_that_changes_the_sound_still_finds_the_person(db):
    PersonFactory(first_name="Jonathan", last_name="Thompson", date_of_birth=date(2012, 7, 8))
    PersonFactory(first_name="Alice", last_name="Walker", date_of_birth=date(2012, 7, 8))
    results = person_search(SearchCriteria(name="Jonathn Tompson", date_of_birth=date(2012, 7, 8)))
    assert names(results) == ["Jonathan Thompson"]
