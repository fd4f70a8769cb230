"""Forms for case file audits. They only shape the input: the rules (what is required to submit,
who may do what) are in services.py, whose problems show on these forms through show_refusal."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Button, Field, Fieldset, Layout, Size
from django import forms
from django.utils.html import format_html

from alongside.quality.models import FamilyAnswer, FamilyViewHow, SampleKind, Target
from alongside.workforce.models import Pod, StaffMember

# Who may audit or moderate: people who lead practice and experienced practitioners.
AUDITOR_ROLES = ("team_manager", "senior_social_worker", "principal_social_worker", "quality_lead", "head_of_service")


def _text(label, *, rows=4, hint=""):
    return forms.CharField(label=label, help_text=hint, required=False, widget=forms.Textarea(attrs={"rows": rows}))


def _staff_choices():
    staff = StaffMember.objects.filter(left_on__isnull=True, role__in=AUDITOR_ROLES).select_related("pod", "team")
    return [
        (str(s.id), f"{s.full_name}, {s.get_role_display().lower()} ({s.pod.name if s.pod else s.team.name})")
        for s in staff.order_by("last_name", "first_name")
    ]


class RoundForm(forms.Form):
    name = forms.CharField(label="Name of the round", help_text="For example, Winter 2026 themed audit", required=False)
    sample_kind = forms.ChoiceField(
        label="Which children should be audited?", choices=SampleKind.choices, widget=forms.RadioSelect, required=False
    )
    pod = forms.ChoiceField(label="Pod", help_text="Only for a sample of one pod's cases", required=False)
    target = forms.ChoiceField(
        label="Targeted group",
        help_text="Only for a targeted round",
        choices=Target.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    sample_size = forms.CharField(
        label="How many children?",
        help_text="Children are chosen at random from the group. If the group is smaller, all of them are audited.",
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
    )
    auditors = forms.MultipleChoiceField(
        label="Auditors",
        help_text="Each child goes to the auditor with the fewest so far who is not the child's worker, "
        "someone from outside the worker's pod where possible.",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    moderators = forms.MultipleChoiceField(
        label="Moderators",
        help_text="A second auditor moderates a share of the audits, never their own.",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    due_on = forms.DateField(
        label="Date the audits are due",
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": "govuk-input--width-10"}),
        error_messages={"invalid": "Enter the date the audits are due as a real date"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pod"].choices = [("", "Choose a pod")] + [
            (str(p.id), p.name) for p in Pod.objects.order_by("name")
        ]
        staff = _staff_choices()
        self.fields["auditors"].choices = staff
        self.fields["moderators"].choices = staff
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "name",
            Field.radios("sample_kind", legend_size=Size.MEDIUM),
            "pod",
            Field.radios("target", legend_size=Size.SMALL, small=True),
            "sample_size",
            Field.checkboxes("auditors", legend_size=Size.MEDIUM, small=True),
            Field.checkboxes("moderators", legend_size=Size.MEDIUM, small=True),
            "due_on",
            Button("submit", "Set up the round"),
        )


class AuditGradeForm(forms.Form):
    """One grade and comment per question of the round, grouped by theme, then the overall view."""

    ACTIONS = 3

    def __init__(self, *args, audit_round, **kwargs):
        super().__init__(*args, **kwargs)
        grades = [(g["code"], g["label"]) for g in audit_round.grades]
        by_theme: dict[str, list] = {}
        for n, question in enumerate(audit_round.questions, start=1):
            code = question["code"]
            choices = grades if question["required"] else grades + [("", "Not applicable")]
            self.fields[f"grade-{code}"] = forms.ChoiceField(
                label=f"{n}. {question['question']}",
                choices=choices,
                widget=forms.RadioSelect,
                required=False,
                help_text="" if question["required"] else "Optional: choose not applicable if it does not apply",
            )
            self.fields[f"comment-{code}"] = _text(f"Evidence for question {n}", rows=3)
            by_theme.setdefault(question["theme"], []).extend(
                [
                    Field.radios(f"grade-{code}", legend_size=Size.SMALL, small=True, inline=True),
                    Field.textarea(f"comment-{code}"),
                ]
            )
        self.fields["grade"] = forms.ChoiceField(
            label="Overall grade", choices=grades, widget=forms.RadioSelect, required=False
        )
        self.fields["working_well"] = _text("What is working well")
        self.fields["needs_to_change"] = _text("What needs to change")
        actions = []
        for n in range(1, self.ACTIONS + 1):
            self.fields[f"action-{n}"] = _text(f"Action {n}", rows=2)
            self.fields[f"action-due-{n}"] = forms.CharField(
                label=f"Date for action {n}",
                help_text="Leave empty for the usual time",
                required=False,
                widget=forms.DateInput(attrs={"type": "date", "class": "govuk-input--width-10"}),
            )
            actions.extend([Field.textarea(f"action-{n}"), f"action-due-{n}"])
        self.helper = FormHelper()
        self.helper.layout = Layout(
            *[Fieldset(*fields, legend=theme, legend_size=Size.MEDIUM) for theme, fields in by_theme.items()],
            Fieldset(
                Field.radios("grade", legend_size=Size.SMALL),
                Field.textarea("working_well"),
                Field.textarea("needs_to_change"),
                legend="Overall",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                HTML(
                    format_html(
                        '<p class="govuk-body">{}</p>',
                        "Actions go to the child's worker when you submit, and appear in their work.",
                    )
                ),
                *actions,
                legend="Actions for the worker",
                legend_size=Size.MEDIUM,
            ),
            Button.secondary("save", "Save and come back later"),
            Button("submit", "Submit the audit"),
        )


class ModerationForm(forms.Form):
    grade = forms.ChoiceField(label="Your grade", widget=forms.RadioSelect, required=False)
    reason = _text("Why", hint="Say why you agree, or what led you to a different grade.")

    def __init__(self, *args, audit_round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grade"].choices = [(g["code"], g["label"]) for g in audit_round.grades]
        self.helper = FormHelper()
        self.helper.form_action = ""
        self.helper.layout = Layout(
            Field.radios("grade", legend_size=Size.SMALL),
            Field.textarea("reason"),
            Button("moderate", "Save the moderation"),
        )


class ReflectionForm(forms.Form):
    reflection = _text(
        "Your reflection", rows=5, hint="What do you make of the findings? What will you do differently?"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(Field.textarea("reflection"), Button("reflect", "Add my reflection"))


class FamilyViewForm(forms.Form):
    """The auditor's record of a conversation with the family (or that they did not take part)."""

    how = forms.ChoiceField(
        label="How did the family give their view?",
        choices=[
            (FamilyViewHow.CONVERSATION, "I talked with them"),
            (FamilyViewHow.DECLINED, FamilyViewHow.DECLINED.label),
        ],
        widget=forms.RadioSelect,
        required=False,
    )
    person = forms.ChoiceField(label="Who?", widget=forms.RadioSelect, required=False)
    words = _text("What they said, in their own words", rows=5)

    def __init__(self, *args, audit_round, family, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [(str(p.id), p.full_name) for p in family]
        answers = []
        for question in audit_round.family_questions:
            name = f"answer-{question['code']}"
            self.fields[name] = forms.ChoiceField(
                label=question["question"], choices=FamilyAnswer.choices, widget=forms.RadioSelect, required=False
            )
            answers.append(Field.radios(name, legend_size=Size.SMALL, small=True, inline=True))
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.radios("how", legend_size=Size.SMALL),
            Field.radios("person", legend_size=Size.SMALL),
            Fieldset(*answers, legend="Their answers (not needed if they did not take part)", legend_size=Size.SMALL),
            Field.textarea("words"),
            Button("record", "Save the family's view"),
        )


class AskFamilyForm(forms.Form):
    person = forms.ChoiceField(label="Who should we ask?", widget=forms.RadioSelect, required=False)

    def __init__(self, *args, family, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [
            (str(p.id), p.full_name + ("" if p.user_id else " (not on the family portal)")) for p in family
        ]
        self.helper = FormHelper()
        self.helper.layout = Layout(Field.radios("person", legend_size=Size.SMALL), Button("ask", "Ask in the portal"))
