from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from alongside.access.models import AuditEntry, AuditEvent
from alongside.story import services as s
from alongside.story.models import StoryDocument, StoryEntry


def story_url(child, suffix=""):
    return f"/people/children/{child.id}/story/{suffix}"


def visit_post(world, **changes):
    day = timezone.localdate() - timedelta(days=1)  # yesterday morning: always in the past
    data = {
        "about": [str(world.child.id)],
        "occurred_on_0": day.day,
        "occurred_on_1": day.month,
        "occurred_on_2": day.year,
        "occurred_time": "09:15",
        "summary": "Morning visit",
        "child_seen": "yes",
        "child_seen_alone": "yes",
        "people_present": "Tabetha (mum)",
        "location": "Home",
        "body": "Amy was getting ready for school.",
        "visibility": "staff",
        "action": "finish",
    }
    data.update(changes)
    return data


def test_a_worker_records_a_visit_and_it_is_in_the_story(world, sign_in):
    client = sign_in(world.worker.user)
    response = client.post(story_url(world.child, "new/home_visit/"), visit_post(world))
    assert response["Location"] == story_url(world.child)
    entry = StoryEntry.objects.get()
    assert entry.status == "final" and entry.child_seen_alone and list(entry.about.all()) == [world.child]
    assert AuditEntry.objects.filter(event=AuditEvent.STORY_ENTRY_ADDED, person=world.child).count() == 1
    page = client.get(story_url(world.child)).content.decode()
    assert "Morning visit" in page and "Child seen: yes; seen alone: yes" in page


def test_a_visit_dated_in_the_future_is_refused_with_a_message(world, sign_in):
    tomorrow = timezone.localdate() + timedelta(days=1)
    post = visit_post(world, occurred_on_0=tomorrow.day, occurred_on_1=tomorrow.month, occurred_on_2=tomorrow.year)
    response = sign_in(world.worker.user).post(story_url(world.child, "new/home_visit/"), post)
    assert s.IN_THE_FUTURE in response.content.decode() and "govuk-error-summary" in response.content.decode()
    assert not StoryEntry.objects.exists()


def test_a_crafted_post_cannot_change_a_finished_entry(world, sign_in):
    client = sign_in(world.worker.user)
    client.post(story_url(world.child, "new/home_visit/"), visit_post(world))
    entry = StoryEntry.objects.get()
    response = client.post(f"/story/entries/{entry.id}/edit/", visit_post(world, summary="Rewritten"))
    assert response["Location"] == f"/story/entries/{entry.id}/"
    client.post(story_url(world.child, "new/home_visit/"), visit_post(world, summary="Rewritten", entry=entry.id))
    entry.refresh_from_db()
    assert entry.summary == "Morning visit"


def test_autosave_keeps_a_draft_and_refuses_a_stale_tab(world, sign_in):
    client = sign_in(world.worker.user)
    first = client.post(story_url(world.child, "new/home_visit/autosave/"), visit_post(world, summary="Draft one"))
    assert "Draft saved at" in first.content.decode()
    draft = StoryEntry.objects.get()
    assert draft.is_draft and draft.summary == "Draft one"
    client.post(
        story_url(world.child, "new/home_visit/autosave/"),
        visit_post(world, summary="Draft two", entry=draft.id, version=1),
    )
    stale = client.post(
        story_url(world.child, "new/home_visit/autosave/"),
        visit_post(world, summary="From an old tab", entry=draft.id, version=1),
    )
    assert "saved somewhere else" in stale.content.decode()
    draft.refresh_from_db()
    assert draft.summary == "Draft two"


def test_someone_elses_draft_is_not_in_my_story(world, sign_in):
    sign_in(world.worker.user).post(
        story_url(world.child, "new/home_visit/"), visit_post(world, summary="Half written", action="draft")
    )
    page = sign_in(world.pod_colleague.user).get(story_url(world.child)).content.decode()
    assert "Half written" not in page


def test_correcting_an_entry_shows_both_versions(world, sign_in):
    client = sign_in(world.worker.user)
    client.post(story_url(world.child, "new/home_visit/"), visit_post(world))
    original = StoryEntry.objects.get()
    refused = client.post(f"/story/entries/{original.id}/correct/", visit_post(world, body="Fixed"))
    assert s.CORRECTION_REASON_NEEDED in refused.content.decode()
    client.post(
        f"/story/entries/{original.id}/correct/",
        visit_post(world, body="Amy was getting ready; her brother was asleep.", correction_reason="Missed Mels"),
    )
    page = client.get(f"/story/entries/{original.id}/").content.decode()
    assert "Amy was getting ready for school." in page and "her brother was asleep" in page
    assert "Missed Mels" in page and "Corrected" in page


