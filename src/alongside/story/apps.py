from django.apps import AppConfig


class StoryConfig(AppConfig):
    name = "alongside.story"
    label = "story"
