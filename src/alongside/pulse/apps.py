from django.apps import AppConfig


class PulseConfig(AppConfig):
    name = "alongside.pulse"
    label = "pulse"
