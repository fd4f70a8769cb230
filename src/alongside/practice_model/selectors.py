from datetime import date

from alongside.practice_model.models import LocalAuthority, OperatingModelVersion


def local_authority_get() -> LocalAuthority | None:
    return LocalAuthority.objects.filter(pk=1).first()


def is_demo_database() -> bool:
    return LocalAuthority.objects.filter(pk=1, is_demo=True).exists()


def operating_model_version_on(day: date) -> OperatingModelVersion | None:
    """The version in force on a day: the latest whose effective_from is on or before it."""
    return OperatingModelVersion.objects.filter(effective_from__lte=day).order_by("-effective_from", "-version").first()


def operating_model_versions():
    return OperatingModelVersion.objects.only("version", "effective_from", "changed_because", "first_used_at")
