from django.apps import AppConfig


class TimescalesConfig(AppConfig):
    name = "alongside.timescales"
    label = "timescales"
