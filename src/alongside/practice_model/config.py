"""The LA's operating model, read from one YAML file and checked on load against a JSON Schema, with
errors that name the line (a typo must stop the service, not quietly change how children are seen).

The file (operating_model.yaml) holds the vision and values, the continuum of need, pods, how cases
move between teams, caseload caps and weights, supervision standards, timescale rules, visibility
defaults and the access rules. Each version is recorded with its date (services.py) so that figures
can say which version was in force."""

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import jsonschema
import yaml
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver

DEFAULT_PATH = Path(__file__).with_name("operating_model.yaml")
SCHEMA_PATH = Path(__file__).with_name("operating_model.schema.yaml")

# The record events a timescale can start from, and the recordings that meet it. The timescales
# engine implements each (a test checks), so a rule can only name something the record holds.
TIMESCALE_STARTS = (
    "referral",
    "section_47_started",
    "initial_conference_plan",
    "child_protection_plan_started",
    "last_review_conference",
    "last_visit_on_child_protection_plan",
    "last_visit_in_need",
    "became_looked_after",
    "first_looked_after_review",
    "later_looked_after_review",
    "last_visit_looked_after",
    "looked_after_without_health_assessment",
    "last_health_assessment_under_5",
    "last_health_assessment_5_and_over",
    "looked_after_without_pep",
    "last_pep",
    "eligible_for_pathway_plan",
    "last_pathway_plan",
)
TIMESCALE_DONE_BY = (
    "referral_decision",
    "assessment_authorised",
    "initial_conference",
    "core_group",
    "review_conference",
    "child_seen",
    "looked_after_review",
    "health_assessment",
    "pep_meeting",
    "pathway_plan_saved",
)


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
class TimescaleRule:
    code: str
    label: str
    starts: str
    unit: str  # working_days, days, weeks or months
    amount: int
    done_by: str
    source: str

    @property
    def in_words(self) -> str:
        unit = self.unit.replace("_", " ")
        return f"{self.amount} {unit if self.amount != 1 else unit.rstrip('s')}"


@dataclass(frozen=True)
class SupervisionStandard:
    roles: frozenset[str]
    every_working_days: int
    note: str


@dataclass(frozen=True)
class Grade:
    code: str
    label: str
    good_or_better: bool


@dataclass(frozen=True)
class AuditQuestion:
    code: str
    theme: str
    question: str
    required: bool


@dataclass(frozen=True)
class QualityAssurance:
    grades: tuple[Grade, ...]  # best first
    audit_questions: tuple[AuditQuestion, ...]
    family_questions: tuple[tuple[str, str], ...]  # (code, question)
    moderation_share: float
    action_working_days: int
    observation_prompts: tuple[tuple[str, str], ...]  # (code, prompt)

    def grade(self, code: str) -> Grade | None:
        return next((g for g in self.grades if g.code == code), None)

    @property
    def themes(self) -> tuple[str, ...]:
        """Each theme once, in the order the questions first name it."""
        return tuple(dict.fromkeys(q.theme for q in self.audit_questions))


@dataclass(frozen=True)
class PulseSurvey:
    every_months: int
    smallest_group: int
    statements: tuple[tuple[str, str], ...]  # (code, statement)


@dataclass(frozen=True)
class Course:
    code: str
    name: str
    refresh_months: int | None
    roles: frozenset[str]


@dataclass(frozen=True)
class Training:
    courses: tuple[Course, ...]
    due_soon_days: int

    def course(self, code: str) -> Course | None:
        return next((c for c in self.courses if c.code == code), None)


@dataclass(frozen=True)
class ComplaintStage:
    stage: int
    name: str
    respond_working_days: int
    extended_working_days: int | None
    source: str


@dataclass(frozen=True)
class Complaints:
    stages: tuple[ComplaintStage, ...]
    panel_findings_working_days: int
    council_response_working_days: int
    next_stage_request_working_days: int

    def stage(self, number: int) -> ComplaintStage:
        return next(s for s in self.stages if s.stage == number)


@dataclass(frozen=True)
class OperatingModel:
    version: int
    effective_from: date
    path: Path
    access: AccessPolicy
    data: dict  # the whole file, as read, for the page that shows it
    timescales: tuple[TimescaleRule, ...]
    caseload_caps: dict[str, int]
    caseload_weights: dict[str, float]
    complexity_extra: float
    change_of_worker_reasons: tuple[tuple[str, str], ...]
    supervision: tuple[SupervisionStandard, ...]
    group_every_working_days: int
    span_of_management: int
    quality: QualityAssurance
    pulse_survey: PulseSurvey
    training: Training
    complaints: Complaints

    def timescale(self, code: str) -> TimescaleRule:
        return next(rule for rule in self.timescales if rule.code == code)

    def supervision_every(self, role: str) -> int | None:
        """Working days between one-to-one supervisions for a role, or None if the role has none."""
        return next((s.every_working_days for s in self.supervision if role in s.roles), None)


