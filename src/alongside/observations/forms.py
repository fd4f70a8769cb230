"""Recording an observation in three steps (whom, which child, then the observation itself), and the
worker's response. The forms check only the shape of answers; the rules are in services.py."""

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Layout, Size
from django import forms

from alongside.observations.models import ConsentHow, ObservedPractice
from alongside.observations.services import (
    CONSENT_DATE_NEEDED,
    CONSENT_HOW_NEEDED,
    CONSENT_NEEDED,
    DATE_NEEDED,
    EVEN_BETTER_IF_NEEDED,
    FEEDBACK_NEEDED,
    PRACTICE_NEEDED,
    RESPONSE_NEEDED,
    WENT_WELL_NEEDED,
)

MAX_CHARACTERS = 5000
TOO_LONG = f"Write {MAX_CHARACTERS:,} characters or fewer"
CHOOSE_WORKER = "Select whose practice you observed"
CHOOSE_CHILD = "Select the child the visit or meeting was about"
REAL_DATE = "Enter a real date"


def _text(label, required_message, *, help_text="", rows=4):
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=MAX_CHARACTERS,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": required_message, "max_length": TOO_LONG},
    )


class _DateField(DateInputField):
    def compress(self, data_list):
        # The library would show Python's own words ("day is out of range for month").
        try:
            return super().compress(data_list)
        except forms.ValidationError:
            raise forms.ValidationError(REAL_DATE) from None


def _date(label, required_message, help_text):
    field = _DateField(label=label, help_text=help_text)
    field.error_messages.update({"required": required_message, "incomplete": required_message})
    return field


class _Form(forms.Form):
    submit_label = "Continue"
    method = "post"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = self.method
        self.helper.layout = Layout(*self.layout_fields(), Button("submit", self.submit_label))

    def layout_fields(self):
        return list(self.fields)


class ChooseWorkerForm(_Form):
    worker = forms.TypedChoiceField(
        label="Whose practice did you observe?",
        coerce=int,
        error_messages={"required": CHOOSE_WORKER, "invalid_choice": CHOOSE_WORKER},
    )
    method = "get"

    def __init__(self, *args, workers, **kwargs):
        super().__init__(*args, **kwargs)
        # Grouped by pod, so a head of service or quality lead can find someone among many.
        groups: dict[str, list] = {}
        for worker in workers:
            label = f"{worker.full_name}, {worker.get_role_display().lower()}"
            groups.setdefault(worker.pod.name if worker.pod else "No pod", []).append((worker.id, label))
        self.fields["worker"].choices = [("", "Select a person"), *groups.items()]


class ChooseChildForm(_Form):
    worker = forms.IntegerField(widget=forms.HiddenInput)
    child = forms.TypedChoiceField(
        label="Which child was the visit or meeting about?",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": CHOOSE_CHILD, "invalid_choice": CHOOSE_CHILD},
    )
    method = "get"

    def __init__(self, *args, children, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child"].choices = [(child.id, child.full_name) for child in children]

    def layout_fields(self):
        return ["worker", Field.radios("child", legend_size=Size.MEDIUM)]


class ObservationForm(_Form):
    observed_on = _date("When did you observe?", DATE_NEEDED, "For example, 27 3 2026")
    practice = forms.ChoiceField(
        label="What did you observe?",
        choices=ObservedPractice.choices,
        widget=forms.RadioSelect,
        error_messages={"required": PRACTICE_NEEDED},
    )
    consent_by = forms.TypedChoiceField(
        label="Who in the family agreed to you observing?",
        help_text="Observe only with the family's agreement. Without it, the observation cannot be recorded.",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": CONSENT_NEEDED, "invalid_choice": CONSENT_NEEDED},
    )
    consent_how = forms.ChoiceField(
        label="How did they agree?",
        choices=ConsentHow.choices,
        widget=forms.RadioSelect,
        error_messages={"required": CONSENT_HOW_NEEDED},
    )
    consent_on = _date("When did they agree?", CONSENT_DATE_NEEDED, "On or before the day you observed")
    went_well = _text("What went well", WENT_WELL_NEEDED)
    even_better_if = _text("Even better if", EVEN_BETTER_IF_NEEDED)
    submit_label = "Record the observation"

    def __init__(self, *args, consent_givers, prompts, **kwargs):
        self.prompts = prompts
        super().__init__(*args, **kwargs)
        self.fields["consent_by"].choices = [(person.id, label) for person, label in consent_givers]
        for code, prompt in prompts:
            self.fields[f"feedback_{code}"] = _text(prompt, FEEDBACK_NEEDED.format(prompt=prompt))
        # The helper's layout was built before the prompts' fields existed.
        self.helper.layout = Layout(*self.layout_fields(), Button("submit", self.submit_label))

    def layout_fields(self):
        feedback = [Field.textarea(f"feedback_{code}") for code, _ in getattr(self, "prompts", ())]
        return [
            Field("observed_on"),
            Field.radios("practice", legend_size=Size.SMALL),
            Field.radios("consent_by", legend_size=Size.SMALL),
            Field.radios("consent_how", legend_size=Size.SMALL),
            Field("consent_on"),
            *feedback,
            Field.textarea("went_well"),
            Field.textarea("even_better_if"),
        ]

    def feedback(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"feedback_{code}", "") for code, _ in self.prompts}


class ResponseForm(_Form):
    text = _text(
        "Your response",
        RESPONSE_NEEDED,
        help_text="What you take from the feedback, and anything you see differently. You can respond once.",
        rows=5,
    )
    submit_label = "Send my response"
