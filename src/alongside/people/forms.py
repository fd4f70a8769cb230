from datetime import date

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Fixed, Fluid, Layout, Size
from django import forms
from django.db import models

from alongside.people.identifiers import nhs_number_error
from alongside.people.returns_details import code_label
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


REASON_HINT = (
    "Say what was wrong and where the right answer comes from, for example: "
    "'CIN census 8610: no primary need; the assessment found abuse or neglect'."
)
# Short code lists read best as radios; long ones (ethnicity, placement type) as a drop-down.
MOST_RADIOS = 6


class RealDateField(DateInputField):
    """A GOV.UK date input that says which date is not a real one, and never turns a half-filled
    date into no date."""

    def __init__(self, label: str, **kwargs):
        super().__init__(label=label, required=False, require_all_fields=False, **kwargs)
        self.not_real = f"{label} must be a real date"

    def compress(self, data_list):
        try:
            return super().compress(data_list)
        except forms.ValidationError:
            raise forms.ValidationError(self.not_real) from None


def _yes_no(value) -> bool | None:
    return {"True": True, "False": False}.get(value)


def correction_field(kind, name: str) -> forms.Field:
    """A form field shaped like the model field. Only shape: the model and the service decide what
    is allowed, and say so on this form through show_refusal."""
    model_field = kind.model_field(name)
    label = kind.label(name)
    codes = kind.codes_for(name)
    if codes is not None:
        return forms.MultipleChoiceField(
            label=label,
            required=False,
            choices=[(code, code_label(codes.choices, code)) for code in codes.values],
            widget=forms.CheckboxSelectMultiple,
        )
    if model_field.choices:
        choices = [(code, code_label(model_field.flatchoices, code)) for code, _ in model_field.flatchoices]
        if model_field.blank:
            choices.insert(0, ("", "Not recorded"))
        widget = forms.RadioSelect if len(choices) <= MOST_RADIOS else forms.Select
        return forms.ChoiceField(label=label, required=False, choices=choices, widget=widget)
    if isinstance(model_field, models.BooleanField):
        # A nullable flag (the SSDA903's MOTHER, OC2's health items) can be put back to 'not recorded'.
        blank = [("", "Not recorded")] if model_field.null else []
        return forms.TypedChoiceField(
            label=label,
            required=False,
            choices=[("True", "Yes"), ("False", "No"), *blank],
            coerce=_yes_no,
            empty_value=None,
            widget=forms.RadioSelect,
        )
    if isinstance(model_field, models.DateField):
        return RealDateField(label=label)
    if isinstance(model_field, models.IntegerField):
        return forms.IntegerField(
            label=label,
            required=False,
            error_messages={"invalid": f"Enter the {label.lower()} as a whole number, like 2"},
            widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        )
    return forms.CharField(label=label, required=False, max_length=model_field.max_length)


class CorrectionForm(forms.Form):
    """The correctable fields of one object (returns_details.CORRECTABLE), with its current values,
    and the reason for the change."""

    def __init__(self, kind, obj, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        layout = []
        for name in kind.field_names:
            form_field = correction_field(kind, name)
            value = getattr(obj, name)
            if isinstance(form_field, forms.TypedChoiceField) and isinstance(value, bool):
                value = str(value)
            form_field.initial = value
            self.fields[name] = form_field
            if isinstance(form_field, forms.MultipleChoiceField):
                layout.append(Field.checkboxes(name, legend_size=Size.SMALL, small=True))
            elif isinstance(form_field.widget, forms.RadioSelect):
                layout.append(Field.radios(name, legend_size=Size.SMALL, small=True))
            elif isinstance(form_field, forms.ChoiceField):
                layout.append(Field(name, context={"label_size": Size.for_label(Size.SMALL)}))
            elif isinstance(form_field, DateInputField):
                layout.append(Field(name, context={"legend_size": Size.for_legend(Size.SMALL)}))
            else:
                layout.append(Field.text(name, label_size=Size.SMALL, field_width=Fixed.TEN))
        self.fields["reason"] = forms.CharField(
            label="Reason for the change", help_text=REASON_HINT, required=False, widget=forms.Textarea
        )
        self.helper = FormHelper()
        self.helper.layout = Layout(
            *layout,
            Field.textarea("reason", label_size=Size.MEDIUM, rows=4),
            Button("submit", "Save the correction"),
        )

    def changes(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.kind.field_names}
