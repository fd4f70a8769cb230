"""Reads for case file audits: what each person has to do, and what a round found.

Findings roll up by theme: each question belongs to a theme (the child's voice, done with not to,
...), and a theme's figure is the share of graded answers that were good or better. Because the
themes, not the question wording, are compared, rounds set up under different versions of the
operating model can still be read side by side."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q

from alongside.quality.models import (
    AuditAction,
    AuditAnswer,
    AuditRound,
    AuditStatus,
    CaseAudit,
    FamilyView,
    FamilyViewHow,
    Moderation,
)

# Each list leaves out the children in `hidden` (access.access.hidden_child_ids): an audit of a child
# whose record was restricted after sampling is not listed, exactly as if it did not exist.


def audits_to_do(staff, hidden=frozenset()):
    return (
        CaseAudit.objects.filter(auditor=staff)
        .exclude(status=AuditStatus.SUBMITTED)
        .exclude(child_id__in=hidden)
        .select_related("round", "child", "worker")
        .order_by("round__due_on", "id")
    )


def audits_to_moderate(staff, hidden=frozenset()):
    return (
        CaseAudit.objects.filter(moderator=staff, status=AuditStatus.SUBMITTED, moderation__isnull=True)
        .exclude(child_id__in=hidden)
        .select_related("round", "child", "auditor")
        .order_by("round__due_on", "id")
    )


def audits_waiting_for_reflection(staff, hidden=frozenset()):
    return (
        CaseAudit.objects.filter(worker=staff, status=AuditStatus.SUBMITTED, reflected_at__isnull=True)
        .exclude(child_id__in=hidden)
        .select_related("round", "child", "auditor")
        .order_by("submitted_at")
    )


def audit_actions_open(staff, hidden=frozenset()):
    return (
        AuditAction.objects.filter(worker=staff, done_on__isnull=True)
        .exclude(audit__child_id__in=hidden)
        .select_related("audit__child", "audit__round")
        .order_by("due_on", "id")
    )


def family_views_waiting(person):
    """Questions the auditor asked this family member to answer in the portal."""
    return (
        FamilyView.objects.filter(person=person, how=FamilyViewHow.PORTAL, given_at__isnull=True)
        .select_related("audit__round", "audit__child")
        .order_by("asked_at")
    )


def audit_rounds():
    """Every round, newest first, with its progress counted in the same query."""
    return AuditRound.objects.annotate(
        audit_count=Count("audits"),
        submitted_count=Count("audits", filter=Q(audits__status=AuditStatus.SUBMITTED)),
        moderated_count=Count("audits__moderation"),
    ).order_by("-set_up_on", "-id")


def round_audits(audit_round: AuditRound, hidden=frozenset()):
    return (
        audit_round.audits.exclude(child_id__in=hidden)
        .select_related("child", "worker", "auditor", "moderator", "pod", "moderation")
        .prefetch_related("actions")
        .annotate(
            views_given=Count("family_views", filter=Q(family_views__given_at__isnull=False)),
            actions_open=Count("actions", filter=Q(actions__done_on__isnull=True)),
        )
        .order_by("pod__name", "child__last_name", "child__first_name")
    )


def final_grade(audit: CaseAudit) -> str:
    """The grade that counts: the moderator's where the audit was moderated, else the auditor's."""
    try:
        return audit.moderation.grade
    except Moderation.DoesNotExist:
        return audit.grade


@dataclass
class ThemeFigure:
    theme: str
    graded: int = 0
    good_or_better: int = 0

    @property
    def share(self) -> float | None:
        return self.good_or_better / self.graded if self.graded else None


@dataclass
class RoundFindings:
    audit_round: AuditRound
    submitted: int
    grades: list[tuple[str, str, int]]  # (code, label, audits with that final grade)
    good_or_better: int  # audits whose final grade is good or better
    themes: list[ThemeFigure]
    pods: list[tuple[str, int, list[ThemeFigure]]]  # (pod name, audits, themes)
    moderated: int
    moderation_changed: int
    family_views: int
    family_answers: dict[str, Counter] = field(default_factory=dict)  # question code -> Counter of answers

    @property
    def good_or_better_share(self) -> float | None:
        return self.good_or_better / self.submitted if self.submitted else None


def _themes_in(questions) -> list[str]:
    return list(dict.fromkeys(q["theme"] for q in questions))


def round_findings(audit_round: AuditRound) -> RoundFindings:
    """What a round found, from its submitted audits: the final grades, each theme's share of good
    or better answers overall and by pod, how often moderation changed a grade, and what families
    said. Four queries."""
    theme_of = {q["code"]: q["theme"] for q in audit_round.questions}
    good = {g["code"] for g in audit_round.grades if g["good_or_better"]}
    audits = list(audit_round.audits.filter(status=AuditStatus.SUBMITTED).select_related("pod").order_by("id"))
    moderations = {m.audit_id: m for m in Moderation.objects.filter(audit__round=audit_round)}
    answers = AuditAnswer.objects.filter(audit__round=audit_round, audit__status=AuditStatus.SUBMITTED).exclude(
        grade=""
    )
    pod_of = {a.id: (a.pod.name if a.pod else "No pod") for a in audits}
    overall: dict[str, ThemeFigure] = {t: ThemeFigure(t) for t in _themes_in(audit_round.questions)}
    by_pod: dict[str, dict[str, ThemeFigure]] = defaultdict(lambda: {t: ThemeFigure(t) for t in overall})
    for audit_id, question, grade in answers.values_list("audit_id", "question", "grade"):
        theme = theme_of.get(question)
        if theme is None or audit_id not in pod_of:
            continue
        for figure in (overall[theme], by_pod[pod_of[audit_id]][theme]):
            figure.graded += 1
            figure.good_or_better += grade in good
    finals = Counter(moderations[a.id].grade if a.id in moderations else a.grade for a in audits)
    audits_per_pod = Counter(pod_of.values())
    family = Counter()
    family_answers: dict[str, Counter] = {q["code"]: Counter() for q in audit_round.family_questions}
    for view_answers in FamilyView.objects.filter(audit__round=audit_round, given_at__isnull=False).values_list(
        "answers", flat=True
    ):
        family["given"] += 1
        for code, answer in (view_answers or {}).items():
            if code in family_answers:
                family_answers[code][answer] += 1
    return RoundFindings(
        audit_round=audit_round,
        submitted=len(audits),
        grades=[(g["code"], g["label"], finals.get(g["code"], 0)) for g in audit_round.grades],
        good_or_better=sum(count for code, count in finals.items() if code in good),
        themes=list(overall.values()),
        pods=[(name, audits_per_pod[name], list(by_pod[name].values())) for name in sorted(by_pod)],
        moderated=len(moderations),
        moderation_changed=sum(1 for m in moderations.values() if m.changed),
        family_views=family["given"],
        family_answers=family_answers,
    )


@dataclass
class ThemeAcrossRounds:
    theme: str
    shares: list[float | None]  # one per round, oldest first


def themes_across_rounds(rounds: list[AuditRound]) -> tuple[list[AuditRound], list[ThemeAcrossRounds]]:
    """Each theme's share of good or better answers in each round, oldest round first; a theme a
    round did not ask about shows as None."""
    rounds = sorted(rounds, key=lambda r: (r.set_up_on, r.id))
    figures = [{t.theme: t.share for t in round_findings(r).themes} for r in rounds]
    themes = list(dict.fromkeys(theme for r in rounds for theme in _themes_in(r.questions)))
    return rounds, [ThemeAcrossRounds(theme, [f.get(theme) for f in figures]) for theme in themes]


@dataclass
class QualityWork:
    """What a person has to do from case file audits, for their home page ("my work")."""

    actions: list
    to_reflect: list
    to_do: list
    to_moderate: list

    def __bool__(self) -> bool:
        return bool(self.actions or self.to_reflect or self.to_do or self.to_moderate)


def quality_work_for(staff, hidden=frozenset()) -> QualityWork:
    return QualityWork(
        actions=list(audit_actions_open(staff, hidden)),
        to_reflect=list(audits_waiting_for_reflection(staff, hidden)),
        to_do=list(audits_to_do(staff, hidden)),
        to_moderate=list(audits_to_moderate(staff, hidden)),
    )
