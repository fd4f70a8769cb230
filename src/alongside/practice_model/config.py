"""The LA's operating model, read from YAML and checked on load with errors that name the key.

Only the `access` section exists so far (issue #4); issue #6 adds the rest with a full schema."""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver

DEFAULT_PATH = Path(__file__).with_name("operating_model.yaml")


class OutsideCaseload:
    OPEN_WITH_REASON = "open_with_reason"
    NEED_TO_KNOW = "need_to_know"


@dataclass(frozen=True)
class AccessPolicy:
    outside_caseload: str
    reasons_for_opening: tuple[tuple[str, str], ...]
    reason_lasts_hours: int
    service_wide_roles: frozenset[str]
    break_glass_roles: frozenset[str]
    audit_readers: frozenset[str]

    @property
    def open_with_reason(self) -> bool:
        return self.outside_caseload == OutsideCaseload.OPEN_WITH_REASON

    def reason_label(self, code: str) -> str:
        return dict(self.reasons_for_opening).get(code, code)


@dataclass(frozen=True)
class OperatingModel:
    version: int
    access: AccessPolicy
    path: Path


def _fail(path: Path, key: str, problem: str):
    raise ImproperlyConfigured(f"{path}: {key}: {problem}")


def load_operating_model(path: Path) -> OperatingModel:
    from alongside.workforce.models import StaffRole

    try:
        data = yaml.safe_load(Path(path).read_text())
    except (OSError, yaml.YAMLError) as error:
        raise ImproperlyConfigured(f"{path}: cannot be read: {error}") from error
    if not isinstance(data, dict) or not isinstance(data.get("access"), dict):
        _fail(path, "access", "the access section is missing")
    access = data["access"]
    mode = access.get("outside_caseload")
    if mode not in (OutsideCaseload.OPEN_WITH_REASON, OutsideCaseload.NEED_TO_KNOW):
        _fail(path, "access.outside_caseload", f"must be open_with_reason or need_to_know, not {mode!r}")
    reasons = access.get("reasons_for_opening") or []
    if not reasons or not all(isinstance(r, dict) and r.get("code") and r.get("label") for r in reasons):
        _fail(path, "access.reasons_for_opening", "give at least one reason, each with a code and a label")
    hours = access.get("reason_lasts_hours")
    if not isinstance(hours, int) or not 1 <= hours <= 24:
        _fail(path, "access.reason_lasts_hours", f"must be a whole number of hours from 1 to 24, not {hours!r}")
    roles = {}
    for key in ("service_wide_roles", "break_glass_roles", "audit_readers"):
        values = access.get(key) or []
        unknown = [role for role in values if role not in StaffRole.values]
        if unknown:
            _fail(path, f"access.{key}", f"unknown roles {unknown}; roles are {sorted(StaffRole.values)}")
        roles[key] = frozenset(values)
    return OperatingModel(
        version=int(data.get("version", 1)),
        path=Path(path),
        access=AccessPolicy(
            outside_caseload=mode,
            reasons_for_opening=tuple((r["code"], r["label"]) for r in reasons),
            reason_lasts_hours=hours,
            **roles,
        ),
    )


@lru_cache(maxsize=1)
def operating_model() -> OperatingModel:
    return load_operating_model(Path(getattr(settings, "ALONGSIDE_OPERATING_MODEL", None) or DEFAULT_PATH))


def access_policy() -> AccessPolicy:
    return operating_model().access


@receiver(setting_changed)
def _reload(setting, **kwargs):
    if setting == "ALONGSIDE_OPERATING_MODEL":
        operating_model.cache_clear()
