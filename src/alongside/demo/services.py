"""Creating the synthetic local authority in the database.

The generator's rows are written with bulk inserts rather than one service call per row: a large LA
is about a million rows, and the target is under a minute. The rows obey the same model rules as
anything a service writes: the generator tests run `full_clean()` on every row of a small LA, and
the database's own constraints check every row of every size.
"""

import json
import logging
import time
from dataclasses import dataclass
from datetime import date
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

from alongside.access.backends import DEMO_PASSWORD
from alongside.access.models import AuditEvent
from alongside.access.services import audit_record
from alongside.assessments import models as assessments
from alongside.complaints import models as complaints
from alongside.demo.generator import LA_DFE_CODE, LA_NAME, Generator
from alongside.demo.generator.family_feedback import write_family_feedback
from alongside.demo.generator.handovers import write_handovers
from alongside.demo.generator.plan_responses import write_plan_responses
from alongside.demo.generator.portal_families import PortalFamilies
from alongside.demo.generator.quality import write_case_audits
from alongside.demo.logins import choose_demo_logins
from alongside.demo.sizes import SIZES
from alongside.handovers import models as handovers
from alongside.journey import models as journey
from alongside.observations import models as observations
from alongside.partners import models as partners
from alongside.people import models as people
from alongside.plans import models as plans
from alongside.portal import models as portal
from alongside.practice_model.models import LocalAuthority
from alongside.pulse import models as pulse
from alongside.quality import models as quality
from alongside.story import models as story
from alongside.supervision import models as supervision
from alongside.training import models as training
from alongside.workforce import models as workforce

logger = logging.getLogger(__name__)

NOT_EMPTY = "The database already holds a record. Seeding needs an empty database: create a new one."

# Write order follows the foreign keys, so the inserts also work where constraints are immediate.
TABLES = [
    ("teams", workforce.Team),
    ("pods", workforce.Pod),
    ("staff", workforce.StaffMember),
    ("networks", people.FamilyNetwork),
    ("people", people.Person),
    ("members", people.FamilyMember),
    ("relationships", people.Relationship),
    ("early_help", journey.EarlyHelpEpisode),
    ("cin", journey.ChildInNeedEpisode),
    ("assessments", journey.Assessment),
    ("cin_plans", journey.ChildInNeedPlan),
    ("section47s", journey.Section47Enquiry),
    ("cp_plans", journey.ChildProtectionPlan),
    ("cp_reviews", journey.ChildProtectionReview),
    ("care", journey.CareEpisode),
    ("care_leavers", journey.CareLeaverEpisode),
    ("lac_reviews", journey.LookedAfterReview),
    ("looked_after", journey.LookedAfterChild),
    ("missing_spells", journey.MissingSpell),
    ("lac_health", journey.LookedAfterHealth),
    ("adoption_decisions", journey.AdoptionDecision),
    ("adoptions", journey.Adoption),
    ("allocations", workforce.Allocation),
    ("agencies", partners.Agency),
    ("partner_members", partners.PartnerMember),
    ("sharings", partners.Sharing),
    ("story", story.StoryEntry),
    ("story_about", story.StoryEntry.about.through),
    ("handovers", handovers.Handover),
    ("plans", plans.Plan),
    ("plan_versions", plans.PlanVersion),
    ("plan_responses", plans.PlanResponse),
    ("goals", plans.Goal),
    ("actions", plans.Action),
    ("child_assessments", assessments.ChildAssessment),
    ("scaling_scores", assessments.ScalingScore),
    ("supervision_sessions", supervision.SupervisionSession),
    ("group_sessions", supervision.GroupSession),
    ("group_attendances", supervision.GroupAttendance),
    ("audit_rounds", quality.AuditRound),
    ("case_audits", quality.CaseAudit),
    ("audit_answers", quality.AuditAnswer),
    ("audit_moderations", quality.Moderation),
    ("family_views", quality.FamilyView),
    ("audit_actions", quality.AuditAction),
    ("observations", observations.Observation),
    ("observation_feedback", observations.ObservationFeedback),
    ("observation_responses", observations.ObservationResponse),
    ("pulse_rounds", pulse.PulseRound),
    ("pulse_participations", pulse.PulseParticipation),
    ("pulse_answers", pulse.PulseAnswer),
    ("training_completions", training.TrainingCompletion),
    ("complaints", complaints.Complaint),
    ("complaint_stages", complaints.Stage),
    ("complaint_learning", complaints.Learning),
    ("compliments", complaints.Compliment),
    ("family_feedback", portal.FamilyFeedback),
]


class SeedError(Exception):
    pass


@dataclass
class SeedResult:
    rows: dict[str, int]
    seconds: float
    local_authority: LocalAuthority

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


def database_is_empty() -> bool:
    return not (LocalAuthority.objects.exists() or people.Person.objects.exists() or get_user_model().objects.exists())


