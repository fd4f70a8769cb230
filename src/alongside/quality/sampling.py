"""Which children a case file audit round looks at.

The population is every child with an open allocation on the day (an open case with a worker), never
a restricted record: those are only opened by the people named on them, and an audit is not a reason
to widen that. A random sample uses a stored seed, so the QA lead can show how it was drawn."""

import random
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django.db.models import Count

from alongside.access.models import RestrictedRecord
from alongside.journey.selectors import open_care_episodes, open_cin_episodes, open_cp_plans
from alongside.quality.models import SampleKind, Target
from alongside.workforce.models import Allocation
from alongside.workforce.selectors import open_allocations_on


@dataclass(frozen=True)
class Sampled:
    child_id: int
    worker_id: int
    pod_id: int | None


def _targeted_child_ids(target: str, on: date) -> set[int]:
    if target == Target.REPEAT_CP_PLAN:
        return set(open_cp_plans(on).filter(previous_plans__gte=1).values_list("episode__child_id", flat=True))
    if target == Target.LOOKED_AFTER:
        return set(open_care_episodes(on).values_list("child_id", flat=True))
    if target == Target.MANY_WORKERS:
        since = on - relativedelta(months=12)
        return set(
            Allocation.objects.filter(started_on__lte=on)
            .exclude(ended_on__lt=since)
            .values("child_id")
            .annotate(workers=Count("worker_id", distinct=True))
            .filter(workers__gte=3)
            .values_list("child_id", flat=True)
        )
    if target == Target.CHILD_IN_NEED_LONG:
        year_ago = on - relativedelta(years=1)
        return set(open_cin_episodes(on).filter(referral_date__lte=year_ago).values_list("child_id", flat=True)) - set(
            open_care_episodes(on).values_list("child_id", flat=True)
        )
    raise ValueError(f"Unknown target group {target!r}")


def audit_population(*, kind: str, on: date, pod_id: int | None = None, target: str = "") -> list[Sampled]:
    """Every child a round of this kind could audit, in a stable order (by child id)."""
    allocations = open_allocations_on(on).exclude(child_id__in=RestrictedRecord.objects.values("child_id"))
    if kind == SampleKind.POD:
        allocations = allocations.filter(pod_id=pod_id)
    rows = allocations.order_by("child_id").values_list("child_id", "worker_id", "pod_id")
    if kind == SampleKind.TARGETED:
        wanted = _targeted_child_ids(target, on)
        rows = [row for row in rows if row[0] in wanted]
    return [Sampled(*row) for row in rows]


def audit_sample(population: list[Sampled], *, size: int, seed: int) -> list[Sampled]:
    """A simple random sample without replacement; everyone when the population is no bigger."""
    if len(population) <= size:
        return list(population)
    return sorted(random.Random(seed).sample(population, size), key=lambda s: s.child_id)
