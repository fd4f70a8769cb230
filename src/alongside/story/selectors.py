"""Reading the story: one family's entries, as the viewer may see them, filtered and paged."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Prefetch, Q

from alongside.access.visibility import Visibility
from alongside.people.models import Person
from alongside.story.models import EntryStatus, StoryEntry

PAGE_SIZE = 50


@dataclass(frozen=True)
class StoryFilters:
    child_id: int | None = None
    kind: str = ""
    date_from: date | None = None
    date_to: date | None = None
    significant_only: bool = False
    text: str = ""


def story_for_staff(*, user, network_ids, child_ids: list[int], filters: StoryFilters = StoryFilters()):
    """Entries of these family networks a member of staff may see: finished entries about at least
    one child they may open (restricted ones only if named or theirs), and their own drafts. Newest
    first, with who wrote each, who it is about and its corrections, in five queries."""
    about_open_child = Exists(
        StoryEntry.about.through.objects.filter(storyentry_id=OuterRef("pk"), person_id__in=child_ids)
    )
    visible = (
        Q(status=EntryStatus.FINAL) & ~Q(visibility=Visibility.RESTRICTED)
        | Q(status=EntryStatus.FINAL, visibility=Visibility.RESTRICTED, named_users=user)
        | Q(author=user)
    )
    entries = StoryEntry.objects.filter(Q(network_id__in=network_ids) & visible & about_open_child)
    entries = entries.exclude(Q(status=EntryStatus.DRAFT) & ~Q(author=user))
    if filters.child_id:
        entries = entries.filter(about__id=filters.child_id)
    if filters.kind:
        entries = entries.filter(kind=filters.kind)
    if filters.date_from:
        entries = entries.filter(occurred_at__date__gte=filters.date_from)
    if filters.date_to:
        entries = entries.filter(occurred_at__date__lte=filters.date_to)
    if filters.significant_only:
        entries = entries.filter(significant=True)
    if filters.text.strip():
        words = filters.text.strip()
        entries = entries.filter(
            Q(summary__icontains=words)
            | Q(body__icontains=words)
            | Q(child_words__icontains=words)
            | Q(decisions__icontains=words)
            | Q(family_view__icontains=words)
        )
    return (
        entries.distinct()
        .select_related("author", "agency", "corrects")
        .prefetch_related(
            Prefetch("about", queryset=Person.objects.only("id", "first_name", "last_name")),
            Prefetch("corrections", queryset=StoryEntry.objects.only("id", "corrects_id", "occurred_at")),
            "documents",
        )
        .order_by("-occurred_at", "-id")
    )
