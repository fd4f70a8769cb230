from alongside.practice_model.models import LocalAuthority


def local_authority_get() -> LocalAuthority | None:
    return LocalAuthority.objects.filter(pk=1).first()


def is_demo_database() -> bool:
    return LocalAuthority.objects.filter(pk=1, is_demo=True).exists()
