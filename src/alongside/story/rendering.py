"""The story page's entries as HTML, each finished entry rendered once and then kept in the cache.

A finished entry never changes (corrections are new entries), so its HTML can be kept; the key
carries whether it has been corrected, which is the only thing about it that can change on the
page. A page of a ten-year story then costs one light query for its rows and one cache lookup,
not the full rows and their related people, corrections and documents. Drafts are always rendered
fresh. The HTML is the same for everyone who may see the entry: who may see it is decided by the
query (story_for_staff), never by the template.
"""

from django.core.cache import cache
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from alongside.story.models import EntryStatus, StoryEntry
from alongside.story.selectors import with_entry_details

CACHE_SECONDS = 24 * 60 * 60


def light_rows(entries):
    """Just enough of each entry to find its HTML in the cache, in the story's order."""
    corrected = Exists(StoryEntry.objects.filter(corrects_id=OuterRef("pk")))
    return (
        entries.annotate(corrected=corrected)
        .values("id", "status", "finalised_at", "corrected")
        .order_by("-occurred_at", "-id")
    )


def cache_key(row, form: str = "page") -> str | None:
    """The cache key of a finished entry's HTML in one form (the page, the printable story)."""
    if row["status"] != EntryStatus.FINAL:
        return None
    return f"story-entry:{form}:{row['id']}:{row['finalised_at'].timestamp()}:{int(row['corrected'])}"


def entries_html(rows, request=None) -> list[str]:
    """HTML for each of these light rows, in order: from the cache, or rendered and then cached."""
    rows = list(rows)
    keys = {row["id"]: cache_key(row) for row in rows}
    cached = cache.get_many([key for key in keys.values() if key])
    missing = [row["id"] for row in rows if keys[row["id"]] not in cached]
    fresh = {}
    if missing:
        for entry in with_entry_details(StoryEntry.objects.filter(id__in=missing)):
            fresh[entry.id] = render_to_string("story/_entry.html", {"entry": entry}, request)
        cache.set_many({keys[i]: html for i, html in fresh.items() if keys[i]}, timeout=CACHE_SECONDS)
    return [mark_safe(fresh[row["id"]] if row["id"] in fresh else cached[keys[row["id"]]]) for row in rows]
