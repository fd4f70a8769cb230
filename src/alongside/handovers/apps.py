from django.apps import AppConfig


class HandoversConfig(AppConfig):
    name = "alongside.handovers"
    label = "handovers"

    def ready(self):
        from alongside.handovers import signals  # noqa: F401 (connects the receiver)
