"""The operating model is checked on load, and a mistake names the line to fix."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from alongside.practice_model.config import DEFAULT_PATH, load_operating_model


def write_changed(tmp_path, old: str, new: str):
    """The shipped model with one change; returns its path and the line the change is on."""
    text = DEFAULT_PATH.read_text()
    assert old in text
    changed = text.replace(old, new, 1)
    path = tmp_path / "model.yaml"
    path.write_text(changed)
    return path, changed[: changed.index(new)].count("\n") + 1


def test_the_shipped_model_loads_whole():
    model = load_operating_model(DEFAULT_PATH)
    assert model.version >= 2 and model.effective_from.year >= 2026
    assert model.timescale("assessment").in_words == "45 working days"
    assert model.timescale("initial_conference").in_words == "15 working days"
    assert model.supervision_every("nqsw") == 10 and model.supervision_every("social_worker") == 20
    assert model.caseload_caps["social_worker"] == 18 and model.caseload_weights["child_protection"] == 1.5
    assert ("worker_left", "The worker left") in model.change_of_worker_reasons
    assert [g.code for g in model.quality.grades if g.good_or_better] == ["outstanding", "good"]
    assert model.quality.themes[0] == "The child's voice" and model.pulse_survey.smallest_group == 5
    stage_one = model.complaints.stage(1)
    assert (stage_one.respond_working_days, stage_one.extended_working_days) == (10, 20)
    assert model.complaints.next_stage_request_working_days == 20


def test_a_question_code_used_twice_is_refused(tmp_path):
    path, _ = write_changed(tmp_path, "{code: child_seen, theme:", "{code: child_voice, theme:")
    with pytest.raises(ImproperlyConfigured, match="quality_assurance.audit_questions: 'child_voice' is used twice"):
        load_operating_model(path)


@pytest.mark.parametrize(
    "old,new,message",
    [
        (
            "    social_worker: 18\n",
            "    social_worker: lots\n",
            "caseloads.caps.social_worker: 'lots' is not of type 'integer'",
        ),
        ("    - {roles: [nqsw], every", "    - {roles: [trainee], every", "unknown roles ['trainee']"),
        ("    starts: referral\n", "    starts: phone_call\n", "'phone_call' is not an event the record holds"),
        ("    due: {working_days: 45}\n", "    due: {fortnights: 3}\n", "timescales.1.due"),
        ("effective_from: 2026-11-23\n", "effective_from: 2026-13-45\n", "effective_from"),
        ("  reason_lasts_hours: 12\n", "  reason_lasts_hours: 48\n", "access.reason_lasts_hours: 48 is greater than"),
        ("  moderation_share: 0.25\n", "  moderation_share: 1.5\n", "quality_assurance.moderation_share"),
        ("  smallest_group: 5\n", "  smallest_group: 1\n", "pulse_survey.smallest_group: 1 is less than"),
        ("refresh_months: 36, roles: [social_worker", "refresh_months: 36, roles: [agency_worker", "unknown roles"),
    ],
)
def test_a_mistake_is_refused_naming_where_it_is(tmp_path, old, new, message):
    path, line = write_changed(tmp_path, old, new)
    with pytest.raises(ImproperlyConfigured) as refused:
        load_operating_model(path)
    assert message in str(refused.value)
    assert f"line {line}:" in str(refused.value)


def test_broken_yaml_names_its_line(tmp_path):
    path, line = write_changed(tmp_path, "vision: >-\n", "vision: [unclosed\n")
    with pytest.raises(ImproperlyConfigured, match=r"line \d+: not valid YAML"):
        load_operating_model(path)


def test_a_missing_section_is_named(tmp_path):
    path = tmp_path / "model.yaml"
    path.write_text(DEFAULT_PATH.read_text().replace("visibility_defaults:", "visibility_defaults_x:"))
    with pytest.raises(ImproperlyConfigured, match="'visibility_defaults' is a required property"):
        load_operating_model(path)


def test_an_unknown_service_in_case_movement_is_named(tmp_path):
    path, line = write_changed(tmp_path, "to: care_leavers,", "to: leaving_care,")
    with pytest.raises(ImproperlyConfigured) as refused:
        load_operating_model(path)
    assert f"line {line}: case_movement.3.to: unknown service 'leaving_care'" in str(refused.value)
