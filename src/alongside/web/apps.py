from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "alongside.web"
    label = "web"

    def ready(self):
        from alongside.web import checks  # noqa: F401  (registers the system checks)