def demo_seed(*, size: str, seed: int, as_of: date | None = None, progress=None) -> SeedResult:
    """Fills an empty database with a synthetic local authority and marks it as a demo database.

    Raises SeedError if the database already holds anything: seeding never mixes with real records."""
    if size not in SIZES:
        raise SeedError(f"Size must be one of {', '.join(SIZES)}")
    if not database_is_empty():
        raise SeedError(NOT_EMPTY)
    as_of = as_of or date.today()
    began = time.perf_counter()
    say = progress or (lambda message: logger.info(message))
    say(f"Generating the {size} synthetic local authority (seed {seed}, as of {as_of})")
    generator = Generator(SIZES[size], seed, as_of)
    rows = generator.run()
    logins = choose_demo_logins(generator)
    write_case_audits(generator, logins)
    write_handovers(generator)
    portal_families = PortalFamilies(generator, logins)
    write_family_feedback(generator, portal_families)
    write_plan_responses(generator, portal_families)
    counts: dict[str, int] = {}
    say(f"Generated in {time.perf_counter() - began:.1f}s; writing")
    with transaction.atomic():
        local_authority = LocalAuthority.objects.create(
            id=1,
            name=f"{LA_NAME} Council",
            dfe_code=LA_DFE_CODE,
            child_population=SIZES[size].child_population,
            practice_model_name="Kestrel Vale Relational Practice",
            practice_model_go_live=generator.go_live,
            is_demo=True,
            demo_seed=seed,
            demo_size=size,
        )
        counts["users"] = _write_users(rows["users"] + logins.family_users)
        for name, model in TABLES:
            _insert(model, rows[name])
            counts[name] = len(rows[name])
        logins.link_family_users()
        _reset_sequences()
        _restrict_some_records(generator.as_of)
        audit_record(
            actor=None,
            actor_name="alongside seed",
            event=AuditEvent.DEMO_SEEDED,
            detail={"size": size, "seed": seed, "as_of": as_of.isoformat(), "rows": counts},
        )
    seconds = time.perf_counter() - began
    say(f"Wrote {sum(counts.values()):,} rows in {seconds:.1f}s")
    return SeedResult(rows=counts, seconds=seconds, local_authority=local_authority)


def _write_users(users: list[dict]) -> int:
    User = get_user_model()
    # One hash for every demo account: hashing ~1,000 passwords one by one would take minutes, and
    # these accounts exist only in a demo database, where the password is published anyway.
    password = make_password(DEMO_PASSWORD)
    now = timezone.now()
    # A family portal account made as the app makes one has no usable password: it brings its own.
    rows = [SimpleNamespace(**{"password": password, "date_joined": now, **fields}) for fields in users]
    _insert(User, rows)
    return len(users)


def _insert(model, rows: list, batch: int = 5000) -> None:
    """Inserts generator rows in the model's column order: COPY on PostgreSQL, batched executemany
    on SQLite. A field the generator leaves out takes the model's default; JSON is encoded here."""
    if not rows:
        return
    fields = [f for f in model._meta.concrete_fields]
    now = timezone.now()
    defaults = {}
    for field in fields:
        if getattr(field, "auto_now_add", False) or getattr(field, "auto_now", False):
            defaults[field.attname] = now
        elif field.has_default():
            defaults[field.attname] = field.get_default()
        elif field.null:
            defaults[field.attname] = None
        else:
            defaults[field.attname] = ""
    json_at = [i for i, f in enumerate(fields) if isinstance(f, models.JSONField)]
    named_defaults = [(f.attname, defaults[f.attname]) for f in fields]
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)

    def values(row):
        # One comprehension per row rather than a loop: a third faster on wide rows (the story's).
        data = row.__dict__
        out = [
            str(value) if (value := data.get(name, default)).__class__ is not str and isinstance(value, str) else value
            for name, default in named_defaults
        ]  # TextChoices members become plain strings, for every driver
        for i in json_at:
            out[i] = json.dumps(out[i])
        return out

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY is several times faster than batched INSERTs on PostgreSQL.
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(values(row))
            return
        placeholders = ", ".join(["%s"] * len(fields))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"
        for start in range(0, len(rows), batch):
            cursor.executemany(sql, [values(row) for row in rows[start : start + batch]])


def _restrict_some_records(as_of: date) -> None:
    """Two restricted records, made through the services (so audited), for the access rules to
    show: a child placed for adoption, and a child whose parent works for children's services."""
    from alongside.access.models import RestrictionKind
    from alongside.access.services import restricted_record_create
    from alongside.demo.models import DemoLogin
    from alongside.workforce.models import Allocation, StaffRole

    demo_children = set()
    for login in DemoLogin.objects.select_related("user"):
        staff = getattr(login.user, "staff", None)
        if staff is not None:
            demo_children |= set(Allocation.objects.filter(worker=staff).values_list("child_id", flat=True))
    heads = list(
        workforce.StaffMember.objects.filter(role=StaffRole.HEAD_OF_SERVICE, left_on__isnull=True)
        .select_related("user")
        .order_by("id")
    )
    open_allocations = (
        Allocation.objects.filter(ended_on__isnull=True)
        .exclude(child_id__in=demo_children)
        .select_related("child", "worker__user", "worker__manager__user")
        .order_by("id")
    )
    adoption = open_allocations.filter(
        child__care_episodes__placement_type__in=["A5", "A6"], child__care_episodes__ended_on__isnull=True
    ).first()
    staff_family = open_allocations.exclude(pk=getattr(adoption, "pk", None)).first()
    for allocation, kind, owner, reason in (
        (
            adoption,
            RestrictionKind.ADOPTION,
            heads[1 % len(heads)],
            "Placed for adoption: the birth family must not learn where the child lives.",
        ),
        (staff_family, RestrictionKind.STAFF_FAMILY, heads[0], "The child's parent works in children's services."),
    ):
        if allocation is None:
            continue
        named = [allocation.worker.user]
        if allocation.worker.manager is not None:
            named.append(allocation.worker.manager.user)
        restricted_record_create(actor=owner.user, child=allocation.child, kind=kind, reason=reason, named_users=named)


def _reset_sequences():
    """Rows were written with explicit ids; PostgreSQL's sequences must move past them."""
    models = [get_user_model()] + [model for _, model in TABLES]
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
