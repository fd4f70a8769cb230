from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    name = "alongside.returns"
    label = "returns"
