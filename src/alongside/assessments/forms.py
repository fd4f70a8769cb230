from django import forms
from django.forms import formset_factory

from alongside.assessments.models import Decision, ScaleRole
from alongside.codes import AssessmentFactor


class AssessmentForm(forms.Form):
    what_we_know = forms.CharField(
        label="What we already know",
        required=False,
        help_text="Started from the family's story and earlier assessments. Edit it.",
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    worries_past_harm = forms.CharField(label="Past harm", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    worries_future_danger = forms.CharField(
        label="Future danger: what we are worried will happen", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    worries_complicating = forms.CharField(
        label="Complicating factors", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    working_well_strengths = forms.CharField(
        label="Strengths", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    working_well_safety = forms.CharField(
        label="Existing safety", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    needs_to_happen = forms.CharField(
        label="What needs to happen", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    child_view = forms.CharField(
        label="The child's view and lived experience",
        required=False,
        help_text="In their words where you can: what life is like for them.",
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    child_view_not_gained = forms.CharField(
        label="If you could not gain the child's view, why not",
        required=False,
        help_text="For example, a baby: then say what you observed instead.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    factors = forms.MultipleChoiceField(
        label="Factors identified at assessment",
        choices=AssessmentFactor.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    decision = forms.ChoiceField(label="Decision", choices=Decision.choices, required=False, widget=forms.RadioSelect)


class ScoreForm(forms.Form):
    role = forms.ChoiceField(label="Who", choices=ScaleRole.choices)
    who = forms.CharField(label="Name", max_length=200, required=False)
    score = forms.TypedChoiceField(
        label="Score",
        coerce=int,
        required=False,
        empty_value=None,
        choices=[("", "-")] + [(str(n), str(n)) for n in range(11)],
    )
    meaning = forms.CharField(
        label="What the number means to them", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def has_score(self) -> bool:
        return self.is_valid() and self.cleaned_data.get("score") is not None


ScoreFormSet = formset_factory(ScoreForm, extra=2, max_num=12)
