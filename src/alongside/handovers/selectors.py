from alongside.handovers.models import Handover


def incomplete_handovers(pod):
    """Handovers to the pod's workers that are not complete, oldest first, for the manager."""
    return (
        Handover.objects.filter(completed_on__isnull=True, to_worker__pod=pod)
        .select_related("child", "from_worker", "to_worker", "joint_visit")
        .order_by("opened_on", "id")
    )
