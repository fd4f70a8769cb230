"""Where on the child's Details for statutory returns page a finding can be put right.

A finding says where it is in the words of the return ("the referral of 6 May 2025", "the episode
from 01/04/2025", table OC2); the page has a card per object ("referral-<id>"). The findings come from
the files, not the database, so the objects are found again here: in a few queries for a whole run."""

import re
from collections import defaultdict
from datetime import date, datetime

from alongside.journey.models import (
    Assessment,
    CareEpisode,
    ChildInNeedEpisode,
    ChildProtectionPlan,
    LookedAfterChild,
    LookedAfterHealth,
)
from alongside.returns.base import Finding

_LONG = r"(\d{1,2} [A-Z][a-z]+ \d{4})"
PATTERNS = (
    (re.compile(rf"^the referral of {_LONG}$"), "referral"),
    (re.compile(rf"^the assessment started {_LONG}$"), "assessment"),
    (re.compile(rf"^the child protection plan from {_LONG}$"), "child-protection-plan"),
    (re.compile(r"^the episode from (\d{2}/\d{2}/\d{4})$"), "care-episode"),
)
# Objects of each kind, by child and the date the return names them by.
SOURCES = {
    "referral": (ChildInNeedEpisode, "child_id", "referral_date"),
    "assessment": (Assessment, "episode__child_id", "started_on"),
    "child-protection-plan": (ChildProtectionPlan, "episode__child_id", "started_on"),
    "care-episode": (CareEpisode, "child_id", "started_on"),
}
# SSDA903 tables whose findings belong to one record of the child's rather than an episode.
TABLE_KINDS = {"Header": "child", "UASC": "looked-after", "PrevPerm": "looked-after", "OC2": "health"}


def _about_the_child(where: str) -> bool:
    return where == "the child's details" or not where.startswith("the ")


def _parse(text: str) -> date | None:
    for pattern in ("%d %B %Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _chunks(ids: list[int], size: int = 900):
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def anchors(findings: list[Finding], child_ids: dict[str, int]) -> list[str]:
    """For each finding, the card's anchor on the child's page, or "" to open the page at the top."""
    wanted = []
    for finding in findings:
        child_id = child_ids.get(finding.la_child_id or "")
        kind = day = None
        for pattern, pattern_kind in PATTERNS:
            match = pattern.match(finding.where)
            if match:
                kind, day = pattern_kind, _parse(match.group(1))
                break
        if kind is None and finding.table in TABLE_KINDS:
            kind = TABLE_KINDS[finding.table]
        elif kind is None and child_id and not finding.table and _about_the_child(finding.where):
            kind = "child"  # the child's own details: UPN, date of birth, sex, ethnicity, disabilities
        wanted.append((child_id, kind, day))

    found: dict[tuple, int] = {}
    for kind, (model, child_field, date_field) in SOURCES.items():
        ids = sorted({child for child, k, _ in wanted if k == kind and child})
        for chunk in _chunks(ids):
            rows = model.objects.filter(**{f"{child_field}__in": chunk}).values_list(child_field, date_field, "id")
            for child, day, object_id in rows.order_by("id"):
                found.setdefault((kind, child, day), object_id)
    one_per_child = defaultdict(dict)
    for kind, model in (("looked-after", LookedAfterChild), ("health", LookedAfterHealth)):
        ids = sorted({child for child, k, _ in wanted if k == kind and child})
        for chunk in _chunks(ids):
            # The latest health row is the year being returned.
            for child, object_id in model.objects.filter(child_id__in=chunk).order_by("id").values_list("child", "id"):
                one_per_child[kind][child] = object_id

    result = []
    for child_id, kind, day in wanted:
        if not child_id or kind is None:
            result.append("")
        elif kind == "child":
            result.append(f"child-{child_id}")
        elif kind in one_per_child:
            object_id = one_per_child[kind].get(child_id)
            result.append(f"{kind}-{object_id}" if object_id else "")
        else:
            object_id = found.get((kind, child_id, day))
            result.append(f"{kind}-{object_id}" if object_id else "")
    return result
