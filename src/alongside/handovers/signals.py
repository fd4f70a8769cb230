from django.dispatch import receiver

from alongside.workforce.services import worker_changed


@receiver(worker_changed)
def open_handover(sender, allocation, previous, actor, **kwargs):
    from alongside.handovers.services import handover_open

    handover_open(allocation=allocation, previous=previous)
