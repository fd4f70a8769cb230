"""Keeping each version of the operating model the service has run."""

import hashlib

from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction

from alongside.practice_model.config import OperatingModel, operating_model
from alongside.practice_model.models import OperatingModelVersion

CHANGED_WITHOUT_NEW_VERSION = (
    "{path}: version {version} was first used with different content. Give the changed file a new "
    "version number and effective_from date, so that figures can say which version was in force."
)


def operating_model_version_record(model: OperatingModel | None = None) -> OperatingModelVersion:
    """Records the version in use, the first time it is used. The same version number with other
    content is refused: history is never silently rewritten."""
    model = model or operating_model()
    content = model.path.read_text()
    digest = hashlib.sha256(content.encode()).hexdigest()
    held = OperatingModelVersion.objects.filter(version=model.version).first()
    if held is None:
        try:
            with transaction.atomic():
                held = OperatingModelVersion.objects.create(
                    version=model.version,
                    effective_from=model.effective_from,
                    changed_because=model.data.get("changed_because", ""),
                    content=content,
                    sha256=digest,
                )
        except IntegrityError:  # another process recorded it first
            held = OperatingModelVersion.objects.get(version=model.version)
    if held.sha256 != digest:
        raise ImproperlyConfigured(CHANGED_WITHOUT_NEW_VERSION.format(path=model.path, version=model.version))
    return held
