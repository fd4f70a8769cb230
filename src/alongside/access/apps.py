from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "alongside.access"
    label = "access"

    def ready(self):
        from alongside.access import signals  # noqa: F401  (connects the auth audit receivers)
