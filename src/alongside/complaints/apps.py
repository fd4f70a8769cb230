from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "alongside.complaints"
    label = "complaints"
