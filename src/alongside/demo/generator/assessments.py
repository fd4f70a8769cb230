"""A strengths-and-risks assessment for each child on an open referral: signed off where the DfE
assessment is authorised, in progress where it is not, so a worker and their manager both have
something real to open."""

from datetime import timedelta
from types import SimpleNamespace as Row

from alongside.demo import story_text

DECISION_FOR_PATH = {"cp": "s47", "cla": "s47"}


class AssessmentsMixin:
    def write_assessments(self):
        for name in ("child_assessments", "scaling_scores"):
            self.rows[name] = []
        cin = {e.id: e for e in self.rows["cin"]}
        people = {p.id: p for p in self.rows["people"]}
        managers = {s.id: s.manager_id for s in self.rows["staff"]}
        worker_of = {a.child_id: a.worker_id for a in self.rows["allocations"] if a.ended_on is None}
        on_cp_plan = {cin[p.episode_id].child_id for p in self.rows["cp_plans"] if p.ended_on is None}
        network_of = {m.person_id: m.network_id for m in self.rows["members"] if m.role == "child"}
        parents = {}
        for member in self.rows["members"]:
            if member.role == "parent":
                parents.setdefault(member.network_id, []).append(people[member.person_id].first_name)
        latest = {}
        for dfe in self.rows["assessments"]:
            episode = cin[dfe.episode_id]
            if episode.closure_date is None and not episode.referral_nfa:
                held = latest.get(episode.child_id)
                if held is None or dfe.started_on > held.started_on:
                    latest[episode.child_id] = dfe
        for child_id, dfe in sorted(latest.items()):
            author = worker_of.get(child_id)
            if author is None:
                continue
            child = people[child_id]
            names = parents.get(network_of.get(child_id), [])
            self._assessment(
                dfe, child, author, managers.get(author), names, "s47" if child_id in on_cp_plan else "cin"
            )

    def _assessment(self, dfe, child, author, manager, parent_names, decision):
        name = child.first_name
        signed_off = dfe.authorised_on is not None and manager is not None
        baby = (dfe.started_on - child.date_of_birth).days < 2 * 365 if child.date_of_birth else False
        pick = self.rng.choice
        assessment_id = self.next_id("child_assessment")
        self.rows["child_assessments"].append(
            Row(
                id=assessment_id,
                child_id=child.id,
                dfe_id=dfe.id,
                author_id=author,
                status="signed_off" if signed_off else "in_progress",
                version=3 if signed_off else 2,
                started_on=dfe.started_on,
                completed_on=max(dfe.started_on, dfe.authorised_on - timedelta(days=2)) if signed_off else None,
                signed_off_on=dfe.authorised_on if signed_off else None,
                signed_off_by_id=manager if signed_off else None,
                what_we_know=f"{name} lives with {', '.join(parent_names) or 'their family'}. "
                f"Referred on {dfe.started_on:%-d %B %Y}.",
                worries_past_harm=pick(story_text.PAST_HARM).format(child=name),
                worries_future_danger=pick(story_text.FUTURE_DANGER).format(child=name),
                worries_complicating=pick(story_text.COMPLICATING).format(child=name),
                working_well_strengths=pick(story_text.STRENGTHS).format(child=name),
                working_well_safety=pick(story_text.EXISTING_SAFETY).format(child=name),
                needs_to_happen=pick(story_text.NEEDS_TO_HAPPEN).format(child=name) if signed_off else "",
                child_view="" if baby else pick(story_text.CHILD_VIEW).format(child=name),
                child_view_not_gained=story_text.BABY_VIEW.format(child=name) if baby else "",
                factors=list(dfe.factors) if signed_off else [],
                decision=decision if signed_off else "",
            )
        )
        scores = [("worker", "Social worker", self.rng.randint(3, 6))]
        scores += [("parent", parent, self.rng.randint(5, 8)) for parent in parent_names[:2]]
        if not baby:
            scores.append(("child", name, self.rng.randint(3, 8)))
        for role, who, score in scores:
            self.rows["scaling_scores"].append(
                Row(
                    id=self.next_id("scaling_score"),
                    assessment_id=assessment_id,
                    role=role,
                    who=who,
                    score=score,
                    meaning=story_text.SCORE_MEANINGS[role],
                )
            )
