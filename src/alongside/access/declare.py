"""Every view declares which access rule guards it. The URL matrix test (tests/access/) walks the
URL resolver and fails for any view without a declaration, so no page can be added unguarded."""

from django.db.models import TextChoices


class Rule(TextChoices):
    PUBLIC = "public", "Anyone, signed in or not"
    SIGNED_IN = "signed_in", "Any signed-in user with a relationship to the service"
    STAFF = "staff", "Current children's services staff"
    CHILD = "child", "Staff with a working relationship, a reason, or named access"
    CHILD_REASON = "child_reason", "Staff opening a child's record with a reason"
    CHILD_AUDIT = "child_audit", "The child's managers and audit readers"
    BREAK_GLASS = "break_glass", "Staff in a break-glass role"
    DATA_PROTECTION = "data_protection", "The data protection officer"
    REVIEWER = "reviewer", "The manager reviewing someone's access"
    STORY_ENTRY = "story_entry", "Staff who may see the story entry (its children, its visibility)"
    STORY_DOCUMENT = "story_document", "Staff who may see the entry the document belongs to"
    ASSESSMENT_SIGN_OFF = "assessment_sign_off", "The assessing worker's manager"
    SUPERVISION = "supervision", "The supervisor and the supervisee, and no one else"
    RETURNS_CORRECTION = (
        "returns_correction",
        "The child's worker, their manager line, and data officers (correcting details the returns read)",
    )
    ALLOCATE = "allocate", "The manager line of the child's worker (or a manager, for a child with none)"
    SINGLE_SIGN_ON = "single_sign_on", "Anyone, when single sign-on is configured (otherwise not found)"
    FAMILY = "family", "A parent or young person signed in to the family portal"
    FAMILY_CHILD = "family_child", "A parent for their own child; a young person for themself"
    YOUNG_PERSON = "young_person", "A young person signed in to the family portal"
    PARTNER = "partner", "A partner agency professional"
    PARTNER_CHILD = "partner_child", "A partner agency professional, for a child shared with their agency today"
    FRONT_DOOR = "front_door", "Front door staff and their managers"
    QUALITY = "quality", "Quality assurance leads, principal social workers, heads of service and team managers"
    CASE_AUDIT = (
        "case_audit",
        "The auditor, moderator, child's worker, their manager line, quality leads",
    )
    OBSERVATION = "observation", "The observer, the worker observed and the worker's manager line"
    COMPLAINTS = "complaints", "Complaints officers: quality leads, principal social workers and heads of service"
    INSIGHT = (
        "insight",
        "Those who lead the service: heads of service, principal social workers, quality leads, data officers",
    )
    RETURNS = "returns", "Those who make the statutory returns: data officers and heads of service"


def access_rule(rule: Rule):
    def mark(view):
        view.access_rule = rule
        return view

    return mark
