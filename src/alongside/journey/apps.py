from django.apps import AppConfig


class JourneyConfig(AppConfig):
    name = "alongside.journey"
    label = "journey"
