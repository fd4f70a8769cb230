from django.utils import timezone

from alongside.returns.data_quality import data_quality_checks


def check(code):
    return next(c for c in data_quality_checks(on=timezone.localdate()) if c.code == code)


def test_a_child_with_ethnicity_not_obtained_is_listed_until_it_is_recorded(world):
    world.child.ethnicity = "NOBT"
    world.child.save()
    assert world.child in check("ethnicity").children
    world.child.ethnicity = "WBRI"
    world.child.save()
    assert world.child not in check("ethnicity").children


def test_a_school_age_child_with_no_upn_and_no_reason_is_listed(world):
    world.child.upn, world.child.upn_unknown = "", ""
    world.child.save()
    assert world.child in check("upn").children
    world.child.upn_unknown = "UN4"
    world.child.save()
    assert world.child not in check("upn").children


def test_missing_disability_and_primary_need_are_listed(world):
    world.child.disabilities = []
    world.child.save()
    episode = world.child.cin_episodes.get()
    episode.primary_need = ""
    episode.save()
    assert world.child in check("disability").children
    assert world.child in check("primary_need").children


def test_closed_cases_are_not_checked(world):
    world.child.ethnicity = "NOBT"
    world.child.save()
    world.child.cin_episodes.update(closure_date="2025-06-01", closure_reason="RC7")
    assert world.child not in check("ethnicity").children
