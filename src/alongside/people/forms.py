from datetime import date

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Fixed, Fluid, Layout
from django import forms

from alongside.people.identifiers import nhs_number_error
from alongside.people.selectors import SearchCriteria

SEARCH_EMPTY = "Enter a name, date of birth, NHS number or LA ID"
DATE_OF_BIRTH_FUTURE = "Date of birth must be today or in the past"
NAME_NO_LETTERS = "Enter a name using letters"


class PersonSearchForm(forms.Form):
    name = forms.CharField(
        label="Name",
        required=False,
        max_length=200,
        help_text="First name and last name. Spellings that sound alike are found too.",
    )
    date_of_birth = DateInputField(label="Date of birth", required=False, help_text="For example, 27 3 2012")
    nhs_number = forms.CharField(label="NHS number", required=False, max_length=20)
    la_id = forms.CharField(label="LA ID", required=False, max_length=20)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.layout = Layout(
            Field.text("name", field_width=Fluid.TWO_THIRDS),
            Field("date_of_birth"),
            Field.text("nhs_number", field_width=Fixed.TEN),
            Field.text("la_id", field_width=Fixed.TEN),
            Button("submit", "Search"),
        )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if name and not any(ch.isalpha() for ch in name):
            raise forms.ValidationError(NAME_NO_LETTERS)
        return name

    def clean_date_of_birth(self):
        value = self.cleaned_data["date_of_birth"]
        if value and value > date.today():
            raise forms.ValidationError(DATE_OF_BIRTH_FUTURE)
        return value

    def clean_nhs_number(self):
        value = self.cleaned_data["nhs_number"].strip()
        if value and (problem := nhs_number_error(value)):
            raise forms.ValidationError(problem)
        return value

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not any(cleaned.get(f) for f in ("name", "date_of_birth", "nhs_number", "la_id")):
            raise forms.ValidationError(SEARCH_EMPTY)
        return cleaned

    def criteria(self) -> SearchCriteria:
        data = self.cleaned_data
        return SearchCriteria(
            name=data["name"],
            date_of_birth=data["date_of_birth"],
            nhs_number=data["nhs_number"],
            la_id=data["la_id"].strip(),
        )
