"""The snapshot's schema: every table, every column, its type and what it means.

This is the contract between the record and the metric SQL. `alongside snapshot` writes exactly these
columns (snapshot.py checks), the metric SQL reads only these, and docs/insight-snapshot.md is made
from this module (`alongside snapshot --schema-doc`; a test keeps the two the same).

Ids are pseudonyms (pseudonyms.py): stable between snapshots of the same LA, different between LAs,
and not reversible without the LA's key. No names, addresses, dates of birth or free text leave the
record: the snapshot holds what the figures need and nothing more. Every table starts with `la_code`
so that several LAs' snapshots can be read together (regional pooling)."""

from dataclasses import dataclass

import pyarrow as pa

TYPES = {"string": pa.string(), "date": pa.date32(), "int": pa.int64(), "bool": pa.bool_(), "float": pa.float64()}


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a key of TYPES
    meaning: str


@dataclass(frozen=True)
class Table:
    name: str
    meaning: str
    columns: tuple[Column, ...]

    @property
    def arrow_schema(self) -> pa.Schema:
        return pa.schema([pa.field(c.name, TYPES[c.type]) for c in self.columns])

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


LA = Column("la_code", "string", "The DfE three-digit LA number; the same in every row of one LA's snapshot.")


def _table(name: str, meaning: str, *columns: tuple[str, str, str]) -> Table:
    return Table(name, meaning, (LA, *(Column(*c) for c in columns)))


