from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _record_operating_model(sender, **kwargs):
    # After every migrate (so after every deploy) the version in use is on record with its date.
    from alongside.practice_model.services import operating_model_version_record

    operating_model_version_record()


class PracticeModelConfig(AppConfig):
    name = "alongside.practice_model"
    label = "practice_model"

    def ready(self):
        post_migrate.connect(_record_operating_model, sender=self)
