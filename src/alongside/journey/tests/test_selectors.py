from datetime import date

from alongside.journey.models import CareEpisode
from alongside.journey.selectors import EpisodeKind, child_episodes, current_involvement


def care(child, start, rne, legal, place, end=None, reason=""):
    return CareEpisode.objects.create(
        child=child,
        started_on=start,
        new_episode_reason=rne,
        legal_status=legal,
        category_of_need="N1",
        placement_type=place,
        ended_on=end,
        end_reason=reason,
    )


def test_care_episodes_are_grouped_into_periods_of_care(world):
    care(world.other_child, date(2021, 1, 4), "S", "V2", "U6", date(2021, 6, 1), "X1")
    care(world.other_child, date(2021, 6, 1), "P", "V2", "U4", date(2022, 2, 1), "E4A")
    care(world.other_child, date(2024, 7, 1), "S", "C1", "K2")
    periods = [e for e in child_episodes(world.other_child) if e.kind == EpisodeKind.LOOKED_AFTER]
    assert [(p.started_on, p.ended_on) for p in periods] == [
        (date(2024, 7, 1), None),
        (date(2021, 1, 4), date(2022, 2, 1)),
    ]
    assert ("Left care because", "Returned home as part of care planning") in periods[1].details


def test_the_most_intensive_open_involvement_wins(world):
    today = date.today()
    involvement = current_involvement([world.child.id, world.sibling.id], today)
    assert involvement[world.child.id].kind == EpisodeKind.CHILD_PROTECTION
    assert involvement[world.sibling.id].kind == EpisodeKind.CHILD_IN_NEED
    care(world.child, date(2025, 9, 1), "S", "C1", "U6")
    assert current_involvement([world.child.id], today)[world.child.id].kind == EpisodeKind.LOOKED_AFTER
