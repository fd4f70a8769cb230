"""Who may open a case file audit. An audit is about a child and about a worker's practice, so it is
open to the people doing it and the people responsible for that practice, and to no one else."""

from django.http import Http404

from alongside.access.access import QUALITY_ROLES, hidden_child_ids, int_or_404, require_quality
from alongside.access.roles import UserKind, user_kind
from alongside.access.rules import is_above_in_manager_line
from alongside.quality.models import AuditAction, AuditRound, CaseAudit

# Roles that lead quality assurance across the service: they see every audit.
QA_LEAD_ROLES = ("quality_lead", "principal_social_worker")


def can_open_audit(staff, audit: CaseAudit) -> bool:
    # The auditor grades it, and the moderator checks it.
    if staff.id in (audit.auditor_id, audit.moderator_id):
        return True
    # The worker whose practice was audited reflects on it.
    if staff.id == audit.worker_id:
        return True
    # The worker now holding an action from it (the child's worker may have changed since).
    if any(action.worker_id == staff.id for action in audit.actions.all()):
        return True
    # Quality assurance leads see every audit, across the service.
    if staff.role in QA_LEAD_ROLES:
        return True
    # The worker's manager line follows the findings and the actions up. Checked last: it walks the
    # line one query a step.
    return is_above_in_manager_line(staff, audit.worker)


def access_case_audit(user, audit_id) -> CaseAudit:
    """The audit if the user may open it (can_open_audit), else Http404 for missing and not yours
    alike. A child whose record became restricted after the sample was drawn is hidden too."""
    if user_kind(user) != UserKind.STAFF:
        raise Http404
    audit = (
        CaseAudit.objects.select_related("round", "child", "worker", "auditor", "moderator", "pod")
        .prefetch_related("actions")
        .filter(pk=int_or_404(audit_id))
        .first()
    )
    if audit is None or audit.child_id in hidden_child_ids(user):
        raise Http404
    if not can_open_audit(user.staff, audit):
        raise Http404
    return audit


def access_audit_round(user, round_id) -> AuditRound:
    """A round, for the people who lead practice (QUALITY_ROLES)."""
    require_quality(user)
    audit_round = AuditRound.objects.filter(pk=int_or_404(round_id)).first()
    if audit_round is None:
        raise Http404
    return audit_round


def access_audit_action(user, action_id) -> AuditAction:
    """An action, for the worker it was given to."""
    if user_kind(user) != UserKind.STAFF:
        raise Http404
    action = AuditAction.objects.select_related("audit__child").filter(pk=int_or_404(action_id)).first()
    if action is None or action.worker_id != user.staff.id:
        raise Http404
    return action


def may_set_up_rounds(user) -> bool:
    return user_kind(user) == UserKind.STAFF and user.staff.role in QUALITY_ROLES
