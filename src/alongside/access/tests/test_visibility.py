from hypothesis import given
from hypothesis import strategies as st

from alongside.access.visibility import Item, Viewer, ViewerKind, Visibility, can_see_item

AMY, MELS, RIVER = 1, 2, 3
MUM, DAD = 10, 11

worker = Viewer(ViewerKind.STAFF, user_id=100, child_ids=frozenset({AMY, MELS}))
school = Viewer(ViewerKind.PARTNER, user_id=200, child_ids=frozenset({AMY}))
mum = Viewer(ViewerKind.PARENT, user_id=300, person_id=MUM, child_ids=frozenset({AMY, MELS}))
dad = Viewer(ViewerKind.PARENT, user_id=301, person_id=DAD, child_ids=frozenset({AMY, MELS}))
amy = Viewer(ViewerKind.YOUNG_PERSON, user_id=400, person_id=AMY, child_ids=frozenset({AMY}))


def item(visibility, about=(AMY,), **kwargs):
    return Item(visibility, frozenset(about), **kwargs)


def test_each_visibility_reaches_exactly_its_audience():
    assert [can_see_item(v, item(Visibility.STAFF)) for v in (worker, school, mum, amy)] == [True, False, False, False]
    assert [can_see_item(v, item(Visibility.PARTNER)) for v in (worker, school, mum, amy)] == [True, True, False, False]
    assert [can_see_item(v, item(Visibility.FAMILY)) for v in (worker, school, mum, amy)] == [True, True, True, True]


def test_a_young_persons_disclosure_can_be_hidden_from_both_parents():
    disclosure = item(Visibility.FAMILY, author_user_id=amy.user_id, hidden_from_person_ids=frozenset({MUM, DAD}))
    assert can_see_item(amy, disclosure) and can_see_item(worker, disclosure)
    assert not can_see_item(mum, disclosure) and not can_see_item(dad, disclosure)


def test_one_parents_new_address_can_be_hidden_from_the_other():
    address = item(Visibility.FAMILY, author_user_id=mum.user_id, hidden_from_person_ids=frozenset({DAD}))
    assert can_see_item(mum, address) and not can_see_item(dad, address)


def test_a_young_person_sees_only_what_is_about_them_alone():
    assert not can_see_item(amy, item(Visibility.FAMILY, about=(AMY, MELS)))
    assert not can_see_item(amy, item(Visibility.FAMILY, about=(MELS,)))


def test_a_partner_sees_nothing_about_a_child_not_shared_with_them():
    assert not can_see_item(school, item(Visibility.PARTNER, about=(MELS,)))


def test_restricted_items_reach_only_named_staff():
    secret = item(Visibility.RESTRICTED, named_user_ids=frozenset({999}))
    assert not can_see_item(worker, secret)
    assert can_see_item(Viewer(ViewerKind.STAFF, 999, child_ids=frozenset({AMY})), secret)


viewers = st.builds(
    Viewer,
    kind=st.sampled_from(list(ViewerKind)),
    user_id=st.integers(1, 5),
    person_id=st.one_of(st.none(), st.integers(1, 5)),
    child_ids=st.frozensets(st.integers(1, 5), max_size=4),
)
items = st.builds(
    Item,
    visibility=st.sampled_from(list(Visibility)),
    about_child_ids=st.frozensets(st.integers(1, 5), min_size=1, max_size=3),
    author_user_id=st.one_of(st.none(), st.integers(1, 5)),
    hidden_from_person_ids=st.frozensets(st.integers(1, 5), max_size=3),
    named_user_ids=st.frozensets(st.integers(1, 5), max_size=3),
)


@given(viewers, items)
def test_nobody_but_the_author_sees_an_item_hidden_from_them(viewer, item):
    if viewer.person_id in item.hidden_from_person_ids and item.author_user_id != viewer.user_id:
        assert not can_see_item(viewer, item)


@given(viewers, items)
def test_families_and_partners_never_see_staff_only_or_restricted_items_of_others(viewer, item):
    if viewer.kind != ViewerKind.STAFF and item.author_user_id != viewer.user_id:
        if item.visibility in (Visibility.STAFF, Visibility.RESTRICTED):
            assert not can_see_item(viewer, item)


@given(viewers, items)
def test_widening_visibility_never_hides_an_item(viewer, item):
    order = [Visibility.STAFF, Visibility.PARTNER, Visibility.FAMILY]
    if item.visibility in order and can_see_item(viewer, item):
        for wider in order[order.index(item.visibility) :]:
            assert can_see_item(
                viewer,
                Item(
                    wider, item.about_child_ids, item.author_user_id, item.hidden_from_person_ids, item.named_user_ids
                ),
            )


@given(viewers, items)
def test_nobody_sees_an_item_about_children_beyond_their_reach_unless_they_wrote_it(viewer, item):
    if not item.about_child_ids & viewer.child_ids and item.author_user_id != viewer.user_id:
        assert not can_see_item(viewer, item)
