from django.apps import AppConfig


class QualityConfig(AppConfig):
    name = "alongside.quality"
    label = "quality"
