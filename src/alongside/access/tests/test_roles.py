from alongside.access.roles import UserKind, user_kind


def test_each_persona_is_the_kind_of_user_their_relationships_make_them(world):
    assert user_kind(world.worker.user) == UserKind.STAFF
    assert user_kind(world.parent.user) == UserKind.PARENT
    assert user_kind(world.young_person.user) == UserKind.YOUNG_PERSON
    assert user_kind(world.partner.user) == UserKind.PARTNER


def test_a_leaver_has_no_access_even_if_their_account_is_still_active(world):
    assert world.leaver.user.is_active
    assert user_kind(world.leaver.user) == UserKind.NONE
