from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "alongside.access"
    label = "access"
