from django.apps import AppConfig


class PracticeModelConfig(AppConfig):
    name = "alongside.practice_model"
    label = "practice_model"
