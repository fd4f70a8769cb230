"""Changes to people's records, each kept in history and written to the audit trail."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction

from alongside.access.models import AuditEvent
from alongside.access.services import audit_record
from alongside.lib.errors import ApplicationError, FormProblems
from alongside.people.models import Person, RecordCorrection
from alongside.people.returns_details import CONSTRAINT_FALLBACK, CONSTRAINT_WORDS, Kind, as_json, in_sentence, kind_of

REASON_REQUIRED = "Enter the reason for the change"
NOT_A_CODE = "{label} must be one of the DfE codes"
ENTER = "Enter the {label}"
SELECT = "Select the {label}"
NOT_THIS_CHILD = "This is not part of {name}'s record"
NOT_CORRECTABLE = "{field} cannot be corrected here"


def _plain(kind: Kind, target, name: str, error: ValidationError) -> str:
    """One field's problem in GOV.UK words: Django's generic ones replaced, the model's own kept."""
    label = kind.label(name)
    if error.code == "invalid_choice":
        return NOT_A_CODE.format(label=label)
    if error.code in ("blank", "null", "required"):
        has_choices = kind.model_field(name).choices or kind.codes_for(name)
        return (SELECT if has_choices else ENTER).format(label=in_sentence(label))
    return error.messages[0]


def _plain_constraint(target, message: str) -> str:
    for constraint in target._meta.constraints:
        if message == constraint.get_violation_error_message():
            return CONSTRAINT_WORDS.get(constraint.name, CONSTRAINT_FALLBACK)
    return message


def _problems(kind: Kind, target, invalid: ValidationError) -> dict[str, str]:
    problems = {}
    for name, errors in invalid.error_dict.items():
        if name == NON_FIELD_ERRORS:
            problems[NON_FIELD_ERRORS] = _plain_constraint(target, errors[0].messages[0])
        elif name in kind.field_names:
            problems[name] = _plain(kind, target, name, errors[0])
        else:
            # A field this page does not offer (bad data from elsewhere) still blocks the save: say so.
            problems[NON_FIELD_ERRORS] = f"{kind.model_field(name).verbose_name}: {errors[0].messages[0]}"
    return problems


def _normalised(kind: Kind, name: str, value):
    """The value as the model holds it, so an unchanged answer compares equal to the stored one."""
    codes = kind.codes_for(name)
    if codes is not None and isinstance(value, list | tuple):
        # The order of a list of codes means nothing to the returns: keep it in the code list's order.
        order = {code: i for i, code in enumerate(codes.values)}
        return sorted(value, key=lambda code: order.get(code, len(order)))
    model_field = kind.model_field(name)
    if value is None and not model_field.null and model_field.empty_strings_allowed:
        return ""
    try:
        return model_field.to_python(value)
    except ValidationError:
        return value  # left for full_clean to refuse in its own words


def correct_record(*, by, child: Person, target, changes: dict, reason: str, request=None) -> list[RecordCorrection]:
    """Corrects fields of `target` (the child, or one of their episodes, assessments or plans) that
    the statutory returns read. Only fields listed for its kind in returns_details.CORRECTABLE.

    Checks with the model's own validation (full_clean: DfE code lists, UPN check letter, dates in
    order). Raises FormProblems (field -> plain words) and changes nothing if any answer is refused
    or the reason is missing; ApplicationError if `target` is not this child's or a field may not be
    corrected here. Unchanged answers are ignored; if nothing changed, nothing is written. Otherwise,
    in one transaction: saves the changed fields, writes one RecordCorrection per field with the old
    and new value and the reason, and one RECORD_CORRECTED audit entry. The caller has checked that
    `by` may change this child's record (people.access)."""
    kind = kind_of(target)
    if kind is None or not kind.for_child(child).filter(pk=target.pk).exists():
        raise ApplicationError(NOT_THIS_CHILD.format(name=child.first_name))
    for name in changes:
        if name not in kind.field_names:
            raise ApplicationError(NOT_CORRECTABLE.format(field=name))
    old = {name: getattr(target, name) for name in changes}
    new = {name: _normalised(kind, name, value) for name, value in changes.items()}
    changed = [name for name in kind.field_names if name in new and new[name] != old[name]]
    if not changed:
        return []
    reason = (reason or "").strip()
    with transaction.atomic():
        for name in changed:
            setattr(target, name, new[name])
        problems = {}
        try:
            target.full_clean()
        except ValidationError as invalid:
            problems = _problems(kind, target, invalid)
        if not reason:
            problems["reason"] = REASON_REQUIRED
        if problems:
            # The caller's object stays as the database holds it when a correction is refused.
            for name, value in old.items():
                setattr(target, name, value)
            raise FormProblems(problems)
        target.save(update_fields=changed)
        corrections = RecordCorrection.objects.bulk_create(
            RecordCorrection(
                child=child,
                content_type=ContentType.objects.get_for_model(target),
                object_id=target.pk,
                field_name=name,
                old_value=as_json(old[name]),
                new_value=as_json(new[name]),
                reason=reason,
                by=by,
            )
            for name in changed
        )
        audit_record(
            actor=by,
            event=AuditEvent.RECORD_CORRECTED,
            person=child,
            request=request,
            reason=reason,
            detail={
                "kind": kind.slug,
                "object_id": target.pk,
                "changes": {name: {"from": as_json(old[name]), "to": as_json(new[name])} for name in changed},
            },
        )
    return corrections
