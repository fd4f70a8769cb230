from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Fixed, Layout, Size
from django import forms

from alongside.access.services import DETAIL_REQUIRED, REASON_REQUIRED
from alongside.practice_model.config import access_policy


class _ReasonForm(forms.Form):
    reason = forms.ChoiceField(
        label="Why do you need to open this record?",
        widget=forms.RadioSelect,
        error_messages={"required": REASON_REQUIRED},
    )
    detail = forms.CharField(
        label="Say more",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="Your reason is recorded and the child's managers can see it.",
    )

    submit_label = "Open the record"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read the reasons each time: the operating model may change without a restart in tests.
        self.fields["reason"].choices = list(access_policy().reasons_for_opening)
        self.helper = FormHelper()
        self.helper.layout = Layout(*self.layout_fields(), Button("submit", self.submit_label))

    def layout_fields(self):
        return [Field.radios("reason", legend_size=Size.MEDIUM), Field.textarea("detail")]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reason") == "other" and not cleaned.get("detail", "").strip():
            self.add_error("detail", DETAIL_REQUIRED)
        return cleaned


class OpenWithReasonForm(_ReasonForm):
    pass


class BreakGlassForm(_ReasonForm):
    identifier = forms.CharField(
        label="LA ID or NHS number of the child",
        max_length=20,
        error_messages={"required": "Enter the child's LA ID or NHS number"},
    )
    submit_label = "Break the glass and open the record"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["detail"].required = True
        self.fields["detail"].error_messages["required"] = DETAIL_REQUIRED
        self.fields[
            "detail"
        ].help_text = "Your manager and the record's owner are told straight away, with your reason."

    def layout_fields(self):
        return [Field.text("identifier", field_width=Fixed.TEN), *super().layout_fields()]


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("keep", "Keep"), ("remove", "Remove")])
