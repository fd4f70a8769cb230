"""Who may see one item of a child's record: a story entry, a document, a part of a plan.

Every item has a visibility, widest last:
  restricted  only named staff (and its author): a disclosure, a new address kept from someone;
  staff       children's services staff who may open the child's record;
  partner     also partner agencies the child is shared with, while the sharing is in force;
  family      also the family: parents see items about their own children, a young person only
              items about themselves.
Any item can also be hidden from particular people (a young person's entry from their parents; one
parent's entry from the other), whatever its visibility. This module decides for one item; the
story and plans (issues #5 onwards) filter their querysets by the same rule and test the two agree.
"""

from dataclasses import dataclass, field

from django.db import models


class Visibility(models.TextChoices):
    RESTRICTED = "restricted", "Restricted to named staff"
    STAFF = "staff", "Staff only"
    PARTNER = "partner", "Staff and partner agencies"
    FAMILY = "family", "Staff, partners and the family"


class ViewerKind(models.TextChoices):
    STAFF = "staff", "Staff"
    PARTNER = "partner", "Partner agency"
    PARENT = "parent", "Parent or carer"
    YOUNG_PERSON = "young_person", "Child or young person"


@dataclass(frozen=True)
class Item:
    visibility: Visibility
    about_child_ids: frozenset[int]
    author_user_id: int | None = None
    hidden_from_person_ids: frozenset[int] = frozenset()
    named_user_ids: frozenset[int] = frozenset()  # for restricted items


@dataclass(frozen=True)
class Viewer:
    kind: ViewerKind
    user_id: int
    person_id: int | None = None  # a family member's own person record
    # Children whose record this viewer may open: for staff, by the access rules; for a partner,
    # shared with their agency now; for a parent, their own children; for a young person, themself.
    child_ids: frozenset[int] = field(default_factory=frozenset)


def can_see_item(viewer: Viewer, item: Item) -> bool:
    """True if the viewer may see the item. Each condition is one line, in the order it is checked."""
    # The author always sees what they wrote.
    if item.author_user_id is not None and item.author_user_id == viewer.user_id:
        return True
    # Hidden from this person, whatever else is true.
    if viewer.person_id is not None and viewer.person_id in item.hidden_from_person_ids:
        return False
    # The item must be about a child the viewer may see: partners and families never see beyond.
    if not item.about_child_ids & viewer.child_ids:
        return False
    # A young person sees only items about themselves alone, not shared ones about siblings too.
    if viewer.kind == ViewerKind.YOUNG_PERSON and item.about_child_ids != {viewer.person_id}:
        return False
    if item.visibility == Visibility.RESTRICTED:
        return viewer.kind == ViewerKind.STAFF and viewer.user_id in item.named_user_ids
    if viewer.kind == ViewerKind.STAFF:
        return True
    if viewer.kind == ViewerKind.PARTNER:
        return item.visibility in (Visibility.PARTNER, Visibility.FAMILY)
    return item.visibility == Visibility.FAMILY
