"""Every URL the project has x every kind of user x every relationship to the child in the URL.

The URLs come from Django's resolver, not a list: a new view with no declared access rule fails
`test_every_view_declares_an_access_rule`, and a new rule kind with no oracle below fails its
matrix test. The oracle is written from the rules in issue #4, independently of access/*.py.
Each case runs inside a savepoint that is rolled back, so cases do not affect each other, and
checks both the response and the exact audit rows the request added.
"""

from collections import Counter
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from alongside.access.declare import Rule
from alongside.access.models import AccessReview, AuditEntry, AuditEvent
from alongside.quality.models import CaseAudit
from alongside.testing.world import build_world

USERS = [
    "anonymous",
    "worker",
    "pod_colleague",
    "team_colleague",
    "manager",
    "head_of_service",
    "other_team_worker",
    "data_officer",
    "protection_officer",
    "quality_lead",
    "parent",
    "young_person",
    "partner",
    "other_partner",
    "leaver",
]
STAFF = {
    "worker",
    "pod_colleague",
    "team_colleague",
    "manager",
    "head_of_service",
    "other_team_worker",
    "data_officer",
    "protection_officer",
    "quality_lead",
}
TARGETS = ["child", "sibling", "other_child", "restricted_child", "missing"]
# Who has a working relationship with each child in the world (issue #4's rules, by hand):
# Amy (child) and Mels (sibling): allocated to the worker, in the Oakfield pod (pod colleague,
# manager), the team (team colleague), the manager line (head of service); service-wide roles.
# John (other_child): allocated to the other team's worker, who has no manager; service-wide roles.
WORKING = {
    "child": {
        "worker",
        "pod_colleague",
        "manager",
        "team_colleague",
        "head_of_service",
        "data_officer",
        "protection_officer",
        "quality_lead",
    },
    "sibling": {
        "worker",
        "pod_colleague",
        "manager",
        "team_colleague",
        "head_of_service",
        "data_officer",
        "protection_officer",
        "quality_lead",
    },
    "other_child": {"other_team_worker", "data_officer", "protection_officer", "quality_lead"},
}
RESTRICTED_NAMED = {"other_team_worker", "head_of_service"}  # named user, and the owner
CHILD_MANAGERS = {
    "child": {"manager", "head_of_service"},
    "sibling": {"manager", "head_of_service"},
    "other_child": set(),
}
AUDIT_READERS = {"protection_officer"}
# Who may correct the details the returns read: the child's worker, the worker's manager line and
# data officers, among those who may open the child (for Clara, restricted: her worker, who is named).
RETURNS_CORRECTORS = {
    "child": {"worker", "manager", "head_of_service", "data_officer"},
    "sibling": {"worker", "manager", "head_of_service", "data_officer"},
    "other_child": {"other_team_worker", "data_officer"},
    "restricted_child": {"other_team_worker"},
}
BREAK_GLASS_ROLES = {"manager", "head_of_service"}
QUERY = {"people:search": {"name": "Amy Pond"}}
POST_DATA = {
    "access:decide_review": {"decision": "keep"},
    "logout": {},
    "story:autosave": {},
    "assessments:autosave": {},
    "plans:autosave": {},
    "workforce:allocate": {},
    "supervision:new": {},
    "supervision:group_new": {},
    "assessments:sign_off": {},
    "plans:family_view": {},
    "plans:review": {},
    "partners:update_action": {},
    "set_language": {"language": "pl", "next": "/"},
    "quality:audit_moderate": {},
    "quality:audit_reflect": {},
    "quality:audit_action_done": {},
    "insight:refresh": {},
}
# What opening each child page adds to the audit trail when allowed.
CHILD_PAGE_AUDIT = {
    "people:child": [AuditEvent.CHILD_VIEWED],
    "people:returns_details": [AuditEvent.CHILD_VIEWED],
    "people:returns_correction": [AuditEvent.CHILD_VIEWED],
    "story:story": [AuditEvent.STORY_VIEWED],
    "story:print": [AuditEvent.STORY_PRINTED],
    "plans:plan": [AuditEvent.PLAN_VIEWED],
    "handovers:handover": [AuditEvent.HANDOVER_VIEWED],
    "portal:plan": [AuditEvent.PLAN_VIEWED],
    "partners:child": [AuditEvent.CHILD_VIEWED],
    "partners:update_action": [AuditEvent.CHILD_VIEWED],
}
# The family portal: Tabetha is the mother of Amy (child) and Mels (sibling); River (the young
# person) is in another family and is none of the matrix's targets. Leadworth Primary (partner)
# has Amy shared today; its sharing of Mels has ended.
FAMILY_USERS = {"parent", "young_person"}
FAMILY_CHILDREN = {"parent": {"child", "sibling"}, "young_person": set()}
PARTNER_USERS = {"partner", "other_partner"}
PARTNER_CHILDREN = {"partner": {"child"}, "other_partner": set()}
FRONT_DOOR_USERS = {"head_of_service"}  # no one in the world works at the front door itself
# Quality assurance (issue #8). Rounds, pulse results and training coverage: the quality lead, heads
# of service and team managers (a principal social worker too; the world has none).
QUALITY_USERS = {"quality_lead", "head_of_service", "manager"}
COMPLAINTS_USERS = {"quality_lead", "head_of_service"}
# The matrix's case file audit is of Amy: the team colleague audits, the quality lead moderates;
# Amy's worker reflects, and the worker's manager line follows the actions.
CASE_AUDIT_USERS = {"team_colleague", "quality_lead", "worker", "manager", "head_of_service"}
# The matrix's practice observation: the manager observed the worker.
OBSERVATION_USERS = {"manager", "worker", "head_of_service"}
# What opening each quality page adds to the audit trail when allowed (pages about a child).
QUALITY_PAGE_AUDIT: dict[str, list] = {
    "observations:observation": [AuditEvent.OBSERVATION_VIEWED],
    "quality:audit": [AuditEvent.CASE_AUDIT_VIEWED],
    "complaints:complaint": [AuditEvent.COMPLAINT_VIEWED],
}
# The impact and fidelity figures: those who lead the service; the matrix takes a snapshot first.
RETURNS_USERS = {"head_of_service", "data_officer"}
RETURNS_PAGE_AUDIT = {
    "returns:run": [AuditEvent.RETURN_VIEWED],
    "returns:download": [AuditEvent.RETURN_DOWNLOADED],
}
INSIGHT_USERS = {"head_of_service", "quality_lead", "data_officer"}
INSIGHT_PAGE_AUDIT = {
    "insight:dashboard": [AuditEvent.INSIGHT_VIEWED],
    "insight:figure": [AuditEvent.INSIGHT_VIEWED],
    "insight:figure_csv": [AuditEvent.FIGURES_DOWNLOADED],
    "insight:refresh": [AuditEvent.SNAPSHOT_TAKEN],
}
ENTRY_PAGE_AUDIT = {"story:entry": [AuditEvent.STORY_VIEWED], "story:document": [AuditEvent.DOCUMENT_DOWNLOADED]}
# Pages that only act on a child the user can already open: no reason is asked there, just refused.
NO_REASON_ASKED = {"story:autosave", "assessments:autosave", "plans:autosave"}

