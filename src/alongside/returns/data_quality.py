"""Checks on open cases for what the statutory returns will need, so gaps are fixed in the record
weeks before the census rather than in a rush after it. Each check names the DfE rule it protects."""

from dataclasses import dataclass, field
from datetime import date

from dateutil.relativedelta import relativedelta
from django.db.models import Q

from alongside.journey.models import Assessment
from alongside.journey.selectors import open_cin_episodes
from alongside.people.models import Person


@dataclass
class DataQualityCheck:
    code: str
    title: str
    rule: str
    explanation: str
    children: list[Person] = field(default_factory=list)
    total: int = 0


SAMPLE = 25


def data_quality_checks(*, on: date, hidden_ids: set[int] = frozenset()) -> list[DataQualityCheck]:
    """Open child in need episodes (further action) whose child or episode lacks a field the CIN
    census or SSDA903 requires. Returns every check, with its count and the first children;
    restricted children the viewer may not see count but are not named."""
    open_children = open_cin_episodes(on).values("child_id")
    children = Person.objects.filter(id__in=open_children)
    # Children of compulsory school age on 31 August before `on` need a UPN or a reason (8770Q).
    school_year_start = date(on.year if on.month >= 9 else on.year - 1, 8, 31)
    school_age = Q(
        date_of_birth__lte=school_year_start - relativedelta(years=5),
        date_of_birth__gt=school_year_start - relativedelta(years=16),
    )
    checks = [
        (
            DataQualityCheck(
                "ethnicity",
                "Ethnicity not yet recorded",
                "CIN census 4220; SSDA903 103",
                "The child's ethnicity is 'information not yet obtained'. Ask the family and record it.",
            ),
            children.filter(ethnicity="NOBT"),
        ),
        (
            DataQualityCheck(
                "upn",
                "No UPN and no reason why",
                "CIN census 8770Q; SSDA903 442",
                "A school-age child needs their unique pupil number, or a UPN-unknown reason.",
            ),
            children.filter(school_age, upn="", upn_unknown=""),
        ),
        (
            DataQualityCheck(
                "disability",
                "Disability not recorded",
                "CIN census 8540",
                "Record the child's disabilities, or 'no disability'.",
            ),
            children.filter(disabilities=[]),
        ),
        (
            DataQualityCheck(
                "sex",
                "Sex not recorded for a born child",
                "CIN census 4180 and 8750",
                "'Not known' is only for an unborn child. Record the child's sex.",
            ),
            children.filter(sex="U", date_of_birth__isnull=False),
        ),
        (
            DataQualityCheck(
                "primary_need",
                "No primary need on an open referral",
                "CIN census 8610",
                "A referral that goes further than 'no further action' needs a primary need code.",
            ),
            Person.objects.filter(id__in=open_cin_episodes(on).filter(primary_need="").values("child_id")),
        ),
        (
            DataQualityCheck(
                "factors",
                "Completed assessment with no factors",
                "CIN census 8897Q",
                "An authorised assessment needs the factors identified, or 'no factors identified'.",
            ),
            Person.objects.filter(
                id__in=Assessment.objects.filter(
                    episode__in=open_cin_episodes(on), authorised_on__isnull=False, factors=[]
                ).values("episode__child_id")
            ),
        ),
    ]
    results = []
    for check, queryset in checks:
        check.total = queryset.count()
        check.children = list(queryset.exclude(id__in=hidden_ids).order_by("last_name", "first_name", "id")[:SAMPLE])
        results.append(check)
    return results
