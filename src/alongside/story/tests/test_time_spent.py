"""Time spent on story entries: asked on the staff recording pages, checked, kept through a
correction, shown to staff and never to the family."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from alongside.story import services as s
from alongside.story.models import StoryEntry

NOT_A_NUMBER = "Enter how long it took as a number of minutes, like 45"


def story_url(child, suffix=""):
    return f"/people/children/{child.id}/story/{suffix}"


def post(world, **changes):
    day = timezone.localdate() - timedelta(days=1)
    data = {
        "about": [str(world.child.id)],
        "occurred_on_0": day.day,
        "occurred_on_1": day.month,
        "occurred_on_2": day.year,
        "occurred_time": "09:15",
        "summary": "Morning visit",
        "child_seen": "yes",
        "child_seen_alone": "yes",
        "direct_work_tool": "three_houses",
        "contact_method": "phone",
        "body": "Amy was getting ready for school.",
        "visibility": "family",
        "minutes": "45",
        "action": "finish",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    "path",
    [
        "new/home_visit/",
        "new/direct_work/",
        "new/contact/",
        "new/meeting/?meeting=professionals",
        "new/case_note/",
        "new/management_oversight/",
    ],
)
def test_each_kind_of_practice_asks_how_long_it_took_and_keeps_the_answer(world, sign_in, path):
    client = sign_in(world.worker.user)
    form = client.get(story_url(world.child, path)).content.decode()
    assert "How long did this take?" in form and 'class="govuk-input__suffix" aria-hidden="true">minutes<' in form
    assert 'inputmode="numeric"' in form and "govuk-input--width-3" in form
    response = client.post(story_url(world.child, path), post(world))
    assert response.status_code == 302, response.content.decode()
    assert StoryEntry.objects.get().minutes == 45


@pytest.mark.parametrize("path", ["new/family_words/", "new/partner_information/", "new/document/"])
def test_the_familys_words_a_partners_information_and_documents_do_not_ask_for_time(world, sign_in, path):
    form = sign_in(world.worker.user).get(story_url(world.child, path)).content.decode()
    assert "How long did this take?" not in form and 'name="minutes"' not in form


def test_a_visit_without_a_time_is_kept_with_none_not_zero(world, sign_in):
    sign_in(world.worker.user).post(story_url(world.child, "new/home_visit/"), post(world, minutes=""))
    assert StoryEntry.objects.get().minutes is None


@pytest.mark.parametrize(
    "minutes,message",
    [
        ("-5", s.MINUTES_OUT_OF_RANGE),
        ("0", s.MINUTES_OUT_OF_RANGE),
        ("1441", s.MINUTES_OUT_OF_RANGE),
        ("forty", NOT_A_NUMBER),
        ("1.5", NOT_A_NUMBER),
    ],
)
def test_a_time_that_is_not_1_to_1440_minutes_is_refused_and_nothing_saved(world, sign_in, minutes, message):
    for action in ("finish", "draft"):
        response = sign_in(world.worker.user).post(
            story_url(world.child, "new/home_visit/"), post(world, minutes=minutes, action=action)
        )
        page = response.content.decode()
        assert response.status_code == 200
        assert "govuk-error-summary" in page and message in page
        assert 'href="#id_minutes"' in page and "govuk-input--error" in page
    assert not StoryEntry.objects.exists()


@pytest.mark.parametrize("minutes", ["1", "1440"])
def test_a_minute_and_a_whole_day_are_the_limits_accepted(world, sign_in, minutes):
    sign_in(world.worker.user).post(story_url(world.child, "new/home_visit/"), post(world, minutes=minutes))
    assert StoryEntry.objects.get().minutes == int(minutes)


def test_the_service_refuses_a_time_out_of_range_whatever_the_form_did(world):
    network = world.child.memberships.get().network
    data = s.EntryInput(
        kind="home_visit",
        occurred_at=timezone.now() - timedelta(hours=1),
        about_ids=[world.child.id],
        summary="Visit",
        child_seen=True,
        minutes=1441,
    )
    with pytest.raises(s.EntryInvalid) as refused:
        s.story_entry_save_draft(actor=world.worker.user, network=network, data=data)
    assert refused.value.problems == {"minutes": s.MINUTES_OUT_OF_RANGE}
    assert not StoryEntry.objects.exists()


def test_time_is_dropped_from_a_kind_that_is_not_practice_time(world):
    """A crafted POST cannot put minutes on the family's own words, which are not time spent."""
    network = world.child.memberships.get().network
    data = s.EntryInput(
        kind="family_words",
        occurred_at=timezone.now() - timedelta(hours=1),
        about_ids=[world.child.id],
        summary="In our words",
        minutes=30,
    )
    entry = s.story_entry_finalise(actor=world.worker.user, network=network, data=data)
    assert StoryEntry.objects.get(pk=entry.pk).minutes is None


def test_the_database_refuses_more_than_a_day_from_any_writer(world, sign_in):
    sign_in(world.worker.user).post(story_url(world.child, "new/home_visit/"), post(world))
    with pytest.raises(IntegrityError), transaction.atomic():
        StoryEntry.objects.update(minutes=1441)


def test_a_correction_keeps_the_time_or_corrects_it(world, sign_in):
    client = sign_in(world.worker.user)
    client.post(story_url(world.child, "new/home_visit/"), post(world, minutes="90"))
    original = StoryEntry.objects.get()
    form = client.get(f"/story/entries/{original.id}/correct/").content.decode()
    assert 'name="minutes" value="90"' in form
    client.post(
        f"/story/entries/{original.id}/correct/",
        post(world, minutes="90", body="Amy and Mels were getting ready.", correction_reason="Missed Mels"),
    )
    kept = StoryEntry.objects.get(corrects=original)
    assert kept.minutes == 90 and kept.body == "Amy and Mels were getting ready."
    client.post(
        f"/story/entries/{original.id}/correct/", post(world, minutes="75", correction_reason="It was 75 minutes")
    )
    assert list(StoryEntry.objects.filter(corrects=original).order_by("id").values_list("minutes", flat=True)) == [
        90,
        75,
    ]
    refused = client.post(
        f"/story/entries/{original.id}/correct/", post(world, minutes="2000", correction_reason="Longer")
    )
    assert s.MINUTES_OUT_OF_RANGE in refused.content.decode()
    assert StoryEntry.objects.filter(corrects=original).count() == 2


def test_staff_see_the_time_spent_and_the_family_do_not(world, sign_in):
    client = sign_in(world.worker.user)
    client.post(story_url(world.child, "new/home_visit/"), post(world, minutes="90", summary="Tea-time visit"))
    entry = StoryEntry.objects.get()
    assert entry.visibility == "family"
    assert "Time spent: 1 hour 30 minutes." in client.get(story_url(world.child)).content.decode()
    assert "Time spent: 1 hour 30 minutes." in client.get(f"/story/entries/{entry.id}/").content.decode()
    family_page = sign_in(world.parent.user).get("/family/story/").content.decode()
    assert "Tea-time visit" in family_page
    assert "Time spent" not in family_page and "1 hour 30 minutes" not in family_page


@pytest.mark.parametrize(
    "minutes,words",
    [
        (None, ""),
        (1, "1 minute"),
        (45, "45 minutes"),
        (60, "1 hour"),
        (90, "1 hour 30 minutes"),
        (121, "2 hours 1 minute"),
    ],
)
def test_the_time_spent_reads_as_people_say_it(minutes, words):
    assert StoryEntry(minutes=minutes).time_spent == words