# Outcomes.
OK, LOGIN, NOT_FOUND, NO_ACCESS, REASON = "ok", "sign in", "not found", "no access", "asks for a reason"


def expected(rule: Rule, user: str, target: str | None, endpoint: str = "") -> tuple[str, list[str]]:
    """(outcome, audit events added) for one case."""
    staff = user in STAFF
    if rule == Rule.PUBLIC:
        if target == "logout":  # signing out ends at the sign-in page, and is audited if signed in
            return LOGIN, ([AuditEvent.SIGNED_OUT] if user != "anonymous" else [])
        return OK, []
    if rule == Rule.SINGLE_SIGN_ON:  # not configured in the test settings: the pages do not exist
        return NOT_FOUND, []
    if user == "anonymous":
        return LOGIN, []
    if rule == Rule.SIGNED_IN:
        return (NOT_FOUND if user == "leaver" else OK), []
    if rule == Rule.STAFF:
        return (OK, [AuditEvent.PERSON_SEARCHED] if target == "people:search" else []) if staff else (NOT_FOUND, [])
    if rule == Rule.BREAK_GLASS:
        return (OK if user in BREAK_GLASS_ROLES else NOT_FOUND), []
    if rule == Rule.ASSESSMENT_SIGN_OFF:  # the worker's assessment of Amy: their manager and theirs
        return (OK, [AuditEvent.ASSESSMENT_SIGNED_OFF]) if user in ("manager", "head_of_service") else (NOT_FOUND, [])
    if rule == Rule.REVIEWER:
        return (OK, [AuditEvent.ACCESS_REVIEWED]) if user == "manager" else (NOT_FOUND, [])
    if rule == Rule.FAMILY:
        if user not in FAMILY_USERS:
            return NOT_FOUND, []
        # Reading the story is audited once for each child the family member sees.
        return OK, ([AuditEvent.STORY_VIEWED] * (2 if user == "parent" else 1) if endpoint == "portal:story" else [])
    if rule == Rule.YOUNG_PERSON:
        return (OK if user == "young_person" else NOT_FOUND), []
    if rule == Rule.FAMILY_CHILD:
        if target in FAMILY_CHILDREN.get(user, set()):
            return OK, CHILD_PAGE_AUDIT.get(endpoint, [])
        return NOT_FOUND, []
    if rule == Rule.PARTNER:
        return (OK if user in PARTNER_USERS else NOT_FOUND), []
    if rule == Rule.PARTNER_CHILD:
        if target in PARTNER_CHILDREN.get(user, set()):
            return OK, CHILD_PAGE_AUDIT.get(endpoint, [])
        return NOT_FOUND, []
    if rule == Rule.FRONT_DOOR:
        return (OK if user in FRONT_DOOR_USERS else NOT_FOUND), []
    if rule == Rule.QUALITY:
        return (OK if user in QUALITY_USERS else NOT_FOUND), []
    if rule == Rule.RETURNS:
        return (OK, RETURNS_PAGE_AUDIT.get(endpoint, [])) if user in RETURNS_USERS else (NOT_FOUND, [])
    if rule == Rule.INSIGHT:
        return (OK, INSIGHT_PAGE_AUDIT.get(endpoint, [])) if user in INSIGHT_USERS else (NOT_FOUND, [])
    if rule == Rule.COMPLAINTS:
        return (OK, QUALITY_PAGE_AUDIT.get(endpoint, [])) if user in COMPLAINTS_USERS else (NOT_FOUND, [])
    if rule == Rule.CASE_AUDIT:
        return (OK, QUALITY_PAGE_AUDIT.get(endpoint, [])) if user in CASE_AUDIT_USERS else (NOT_FOUND, [])
    if rule == Rule.OBSERVATION:
        return (OK, QUALITY_PAGE_AUDIT.get(endpoint, [])) if user in OBSERVATION_USERS else (NOT_FOUND, [])
    if not staff or target == "missing":
        return NOT_FOUND, []
    if endpoint == "story:reply":
        # Staff reply only to the family's own words; the matrix's entries are staff case notes.
        return NOT_FOUND, (
            [AuditEvent.RESTRICTED_REFUSED] if target == "restricted_child" and user not in RESTRICTED_NAMED else []
        )
    if rule == Rule.DATA_PROTECTION:
        return (OK if user == "protection_officer" else NOT_FOUND), []
    if rule == Rule.CHILD:
        allowed_audit = CHILD_PAGE_AUDIT.get(endpoint, [])
        if endpoint == "assessments:assessment" and target == "child":
            allowed_audit = [AuditEvent.ASSESSMENT_VIEWED]  # only Amy has an assessment to view
        if target == "restricted_child":
            if user in RESTRICTED_NAMED:
                return OK, allowed_audit
            return NOT_FOUND, [AuditEvent.RESTRICTED_REFUSED]
        if user in WORKING[target]:
            return OK, allowed_audit
        return (NOT_FOUND if endpoint in NO_REASON_ASKED else REASON), []
    if rule in (Rule.STORY_ENTRY, Rule.STORY_DOCUMENT):
        # An entry (or its document) about this child: seen by those who may open the child; never
        # a reason page, as the story page has already asked for one.
        allowed_audit = ENTRY_PAGE_AUDIT.get(endpoint, [])
        if target == "restricted_child":
            if user in RESTRICTED_NAMED:
                return OK, allowed_audit
            return NOT_FOUND, [AuditEvent.RESTRICTED_REFUSED]
        return (OK, allowed_audit) if user in WORKING[target] else (NOT_FOUND, [])
    if rule == Rule.RETURNS_CORRECTION:
        # The matrix corrects the child's own details. Staff who may see them but not change them
        # (colleagues, or anyone who would need a reason) are refused, not told it is missing.
        if target == "restricted_child" and user not in RESTRICTED_NAMED:
            return NOT_FOUND, [AuditEvent.RESTRICTED_REFUSED]
        if user in RETURNS_CORRECTORS[target]:
            return OK, CHILD_PAGE_AUDIT[endpoint]
        return NO_ACCESS, []
    if rule == Rule.SUPERVISION:  # the matrix's session: the manager supervising the worker
        return (OK if user in ("manager", "worker") else NOT_FOUND), []
    if rule == Rule.ALLOCATE:
        # The manager line of the child's worker; a refused restricted record is audited as ever.
        if target == "restricted_child":
            return NOT_FOUND, ([] if user in RESTRICTED_NAMED else [AuditEvent.RESTRICTED_REFUSED])
        return (OK if user in CHILD_MANAGERS[target] else NOT_FOUND), []
    if rule == Rule.CHILD_REASON:
        return (NOT_FOUND if target == "restricted_child" else OK), []
    if rule == Rule.CHILD_AUDIT:
        if target == "restricted_child":
            allowed = user == "head_of_service"  # the owner; audit readers must be named too
        else:
            allowed = user in CHILD_MANAGERS[target] | AUDIT_READERS
        return (OK, [AuditEvent.AUDIT_VIEWED]) if allowed else (NOT_FOUND, [])
    raise AssertionError(f"No oracle for rule {rule}: add one to this test")