def _line_of(root, path) -> int | None:
    """The 1-based line of the node at a JSON path in the composed YAML, for error messages."""
    node = root
    for part in path:
        if isinstance(node, yaml.MappingNode):
            node = next((value for key, value in node.value if key.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            node = None
        if node is None:
            return None
    return node.start_mark.line + 1


def _fail(path: Path, where: str, problem: str, line: int | None = None):
    at = f"line {line}: " if line else ""
    raise ImproperlyConfigured(f"{path}: {at}{where}: {problem}")


@lru_cache(maxsize=1)
def _schema() -> dict:
    return yaml.safe_load(SCHEMA_PATH.read_text())


class _Loader(yaml.SafeLoader):
    """Safe YAML, but dates stay text for the schema to check: PyYAML would otherwise raise a bare
    ValueError, with no line, for an impossible date like 2026-13-45."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _read(path: Path):
    try:
        text = Path(path).read_text()
        return yaml.compose(text, Loader=_Loader), yaml.load(text, Loader=_Loader)  # noqa: S506 (a safe loader)
    except OSError as error:
        raise ImproperlyConfigured(f"{path}: cannot be read: {error}") from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f"line {mark.line + 1}: " if mark else ""
        raise ImproperlyConfigured(f"{path}: {line}not valid YAML: {getattr(error, 'problem', error)}") from error


def load_operating_model(path: Path) -> OperatingModel:
    from alongside.workforce.models import AllocationReason, Service, StaffRole

    root, data = _read(path)
    if not isinstance(data, dict):
        _fail(path, "the file", "must be a set of sections (vision, pods, timescales, access, ...)")
    validator = jsonschema.Draft202012Validator(_schema(), format_checker=jsonschema.FormatChecker())
    # A missing section is the clearest thing to say first, then the earliest place in the file.
    errors = sorted(
        validator.iter_errors(data), key=lambda e: (e.validator != "required", list(map(str, e.absolute_path)))
    )
    if errors:
        error = errors[0]
        where = ".".join(str(p) for p in error.absolute_path) or "the file"
        _fail(path, where, error.message, _line_of(root, list(error.absolute_path)))

    def check_roles(where, roles, json_path):
        unknown = [role for role in roles if role not in StaffRole.values]
        if unknown:
            _fail(
                path, where, f"unknown roles {unknown}; roles are {sorted(StaffRole.values)}", _line_of(root, json_path)
            )

    access = data["access"]
    for key in ("service_wide_roles", "break_glass_roles", "audit_readers"):
        check_roles(f"access.{key}", access[key], ["access", key])
    check_roles("caseloads.caps", list(data["caseloads"]["caps"]), ["caseloads", "caps"])
    for n, standard in enumerate(data["supervision"]["one_to_one"]):
        check_roles(f"supervision.one_to_one.{n}.roles", standard["roles"], ["supervision", "one_to_one", n, "roles"])
    for n, role in enumerate(data["pods"]["roles"]):
        check_roles(f"pods.roles.{n}.role", [role["role"]], ["pods", "roles", n, "role"])
    services = set(Service.values)
    for n, move in enumerate(data["case_movement"]):
        for key in ("from", "to"):
            if move[key] not in services:
                _fail(
                    path,
                    f"case_movement.{n}.{key}",
                    f"unknown service {move[key]!r}; services are {sorted(services)}",
                    _line_of(root, ["case_movement", n, key]),
                )
    for n, level in enumerate(data["continuum_of_need"]):
        if level["service"] not in services | {"universal"}:
            _fail(
                path,
                f"continuum_of_need.{n}.service",
                f"unknown service {level['service']!r}; use universal or one of {sorted(services)}",
                _line_of(root, ["continuum_of_need", n, "service"]),
            )
    for n, reason in enumerate(data["change_of_worker_reasons"]):
        if reason["code"] not in AllocationReason.values:
            _fail(
                path,
                f"change_of_worker_reasons.{n}.code",
                f"{reason['code']!r} is not a reason the record holds; use one of {sorted(AllocationReason.values)}",
                _line_of(root, ["change_of_worker_reasons", n, "code"]),
            )
    rules = []
    for n, rule in enumerate(data["timescales"]):
        for key, known in (("starts", TIMESCALE_STARTS), ("done_by", TIMESCALE_DONE_BY)):
            if rule[key] not in known:
                _fail(
                    path,
                    f"timescales.{n}.{key}",
                    f"{rule[key]!r} is not an event the record holds; use one of {', '.join(known)}",
                    _line_of(root, ["timescales", n, key]),
                )
        ((unit, amount),) = rule["due"].items()
        rules.append(
            TimescaleRule(rule["code"], rule["label"], rule["starts"], unit, amount, rule["done_by"], rule["source"])
        )
    codes = [rule.code for rule in rules]
    if len(set(codes)) != len(codes):
        duplicate = next(code for code in codes if codes.count(code) > 1)
        _fail(path, "timescales", f"the code {duplicate!r} is used twice", _line_of(root, ["timescales"]))
    for n, course in enumerate(data["training"]["courses"]):
        check_roles(f"training.courses.{n}.roles", course["roles"], ["training", "courses", n, "roles"])
    for section, key in (
        ("quality_assurance", "grades"),
        ("quality_assurance", "audit_questions"),
        ("quality_assurance", "family_questions"),
        ("quality_assurance", "observation_prompts"),
        ("pulse_survey", "statements"),
        ("training", "courses"),
        ("complaints", "stages"),
    ):
        field = "stage" if key == "stages" else "code"
        seen = [item[field] for item in data[section][key]]
        if len(set(seen)) != len(seen):
            duplicate = next(code for code in seen if seen.count(code) > 1)
            _fail(path, f"{section}.{key}", f"{duplicate!r} is used twice", _line_of(root, [section, key]))
    quality = data["quality_assurance"]
    effective = data["effective_from"]
    return OperatingModel(
        version=data["version"],
        effective_from=date.fromisoformat(effective),
        path=Path(path),
        data=data,
        access=AccessPolicy(
            outside_caseload=access["outside_caseload"],
            reasons_for_opening=tuple((r["code"], r["label"]) for r in access["reasons_for_opening"]),
            reason_lasts_hours=access["reason_lasts_hours"],
            service_wide_roles=frozenset(access["service_wide_roles"]),
            break_glass_roles=frozenset(access["break_glass_roles"]),
            audit_readers=frozenset(access["audit_readers"]),
        ),
        timescales=tuple(rules),
        caseload_caps=dict(data["caseloads"]["caps"]),
        caseload_weights={k: float(v) for k, v in data["caseloads"]["weights"].items()},
        complexity_extra=float(data["caseloads"]["complexity_extra"]),
        change_of_worker_reasons=tuple((r["code"], r["label"]) for r in data["change_of_worker_reasons"]),
        supervision=tuple(
            SupervisionStandard(frozenset(s["roles"]), s["every_working_days"], s.get("note", ""))
            for s in data["supervision"]["one_to_one"]
        ),
        group_every_working_days=data["supervision"]["group_reflective_practice"]["every_working_days"],
        span_of_management=data["pods"]["span_of_management"]["most"],
        quality=QualityAssurance(
            grades=tuple(Grade(g["code"], g["label"], g["good_or_better"]) for g in quality["grades"]),
            audit_questions=tuple(
                AuditQuestion(q["code"], q["theme"], q["question"], q["required"]) for q in quality["audit_questions"]
            ),
            family_questions=tuple((q["code"], q["question"]) for q in quality["family_questions"]),
            moderation_share=float(quality["moderation_share"]),
            action_working_days=quality["action_working_days"],
            observation_prompts=tuple((o["code"], o["prompt"]) for o in quality["observation_prompts"]),
        ),
        pulse_survey=PulseSurvey(
            every_months=data["pulse_survey"]["every_months"],
            smallest_group=data["pulse_survey"]["smallest_group"],
            statements=tuple((s["code"], s["statement"]) for s in data["pulse_survey"]["statements"]),
        ),
        training=Training(
            courses=tuple(
                Course(c["code"], c["name"], c["refresh_months"], frozenset(c["roles"]))
                for c in data["training"]["courses"]
            ),
            due_soon_days=data["training"]["due_soon_days"],
        ),
        complaints=Complaints(
            stages=tuple(
                ComplaintStage(
                    s["stage"], s["name"], s["respond_working_days"], s["extended_working_days"], s["source"]
                )
                for s in sorted(data["complaints"]["stages"], key=lambda s: s["stage"])
            ),
            panel_findings_working_days=data["complaints"]["panel_findings_working_days"],
            council_response_working_days=data["complaints"]["council_response_working_days"],
            next_stage_request_working_days=data["complaints"]["next_stage_request_working_days"],
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
