from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "alongside.portal"
    label = "portal"