def test_the_story_filters_by_kind_child_significance_period_and_words(world, sign_in):
    client = sign_in(world.worker.user)
    network = world.child.memberships.get().network
    for kind, about, summary, significant, days_ago in [
        ("home_visit", world.child, "Visit to Amy", False, 1),
        ("case_note", world.sibling, "Note about Mels", True, 40),
        ("case_note", world.child, "School called about Amy", False, 400),
    ]:
        s.story_entry_finalise(
            actor=world.worker.user,
            network=network,
            data=s.EntryInput(
                kind=kind,
                occurred_at=timezone.now() - timedelta(days=days_ago),
                about_ids=[about.id],
                summary=summary,
                significant=significant,
                child_seen=True,
            ),
        )

    def shown(**query):
        page = client.get(story_url(world.child), query).content.decode()
        return {t for t in ("Visit to Amy", "Note about Mels", "School called about Amy") if t in page}

    assert shown() == {"Visit to Amy", "Note about Mels", "School called about Amy"}
    assert shown(kind="case_note") == {"Note about Mels", "School called about Amy"}
    assert shown(child=world.sibling.id) == {"Note about Mels"}
    assert shown(significant="on") == {"Note about Mels"}
    assert shown(text="school") == {"School called about Amy"}
    assert shown(date_from=(date.today() - timedelta(days=60)).isoformat()) == {"Visit to Amy", "Note about Mels"}
    printed = client.get(story_url(world.child, "print/"), {"kind": "case_note"}).content.decode()
    assert "Note about Mels" in printed and "Visit to Amy" not in printed
    assert AuditEntry.objects.filter(event=AuditEvent.STORY_PRINTED).count() == 1


def test_a_document_is_downloaded_only_through_access_and_is_audited(world, sign_in):
    client = sign_in(world.worker.user)
    post = visit_post(world, summary="School report", file=SimpleUploadedFile("report.pdf", b"%PDF-1.7 report"))
    for name in ("child_seen", "child_seen_alone", "people_present", "location"):
        post.pop(name)
    assert client.post(story_url(world.child, "new/document/"), post).status_code == 302
    document = StoryDocument.objects.get()
    response = client.get(f"/story/documents/{document.id}/")
    assert response["Content-Disposition"].startswith('attachment; filename="report.pdf"')
    assert b"".join(response.streaming_content) == b"%PDF-1.7 report"
    assert AuditEntry.objects.filter(event=AuditEvent.DOCUMENT_DOWNLOADED).count() == 1
    assert sign_in(world.other_team_worker.user).get(f"/story/documents/{document.id}/").status_code == 404


def test_a_50_mb_upload_is_refused_with_a_message(world, sign_in):
    post = visit_post(world, summary="Huge", file=SimpleUploadedFile("huge.pdf", b"%PDF-" + b"0" * (50 * 1024 * 1024)))
    response = sign_in(world.worker.user).post(story_url(world.child, "new/document/"), post)
    assert "smaller than 20 MB" in response.content.decode()
    assert not StoryDocument.objects.exists() and not StoryEntry.objects.filter(status="final").exists()


def test_the_printable_story_escapes_what_people_wrote(world, sign_in):
    client = sign_in(world.worker.user)
    client.post(story_url(world.child, "new/home_visit/"), visit_post(world, body="<script>alert(1)</script>\nLine 2"))
    printed = client.get(story_url(world.child, "print/")).content.decode()
    assert "<script>alert(1)" not in printed and "&lt;script&gt;alert(1)&lt;/script&gt;<br>Line 2" in printed


def test_a_meeting_asks_its_kind_first_then_offers_only_that_meetings_decisions(world, sign_in):
    client = sign_in(world.worker.user)
    chooser = client.get(story_url(world.child, "new/meeting/")).content.decode()
    assert "What kind of meeting was it?" in chooser and "Strategy discussion" in chooser
    assert (
        "Select the kind of meeting" in client.get(story_url(world.child, "new/meeting/?meeting=tea")).content.decode()
    )
    page = client.get(story_url(world.child, "new/meeting/?meeting=strategy_discussion")).content.decode()
    assert "Start a section 47 enquiry" in page and "A child protection plan" not in page
    assert "Category of abuse" not in page


def test_a_strategy_discussion_recorded_on_the_page_starts_the_enquiry(world, sign_in):
    from alongside.journey.models import Section47Enquiry

    client = sign_in(world.worker.user)
    url = story_url(world.sibling, "new/meeting/?meeting=strategy_discussion")
    post = visit_post(world, about=[str(world.sibling.id)], attendees="Police, health, school", decisions="S47")
    refused = client.post(url, post).content.decode()
    assert "Select what the meeting decided" in refused and not StoryEntry.objects.exists()
    response = client.post(url, {**post, "meeting_outcome": "start_s47"})
    assert response["Location"] == story_url(world.sibling)
    entry = StoryEntry.objects.get()
    assert (entry.meeting_kind, entry.meeting_outcome) == ("strategy_discussion", "start_s47")
    assert Section47Enquiry.objects.get(episode__child=world.sibling).started_on == entry.occurred_at.date()
    story = client.get(story_url(world.sibling)).content.decode()
    assert "Decided:</strong> Start a section 47 enquiry" in story
