from alongside.access.models import AccessReview, AuditEntry, Notification


def who_has_looked_at(person, limit: int = 500):
    """Every audit row about this person, newest first: who, when, what, by which route, and why."""
    return AuditEntry.objects.filter(person=person).select_related("actor").order_by("-at", "-id")[:limit]


def notifications_for(user):
    return Notification.objects.filter(recipient=user).select_related("child")[:100]


def unread_notification_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def access_reviews_due(user):
    return (
        AccessReview.objects.filter(reviewer=user, decided_at__isnull=True)
        .select_related("staff_user", "child")
        .order_by("created_at")
    )


def opened_with_reason_for_pod(pod, *, since):
    """Records of the pod's children that people outside the pod opened with a reason or by break
    glass: what a team manager checks, as the issue asks ("the allocated worker's manager can see it")."""
    from django.utils import timezone

    from alongside.access.models import AuditEvent
    from alongside.workforce.selectors import open_allocations_on

    children = open_allocations_on(timezone.localdate()).filter(pod=pod).values("child_id")
    return (
        AuditEntry.objects.filter(
            person_id__in=children, at__gte=since, event__in=[AuditEvent.OPENED_WITH_REASON, AuditEvent.BREAK_GLASS]
        )
        .select_related("actor", "person")
        .order_by("-at")[:50]
    )
