from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Layout, Size
from django import forms

from alongside.journey.models import FamilyAware
from alongside.partners.services import MAX_CHARACTERS

TOO_LONG = {"max_length": f"Write {MAX_CHARACTERS:,} characters or fewer"}


class InformationForm(forms.Form):
    summary = forms.CharField(
        label="Summary",
        help_text="One line, for example: Attendance this term",
        max_length=200,
        error_messages={
            "required": "Enter a short summary",
            "max_length": "The summary must be 200 characters or fewer",
        },
    )
    text = forms.CharField(
        label="What you know",
        help_text="Social workers and other partners working with the child will see this.",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=MAX_CHARACTERS,
        error_messages={"required": "Enter what you know", **TOO_LONG},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout("summary", Field.textarea("text"), Button("submit", "Add to the story"))


class ActionUpdateForm(forms.Form):
    action_id = forms.IntegerField(widget=forms.HiddenInput)
    done = forms.BooleanField(label="This action is done", required=False)
    note = forms.CharField(
        label="What has happened",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MAX_CHARACTERS,
        error_messages=TOO_LONG,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "action_id", Field.checkbox("done"), Field.textarea("note"), Button("submit", "Save update")
        )


class ReferralForm(forms.Form):
    child_id = forms.ChoiceField(
        label="Is this about a child shared with you?", required=False, widget=forms.RadioSelect
    )
    child_first_name = forms.CharField(
        label="Child's first name", max_length=100, error_messages={"required": "Enter the child's first name"}
    )
    child_last_name = forms.CharField(
        label="Child's last name", max_length=100, error_messages={"required": "Enter the child's last name"}
    )
    child_date_of_birth = DateInputField(
        label="Child's date of birth", help_text="For example, 27 3 2015", required=False
    )
    child_address = forms.CharField(
        label="Where the child lives",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MAX_CHARACTERS,
        error_messages=TOO_LONG,
    )
    worries = forms.CharField(
        label="What are you worried about?",
        help_text="What has happened, what you have seen or been told, and what the child said, in their words.",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=MAX_CHARACTERS,
        error_messages={"required": "Enter what you are worried about", **TOO_LONG},
    )
    family_aware = forms.ChoiceField(
        label="Do the family know you are making this referral?",
        choices=FamilyAware.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the family know about this referral"},
    )
    family_aware_reason = forms.CharField(
        label="If not, why not?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MAX_CHARACTERS,
        error_messages=TOO_LONG,
    )
    referrer_phone = forms.CharField(
        label="A phone number the front door can call you on today",
        max_length=30,
        error_messages={"required": "Enter a phone number the front door can call you on today"},
    )

    def __init__(self, *args, shared_children, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child_id"].choices = [("", "No, a child not shared with us")] + [
            (str(c.id), f"{c.first_name} {c.last_name}") for c in shared_children
        ]
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.radios("child_id", legend_size=Size.SMALL),
            "child_first_name",
            "child_last_name",
            Field("child_date_of_birth"),
            Field.textarea("child_address"),
            Field.textarea("worries"),
            Field.radios("family_aware", legend_size=Size.SMALL),
            Field.textarea("family_aware_reason"),
            "referrer_phone",
            Button("submit", "Send referral"),
        )
