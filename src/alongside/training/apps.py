from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "alongside.training"
    label = "training"