@dataclass
class Endpoint:
    name: str
    route: str
    callback: object

    @property
    def rule(self):
        view_class = getattr(self.callback, "view_class", None)
        return getattr(self.callback, "access_rule", None) or getattr(view_class, "access_rule", None)


def endpoints(patterns=None, prefix="", namespace=""):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from endpoints(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield Endpoint(f"{namespace}{pattern.name}", prefix + str(pattern.pattern), pattern.callback)


ENDPOINTS = list(endpoints())


def test_every_view_declares_an_access_rule():
    missing = [e.route for e in ENDPOINTS if e.rule is None]
    assert not missing, f"Views without @access_rule: {missing}"


def outcome(response) -> str:
    if response.status_code == 404:
        return NOT_FOUND
    if response.status_code == 403:
        return NO_ACCESS
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith("/sign-in/"):
            return LOGIN
        if location.endswith("/open/"):
            return REASON
        return OK
    if response.status_code == 200:
        return OK
    return f"status {response.status_code}"


def url_for(endpoint: Endpoint, world, target: str, review_id: int, entries: dict, documents: dict) -> str:
    ids = {
        "child": world.child.id,
        "sibling": world.sibling.id,
        "other_child": world.other_child.id,
        "restricted_child": world.restricted_child.id,
        "missing": 999_999,
    }
    route = endpoint.route.replace("^", "").replace("$", "")
    for converter in ("<int:child_id>", "<int:person_id>"):
        route = route.replace(converter, str(ids[target]))
    route = route.replace("<int:entry_id>", str(entries.get(target, 999_999)))
    route = route.replace("<int:document_id>", str(documents.get(target, 999_999)))
    route = route.replace("<str:kind>", "home_visit")
    route = route.replace("<str:plan_kind>", "cin")
    route = route.replace("<int:review_id>", str(review_id))
    route = route.replace("<int:assessment_id>", str(entries["assessment"]))
    route = route.replace("<int:session_id>", str(entries["supervision"]))
    route = route.replace("<int:observation_id>", str(entries["observation"]))
    route = route.replace("<int:round_id>", str(entries["audit_round"]))
    route = route.replace("<int:audit_id>", str(entries["case_audit"]))
    route = route.replace("<int:complaint_id>", str(entries["complaint"]))
    route = route.replace("<str:token>", "not-a-real-link")
    route = route.replace("<slug:code>", "workers_per_child")
    route = route.replace("<int:run_id>", str(entries["return_run"]))
    route = route.replace("<int:file_id>", str(entries["return_file"]))
    # Correcting the details for returns: the child's own details (kind "child", the child's id).
    route = route.replace("<slug:kind>", "child")
    route = route.replace("<int:object_id>", str(ids[target]))
    assert "<" not in route, f"{endpoint.route}: the matrix does not know this URL's parameter; add it"
    return "/" + route


def story_for_matrix(world):
    """A finished story entry, with a document, about each child in the world."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from alongside.story.models import StoryDocument, StoryEntry

    entries, documents = {}, {}
    authors = {
        "child": world.worker,
        "sibling": world.worker,
        "other_child": world.other_team_worker,
        "restricted_child": world.other_team_worker,
    }
    for target, author in authors.items():
        child = getattr(world, target)
        entry = StoryEntry.objects.create(
            network=child.memberships.get().network,
            kind="case_note",
            status="final",
            author=author.user,
            occurred_at=timezone.now(),
            finalised_at=timezone.now(),
            summary=f"Note about {child.first_name}",
        )
        entry.about.set([child])
        document = StoryDocument(
            entry=entry,
            original_name="note.txt",
            content_type="text/plain",
            size=5,
            sha256="0" * 64,
            scan_result="test",
        )
        document.file.save("upload", ContentFile(b"hello"), save=False)
        document.save()
        entries[target], documents[target] = entry.id, document.id
    entries["assessment"] = submitted_assessment(world).id
    entries["supervision"] = supervision_session(world).id
    entries["observation"] = practice_observation(world).id
    entries["case_audit"] = case_audit(world).id
    entries["audit_round"] = CaseAudit.objects.get(pk=entries["case_audit"]).round_id
    entries["complaint"] = complaint_about_amy(world).id
    return entries, documents


def case_audit(world):
    """A round with one audit, of Amy: the team colleague audits, the quality lead moderates."""
    from alongside.quality.services import RoundInput, audit_round_set_up

    audit_round = audit_round_set_up(
        actor=world.quality_lead.user,
        data=RoundInput(
            name="Matrix round",
            sample_kind="pod",
            pod=world.worker.pod,
            sample_size=2,  # Amy and Mels: the pod's open cases
            due_on=world.child.date_of_birth.replace(year=2100),
            auditors=[world.team_colleague],
            moderators=[world.quality_lead],
        ),
        on=__import__("django.utils.timezone").utils.timezone.localdate(),
        seed=1,
    )
    return audit_round.audits.get(child=world.child)


def complaint_about_amy(world):
    """Tabetha's complaint about Amy, answered in her portal account: complaints officers only."""
    from alongside.complaints.services import ComplaintInput, complaint_record

    return complaint_record(
        actor=world.quality_lead.user,
        data=ComplaintInput(
            received_on=world.child.date_of_birth,
            how_received="portal",
            made_by_name="Tabetha Pond",
            made_by_relationship="parent_carer",
            made_by=world.parent,
            child=world.child,
            about="Nobody called back",
            reply_by="portal",
        ),
    )


def practice_observation(world):
    """The manager observed the worker's visit to Amy, with Tabetha's agreement."""
    from alongside.observations.models import Observation

    return Observation.objects.create(
        observer=world.manager,
        worker=world.worker,
        pod=world.worker.pod,
        child=world.child,
        observed_on=world.child.date_of_birth,
        practice="home_visit",
        consent_by=world.parent,
        consent_how="verbal",
        consent_on=world.child.date_of_birth,
        went_well="Warm and clear",
        even_better_if="Amy seen alone",
        recorded_by=world.manager.user,
    )


def supervision_session(world):
    """The manager's one-to-one with the worker: only those two may open it."""
    from alongside.supervision.models import SupervisionSession

    return SupervisionSession.objects.create(
        supervisor=world.manager,
        supervisee=world.worker,
        held_on=world.child.date_of_birth,
        reflective_notes="Private",
        recorded_by=world.manager.user,
    )


def submitted_assessment(world):
    """The worker's completed assessment of Amy, waiting for sign-off."""
    from alongside.assessments.models import AssessmentStatus, ChildAssessment
    from alongside.journey.models import Assessment

    dfe = Assessment.objects.create(episode=world.child.cin_episodes.get(), started_on=world.child.date_of_birth)
    return ChildAssessment.objects.create(
        child=world.child,
        dfe=dfe,
        author=world.worker.user,
        started_on=dfe.started_on,
        status=AssessmentStatus.SUBMITTED,
        completed_on=dfe.started_on,
        factors=["21"],
        decision="cin",
    )


def returns_for_matrix():
    """A census already produced, with its file, for the pages that show and download it."""
    from alongside.returns.models import ReturnFile, ReturnRun, RunStatus

    run = ReturnRun.objects.create(kind="cin", year=2026, status=RunStatus.DONE, progress=1)
    file = ReturnFile.objects.create(run=run, name="cin-census-2026-999.xml", content=b"<Message/>", size=10)
    return {"return_run": run.id, "return_file": file.id}


def figures_for_matrix(settings, tmp_path):
    """A snapshot of the matrix's world, in a data directory of the test's own."""
    from datetime import date

    from alongside.insight.store import take_snapshot
    from alongside.practice_model.models import LocalAuthority

    settings.DATA_DIR = tmp_path
    LocalAuthority.objects.create(
        id=1, name="Matrix", dfe_code="999", child_population=1000, practice_model_go_live=date(2024, 4, 1)
    )
    take_snapshot()


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=[e.name for e in ENDPOINTS])
def test_access_matrix(endpoint, db, record_property, settings, tmp_path):
    world = build_world(today=__import__("django.utils.timezone").utils.timezone.localdate())
    if endpoint.name.startswith("insight:"):
        figures_for_matrix(settings, tmp_path)
    review = AccessReview.objects.create(
        staff_user=world.team_colleague.user, child=world.restricted_child, reviewer=world.manager.user
    )
    clients = {"anonymous": Client()}
    for user in USERS[1:]:
        clients[user] = Client()
        clients[user].force_login(getattr(world, user).user)
    entries, documents = story_for_matrix(world)
    entries.update(returns_for_matrix())
    kwargs = ("child_id", "person_id", "entry_id", "document_id")
    has_target = any(f"<int:{name}>" in endpoint.route for name in kwargs)
    targets = TARGETS if has_target else [None]
    failures, cases = [], 0
    for user in USERS:
        for target in targets:
            url = url_for(endpoint, world, target or "missing", review.id, entries, documents)
            want, want_audit = expected(endpoint.rule, user, target or endpoint.name, endpoint.name)
            with transaction.atomic():
                before = AuditEntry.objects.count()
                if endpoint.name in POST_DATA:
                    response = clients[user].post(url, POST_DATA[endpoint.name])
                else:
                    response = clients[user].get(url, QUERY.get(endpoint.name, {}))
                added = list(AuditEntry.objects.order_by("id").values_list("event", flat=True)[before:])
                transaction.set_rollback(True)
            cases += 1
            got = outcome(response)
            if got != want or Counter(added) != Counter(want_audit):
                failures.append(f"{user} -> {url}: expected {want} {want_audit}, got {got} {added}")
            if got == NOT_FOUND:
                assert "Page not found" in response.content.decode(), "a 404 must be the GOV.UK not found page"
            if got == NO_ACCESS:
                assert "You do not have permission" in response.content.decode()
    record_property("cases", cases)
    assert not failures, "\n".join(failures)


def test_a_view_without_a_declared_rule_is_caught():
    """Guards the guard: an undeclared view in any URLconf is reported."""
    from django.urls import include, path

    def undeclared(request):
        raise NotImplementedError

    found = list(endpoints([path("extra/", include(([path("page/", undeclared, name="page")], "extra")))]))
    assert [(e.name, e.route, e.rule) for e in found] == [("extra:page", "extra/page/", None)]
