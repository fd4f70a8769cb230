from django.apps import AppConfig


class InsightConfig(AppConfig):
    name = "alongside.insight"
    label = "insight"
