"""The survey form: one GOV.UK radios fieldset per statement of the round, then optional free text."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Layout, Size
from django import forms

from alongside.pulse.models import AgreeScale, PulseRound
from alongside.pulse.services import ANSWER_THE_STATEMENT, FREE_TEXT_LIMIT, FREE_TEXT_TOO_LONG

FREE_TEXT_LABEL = "Anything else you want to tell us"


class PulseForm(forms.Form):
    free_text = forms.CharField(
        label=FREE_TEXT_LABEL,
        help_text=(
            "Optional. Quality leads, heads of service and team managers can read this, without your name. "
            "Leave out anything that would say who you are, or name a child or family."
        ),
        required=False,
        max_length=FREE_TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": FREE_TEXT_TOO_LONG},
    )

    def __init__(self, *args, round_: PulseRound, **kwargs):
        super().__init__(*args, **kwargs)
        self.statements = round_.statement_pairs
        free_text = self.fields.pop("free_text")
        for code, statement in self.statements:
            self.fields[code] = forms.ChoiceField(
                label=statement,
                choices=AgreeScale.choices,
                widget=forms.RadioSelect,
                error_messages={"required": ANSWER_THE_STATEMENT.format(statement=statement)},
            )
        self.fields["free_text"] = free_text
        self.helper = FormHelper()
        self.helper.layout = Layout(
            *(Field.radios(code, legend_size=Size.SMALL) for code, _ in self.statements),
            Field.textarea("free_text"),
            Button("submit", "Send my answers"),
        )

    def answers(self) -> dict[str, str]:
        return {code: self.cleaned_data[code] for code, _ in self.statements}
