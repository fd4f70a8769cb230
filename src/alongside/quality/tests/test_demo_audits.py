"""The demo's case file audits: valid rows, and each demo user has something to do in the live round."""

from datetime import date

import pytest

from alongside.demo.generator import Generator
from alongside.demo.generator.quality import write_case_audits
from alongside.demo.logins import choose_demo_logins
from alongside.demo.sizes import SIZES
from alongside.quality import models as quality

AS_OF = date(2026, 11, 23)
MODELS = {
    "audit_rounds": quality.AuditRound,
    "case_audits": quality.CaseAudit,
    "audit_answers": quality.AuditAnswer,
    "audit_moderations": quality.Moderation,
    "family_views": quality.FamilyView,
    "audit_actions": quality.AuditAction,
}


@pytest.fixture(scope="module")
def demo():
    generator = Generator(SIZES["small"], 11, AS_OF)
    generator.run()
    logins = choose_demo_logins(generator)
    write_case_audits(generator, logins)
    return generator.rows, logins


def test_every_audit_row_is_valid_for_its_model(demo):
    rows, _ = demo
    for name, model in MODELS.items():
        assert rows[name], name
        for row in rows[name]:
            instance = model(**vars(row))
            instance.full_clean(
                validate_unique=False,
                validate_constraints=False,
                exclude=[f.name for f in model._meta.fields if f.is_relation],
            )
    for audit in rows["case_audits"]:
        assert audit.auditor_id != audit.worker_id
        assert audit.moderator_id != audit.auditor_id


def test_two_finished_rounds_and_a_live_one_arranged_around_the_demo_users(demo):
    rows, logins = demo
    spring, autumn, winter = rows["audit_rounds"]
    audits = rows["case_audits"]
    assert all(a.status == "submitted" for a in audits if a.round_id in (spring.id, autumn.id))
    live = [a for a in audits if a.round_id == winter.id]
    assert any(a.auditor_id == logins.manager_id and a.status == "assigned" for a in live)
    mine = [a for a in live if a.worker_id == logins.worker_id and a.status == "submitted"]
    assert mine and all(a.moderator_id == logins.quality_lead_id for a in mine)
    assert any(x.audit_id == mine[0].id and x.done_on is None for x in rows["audit_actions"])
    asked = [v for v in rows["family_views"] if v.given_at is None]
    assert [a.child_id for a in live if a.id == asked[0].audit_id] == [logins.parent_child_id]
