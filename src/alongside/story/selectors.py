"""Reading the story: one family's entries, as the viewer may see them, filtered and paged."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Prefetch, Q

from alongside.access.visibility import Item, Visibility
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
    Through = StoryEntry.about.through
    about_open_child = Exists(Through.objects.filter(storyentry_id=OuterRef("pk"), person_id__in=child_ids))
    named = Exists(StoryEntry.named_users.through.objects.filter(storyentry_id=OuterRef("pk"), user_id=user.id))
    # Subqueries rather than joins, so no row repeats and no DISTINCT is needed over ten years of entries.
    visible = (
        Q(status=EntryStatus.FINAL) & ~Q(visibility=Visibility.RESTRICTED)
        | Q(status=EntryStatus.FINAL, visibility=Visibility.RESTRICTED) & named
        | Q(author=user)
    )
    entries = StoryEntry.objects.filter(Q(network_id__in=network_ids) & visible)
    # Every entry is about children of its family; when the viewer may open all of them (the usual
    # case for the family's own pod) the per-entry check is a no-op, and costly over ten years.
    family_children = set(
        Person.objects.filter(memberships__network_id__in=network_ids, memberships__role="child").values_list(
            "id", flat=True
        )
    )
    if not family_children <= set(child_ids):
        entries = entries.filter(about_open_child)
    if filters.child_id:
        entries = entries.filter(
            Exists(Through.objects.filter(storyentry_id=OuterRef("pk"), person_id=filters.child_id))
        )
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
    return with_entry_details(entries).order_by("-occurred_at", "-id")


def with_entry_details(entries):
    """What showing an entry needs: who wrote it, who it is about, its corrections and documents."""
    return entries.select_related("author", "agency", "corrects", "replies_to").prefetch_related(
        Prefetch("about", queryset=Person.objects.only("id", "first_name", "last_name")),
        Prefetch("corrections", queryset=StoryEntry.objects.only("id", "corrects_id", "occurred_at")),
        "documents",
        Prefetch("hidden_from", queryset=Person.objects.only("id", "first_name", "last_name")),
    )


def entry_as_item(entry: StoryEntry) -> Item:
    """The entry as access/visibility.py sees it, to decide who outside staff may see it (with
    about, hidden_from and named_users prefetched, this makes no query)."""
    return Item(
        visibility=entry.visibility,
        about_child_ids=frozenset(p.id for p in entry.about.all()),
        author_user_id=entry.author_id,
        hidden_from_person_ids=frozenset(p.id for p in entry.hidden_from.all()),
        named_user_ids=frozenset(u.id for u in entry.named_users.all()),
    )
