from django.apps import AppConfig


class BackupsConfig(AppConfig):
    name = "alongside.backups"
    verbose_name = "Backups"
