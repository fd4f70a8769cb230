from django.apps import AppConfig


class ObservationsConfig(AppConfig):
    name = "alongside.observations"
    label = "observations"
