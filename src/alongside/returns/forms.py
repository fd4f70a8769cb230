from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Layout, Size
from django import forms

from alongside.returns.registry import RETURN_TYPES


def year_label(year: int, latest_complete: int) -> str:
    # Short enough for a phone's select; the hint says the year runs April to March.
    label = f"{year - 1} to {year}"
    return label + " (so far)" if year > latest_complete else label


class ProduceReturnForm(forms.Form):
    kind = forms.ChoiceField(
        label="Which return?",
        choices=[(code, f"{t.title}, {t.format}") for code, t in RETURN_TYPES.items()],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose which return to produce"},
    )
    year = forms.TypedChoiceField(
        label="Collection year",
        help_text="From 1 April to 31 March. The year in progress shows the record as it is today.",
        coerce=int,
        error_messages={"required": "Choose the collection year", "invalid_choice": "Choose a year from the list"},
    )

    def __init__(self, *args, years: list[int], latest_complete: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, year_label(year, latest_complete)) for year in years]
        self.fields["year"].initial = latest_complete
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.radios("kind", legend_size=Size.MEDIUM),
            Field.select("year"),
            Button("submit", "Produce and check"),
        )