TABLES: dict[str, Table] = {
    t.name: t
    for t in [
        _table(
            "la",
            "The local authority: one row.",
            ("la_name", "string", "The council's name."),
            (
                "child_population",
                "int",
                "Children aged 0-17 (ONS mid-year estimate): the denominator of rates per 10,000.",
            ),
            ("go_live", "date", "The day the practice model started (null if not recorded)."),
            ("snapshot_on", "date", "The day the snapshot was taken."),
            ("model_version", "int", "The operating model version in force when the snapshot was taken."),
        ),
        _table(
            "month",
            "One row per complete calendar month covered by the snapshot, oldest first. Metrics report by these "
            "months; the dates are here so that the SQL needs no date arithmetic that differs between engines.",
            ("month_start", "date", "The first day of the month."),
            ("month_end", "date", "The last day of the month."),
            (
                "year_before_start",
                "date",
                "The day after the same date a year before month_end: the start of the "
                "12 months ending with month_end.",
            ),
            ("working_days", "int", "English working days in the month (weekends and bank holidays excluded)."),
            ("after_go_live", "bool", "True when the month starts on or after the month of go-live."),
        ),
        _table(
            "pod",
            "Pods (small teams) and the teams they sit in. Pods are units, not people, so their names are kept.",
            ("pod_id", "string", "Pseudonymous pod id."),
            ("pod_name", "string", "The pod's name."),
            ("team_name", "string", "The team the pod belongs to."),
            (
                "service",
                "string",
                "The team's service: front_door, assessment, family_safeguarding, children_in_care, "
                "care_leavers, early_help, disabled_children, leadership.",
            ),
        ),
        _table(
            "staff",
            "Staff members, past and present. No names.",
            ("staff_id", "string", "Pseudonymous staff id."),
            (
                "role",
                "string",
                "Role code (social_worker, senior_social_worker, nqsw, team_manager, personal_adviser, "
                "early_help_worker, business_support, head_of_service, ...).",
            ),
            ("case_holding", "bool", "True for roles that hold cases."),
            (
                "pod_id",
                "string",
                "The pod the staff member is in now (or was in when they left); null if none. The "
                "record keeps only the current pod.",
            ),
            ("employment", "string", "permanent or agency."),
            ("started_on", "date", "First day in post."),
            ("left_on", "date", "Last day in post; null while in post."),
        ),
        _table(
            "model_pod_role",
            "The operating model's pod: how many of each role a pod should have (operating_model.yaml pods.roles).",
            ("role", "string", "Role code."),
            ("per_pod", "int", "Posts of this role in one pod."),
        ),
        _table(
            "standard",
            "The operating model's standards per role: supervision frequency and caseload cap. Null where the model "
            "sets none for the role.",
            ("role", "string", "Role code."),
            ("supervision_every_working_days", "int", "One-to-one supervision due every this many working days."),
            ("caseload_cap", "float", "The weighted caseload cap."),
        ),
        _table(
            "caseload_weight",
            "The operating model's caseload weights by what is open for a child (operating_model.yaml caseloads).",
            (
                "involvement",
                "string",
                "early_help, child_in_need, child_protection, looked_after, care_leaver or "
                "proceedings_extra (added for a child in care proceedings, an interim care order).",
            ),
            ("weight", "float", "The weight."),
        ),
        _table(
            "child",
            "Children the service has known. Only what figures need: no name, no full date of birth.",
            ("child_id", "string", "Pseudonymous child id."),
            ("sex", "string", "DfE gender code (1 male, 2 female, 0 not known, 9 not stated) or blank."),
            ("ethnicity", "string", "DfE ethnicity code or blank."),
            ("birth_month", "date", "The first day of the month of birth (or expected birth); null if unknown."),
            ("disabled", "bool", "True when one or more disabilities are recorded."),
        ),
        _table(
            "allocation",
            "Which worker and pod held a child, over what dates. A change of worker is a new row.",
            ("allocation_id", "string", "Pseudonymous allocation id."),
            ("child_id", "string", "The child."),
            ("staff_id", "string", "The allocated worker."),
            ("pod_id", "string", "The pod the child was held in."),
            ("started_on", "date", "First day of the allocation."),
            ("ended_on", "date", "Last day; null while open."),
            (
                "reason",
                "string",
                "Why it started: new_referral (first worker), care_leaver, or a change of worker: "
                "stepped_up, stepped_down, transfer, worker_left, caseload, conflict, family_request, long_absence.",
            ),
            ("end_reason", "string", "worker_changed, case_closed, or blank while open."),
        ),
        _table(
            "handover",
            "One row per change of worker that opened a handover (handovers/).",
            ("handover_id", "string", "Pseudonymous handover id."),
            ("child_id", "string", "The child."),
            ("allocation_id", "string", "The new worker's allocation."),
            ("from_staff_id", "string", "The worker handing over (null if they had left)."),
            ("to_staff_id", "string", "The new worker."),
            ("opened_on", "date", "When the change of worker happened."),
            ("has_summary", "bool", "The outgoing worker (or manager) wrote the handover summary."),
            ("has_family_message", "bool", "The family's message to the new worker is recorded."),
            ("has_joint_visit", "bool", "A joint visit by both workers is linked."),
            ("incomplete_reason_given", "bool", "A manager closed the handover as incomplete, with a reason."),
            ("completed_on", "date", "When the handover was complete or closed; null while open."),
        ),
        _table(
            "early_help",
            "Early help episodes.",
            ("episode_id", "string", "Pseudonymous episode id."),
            ("child_id", "string", "The child."),
            ("started_on", "date", "Start."),
            ("ended_on", "date", "End; null while open."),
        ),
        _table(
            "referral",
            "Referrals to children's social care: each starts a CIN episode (CIN census definitions).",
            ("referral_id", "string", "Pseudonymous referral (CIN episode) id."),
            ("child_id", "string", "The child."),
            ("referral_date", "date", "CIN census N00100 referral date."),
            ("source", "string", "Referral source code (N00152)."),
            ("primary_need", "string", "Primary need code (N00101), blank until assessed."),
            ("nfa", "bool", "Referral led to no further action (N00112)."),
            ("closure_date", "date", "CIN closure date (N00102); null while open."),
            ("closure_reason", "string", "Reason for closure code (N00103) or blank."),
        ),
        _table(
            "assessment",
            "Child and family assessments (the DfE assessment, with our strength-based assessment where written).",
            ("assessment_id", "string", "Pseudonymous assessment id."),
            ("referral_id", "string", "The CIN episode."),
            ("child_id", "string", "The child."),
            ("started_on", "date", "Assessment start (N00159)."),
            ("authorised_on", "date", "Assessment authorised (N00160); null while open."),
            (
                "due_on",
                "date",
                "45 working days after the referral date (Working Together 2023), on the English working-day calendar.",
            ),
            ("child_view_recorded", "bool", "The assessment records the child's view in their words."),
            ("child_view_not_gained_reason", "bool", "The assessment says why the child's view was not gained."),
        ),
        _table(
            "section47",
            "Section 47 enquiries.",
            ("s47_id", "string", "Pseudonymous enquiry id."),
            ("referral_id", "string", "The CIN episode."),
            ("child_id", "string", "The child."),
            ("started_on", "date", "Enquiry start (N00148)."),
            ("icpc_due_on", "date", "The ICPC is due 15 working days after the strategy discussion (N00109)."),
            ("icpc_date", "date", "Date of the initial child protection conference (N00110); null if none yet."),
            ("icpc_not_required", "bool", "The enquiry ended without the need for a conference."),
        ),
        _table(
            "cp_plan",
            "Child protection plans.",
            ("cp_plan_id", "string", "Pseudonymous plan id."),
            ("referral_id", "string", "The CIN episode."),
            ("child_id", "string", "The child."),
            ("started_on", "date", "Plan start (N00105)."),
            ("ended_on", "date", "Plan end (N00115); null while open."),
            ("initial_category", "string", "Initial category of abuse (N00113)."),
            (
                "previous_plans",
                "int",
                "Number of previous CP plans for this child (N00106 counts a second or later "
                "plan when this is 1 or more).",
            ),
        ),
        _table(
            "cin_plan",
            "Child in need plans.",
            ("cin_plan_id", "string", "Pseudonymous plan id."),
            ("referral_id", "string", "The CIN episode."),
            ("child_id", "string", "The child."),
            ("started_on", "date", "Start."),
            ("ended_on", "date", "End; null while open."),
        ),
        _table(
            "care_episode",
            "Episodes of care (SSDA903 episodes): a new row at each change of legal status or placement.",
            ("care_episode_id", "string", "Pseudonymous episode id."),
            ("child_id", "string", "The child."),
            ("started_on", "date", "DECOM."),
            ("ended_on", "date", "DEC; null while open."),
            ("new_episode_reason", "string", "RNE code (S = started to be looked after)."),
            ("legal_status", "string", "LS code (C1 interim care order, C2 full care order, V2 section 20, ...)."),
            ("placement_type", "string", "PLACE code."),
            ("end_reason", "string", "REC code or blank."),
        ),
        _table(
            "care_leaver",
            "Care leaver episodes.",
            ("care_leaver_id", "string", "Pseudonymous episode id."),
            ("child_id", "string", "The young person."),
            ("started_on", "date", "Start."),
            ("ended_on", "date", "End; null while open."),
        ),
        _table(
            "plan_version",
            "Each version of a co-produced plan (child in need, child protection, care, pathway, early help).",
            ("plan_id", "string", "Pseudonymous plan id."),
            ("child_id", "string", "The child."),
            ("plan_kind", "string", "cin, cp, looked_after or pathway."),
            ("number", "int", "Version number, 1 upwards."),
            ("written_on", "date", "When the version was written."),
            (
                "family_agreement",
                "string",
                "What the worker recorded when going through it with the family: agreed, "
                "partly, disagreed (blank when not recorded).",
            ),
        ),
        _table(
            "plan_response",
            "Answers the family gave to a plan version in the portal, in their own words (kept, never changed).",
            ("plan_id", "string", "The plan."),
            ("number", "int", "The version answered."),
            ("agreement", "string", "agreed, partly or disagreed."),
            ("responded_on", "date", "When they answered."),
        ),
        _table(
            "story_entry",
            "Final entries in the one story, as last corrected (a superseded entry is left out; its correction is in).",
            ("entry_id", "string", "Pseudonymous entry id."),
            (
                "kind",
                "string",
                "home_visit, direct_work, contact, meeting, management_oversight, case_note, "
                "family_words, partner_information, ...",
            ),
            ("occurred_on", "date", "The day it happened."),
            ("author_staff_id", "string", "The staff member who wrote it; null for families and partners."),
            ("minutes", "int", "Time spent, in minutes, when recorded."),
            ("child_seen", "bool", "The child was seen."),
            ("child_seen_alone", "bool", "The child was seen alone."),
            ("direct_work_tool", "string", "The direct work tool, or blank."),
        ),
        _table(
            "story_entry_child",
            "Which children each story entry is about.",
            ("entry_id", "string", "The entry."),
            ("child_id", "string", "A child it is about."),
        ),
        _table(
            "supervision",
            "One-to-one reflective supervision sessions held.",
            ("session_id", "string", "Pseudonymous session id."),
            ("supervisor_id", "string", "The supervisor."),
            ("supervisee_id", "string", "The worker supervised."),
            ("held_on", "date", "When it was held."),
        ),
        _table(
            "group_session",
            "Group reflective practice sessions.",
            ("session_id", "string", "Pseudonymous session id."),
            ("pod_id", "string", "The pod."),
            ("held_on", "date", "When it was held."),
            ("minutes", "int", "How long it lasted."),
            ("facilitator_id", "string", "The staff member who led it (who may not be listed among the attendees)."),
        ),
        _table(
            "group_attendance",
            "Who attended each group session.",
            ("session_id", "string", "The session."),
            ("staff_id", "string", "A staff member who attended."),
        ),
        _table(
            "training",
            "Training in the model, as it stands after corrections (withdrawn and replaced records left out).",
            ("staff_id", "string", "The staff member."),
            ("course", "string", "Course code from the operating model."),
            ("completed_on", "date", "When it was completed."),
            ("expires_on", "date", "When a refresher is due; null if the course needs none."),
        ),
        _table(
            "course_role",
            "Which roles each course is for (operating_model.yaml training.courses).",
            ("course", "string", "Course code."),
            ("role", "string", "A role the course is for."),
        ),
        _table(
            "case_audit",
            "Case file audits that were submitted.",
            ("audit_id", "string", "Pseudonymous audit id."),
            ("round_id", "string", "Pseudonymous round id."),
            ("child_id", "string", "The child whose file was audited."),
            ("pod_id", "string", "The child's pod at the time of the audit."),
            ("submitted_on", "date", "When the auditor submitted it."),
            (
                "auditor_grade",
                "string",
                "The auditor's overall grade: outstanding, good, requires_improvement, inadequate.",
            ),
            ("final_grade", "string", "The overall grade after moderation (the auditor's grade if not moderated)."),
        ),
        _table(
            "audit_answer",
            "Each graded question of each submitted audit.",
            ("audit_id", "string", "The audit."),
            ("question", "string", "Question code."),
            ("theme", "string", "The question's theme (the child's voice, done with not to, ...)."),
            ("grade", "string", "outstanding, good, requires_improvement, inadequate, or not_applicable."),
        ),
        _table(
            "family_view",
            "Families' answers to the audit questions (how are we doing?), one row per answer.",
            ("audit_id", "string", "The audit."),
            ("given_on", "date", "When it was given."),
            ("question", "string", "Question code."),
            ("answer", "string", "yes, sometimes or no."),
        ),
        _table(
            "family_feedback",
            "What families said helped or not, given in the portal.",
            ("feedback_id", "string", "Pseudonymous id."),
            ("given_on", "date", "When."),
            ("pod_id", "string", "The worker's pod."),
            ("how_it_went", "string", "helped_a_lot, helped_a_bit or not_helped."),
        ),
        _table(
            "complaint",
            "Complaints under the statutory children's procedure.",
            ("complaint_id", "string", "Pseudonymous id."),
            ("received_on", "date", "When received."),
            ("pod_id", "string", "The pod it concerns, if any."),
            ("stage", "int", "The furthest stage reached (1, 2 or 3)."),
            ("stage1_due_on", "date", "Stage 1 response due (after any extension)."),
            ("stage1_responded_on", "date", "Stage 1 response sent; null if not yet."),
        ),
        _table(
            "compliment",
            "Compliments received.",
            ("compliment_id", "string", "Pseudonymous id."),
            ("received_on", "date", "When received."),
            ("pod_id", "string", "The pod it praises, if any."),
        ),
        _table(
            "pulse",
            "The staff pulse survey's 'I feel safe and supported' statement, for closed rounds only, already counted "
            "and with small numbers suppressed (pulse/suppression.py): a row with pod_id null is the whole service. "
            "Answers themselves never leave the record.",
            ("round_closes_on", "date", "The day the round closed."),
            ("pod_id", "string", "The pod, or null for the whole service."),
            ("answered", "int", "How many answered; null when suppressed."),
            ("agreed", "int", "How many agreed or strongly agreed; null when suppressed."),
        ),
    ]
}
