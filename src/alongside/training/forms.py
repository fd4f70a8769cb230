"""Recording a course for several people at once: first the course, then the date and who."""

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Layout, Size
from django import forms

from alongside.practice_model.config import operating_model
from alongside.training.services import DATE_NEEDED, NOBODY_CHOSEN, UNKNOWN_COURSE


class CourseForm(forms.Form):
    course = forms.ChoiceField(
        label="Which course?", widget=forms.RadioSelect, error_messages={"required": UNKNOWN_COURSE}
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].choices = [(c.code, c.name) for c in operating_model().training.courses]
        self.fields["course"].error_messages["invalid_choice"] = UNKNOWN_COURSE
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.layout = Layout(Field.radios("course", legend_size=Size.MEDIUM), Button("submit", "Continue"))


class RecordForm(forms.Form):
    completed_on = DateInputField(label="When did they complete it?", help_text="For example, 27 3 2026")
    staff = forms.MultipleChoiceField(
        label="Who completed it?",
        help_text="Everyone whose role needs the course, with where they are now",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": NOBODY_CHOSEN},
    )
    notes = forms.CharField(
        label="Notes (optional)",
        help_text="For example, who ran it, or the cohort",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, people: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["completed_on"].error_messages["required"] = DATE_NEEDED
        self.fields["staff"].choices = people
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field("completed_on"),
            Field.checkboxes("staff", legend_size=Size.SMALL, small=True),
            Field.textarea("notes"),
            Button("submit", "Record the course"),
        )
