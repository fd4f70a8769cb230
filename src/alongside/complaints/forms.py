"""Staff forms for the complaints log (GOV.UK patterns). They check the shape of what was typed; the
rules are in services.py, whose refusals are shown on these fields."""

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Layout, Size
from django import forms

from alongside.complaints.models import HowReceived, MadeBy, Outcome, ReplyBy
from alongside.complaints.services import MAX_CHARACTERS
from alongside.workforce.models import Pod, StaffMember


def _date(label: str, message: str, **kwargs) -> DateInputField:
    field = DateInputField(label=label, help_text="For example, 27 3 2026", **kwargs)
    field.error_messages.update(required=message, incomplete=message, invalid=message)
    for part in field.fields:
        part.error_messages["incomplete"] = message
    return field


def _text(label: str, *, required: bool = False, rows: int = 4, help_text: str = "", message: str = ""):
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        max_length=MAX_CHARACTERS,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": message, "max_length": f"Write {MAX_CHARACTERS:,} characters or fewer"},
    )


class _Form(forms.Form):
    submit_label = "Save"

    def __init__(self, *args, action: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        if action:
            # One page carries several of these forms: each posts its action, with its own button id.
            self.helper.form_action = f"?action={action}"
        self.helper.layout = Layout(
            *self.layout_fields(), Button("submit", self.submit_label, css_id=f"{action or 'form'}-submit")
        )

    def layout_fields(self):
        return list(self.fields)


class ComplaintForm(_Form):
    received_on = _date("When was it received?", "Enter the date it was received")
    how_received = forms.ChoiceField(
        label="How was it received?",
        choices=[(k, v) for k, v in HowReceived.choices if k != HowReceived.PORTAL],
        widget=forms.RadioSelect,
        error_messages={"required": "Select how it was received"},
    )
    made_by_name = forms.CharField(
        label="Who made the complaint?",
        max_length=200,
        error_messages={"required": "Enter the name of the person who made it"},
    )
    made_by_relationship = forms.ChoiceField(
        label="Their relationship to the child",
        choices=MadeBy.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select their relationship to the child"},
    )
    child = forms.CharField(
        label="The child's LA ID",
        max_length=20,
        help_text="On the child's page, under their name",
        error_messages={"required": "Enter the LA ID of the child the complaint is about"},
    )
    about = _text(
        "What is the complaint about?",
        required=True,
        rows=6,
        help_text="In the complainant's words where you can",
        message="Write what the complaint is about",
    )
    pod = forms.ModelChoiceField(
        label="The pod concerned (optional)",
        help_text="If you leave this, it is the named worker's pod, or the child's pod on the day",
        queryset=Pod.objects.order_by("name"),
        required=False,
        empty_label="Work it out",
    )
    staff_named = forms.ModelChoiceField(
        label="A member of staff named in the complaint (optional)",
        queryset=StaffMember.objects.filter(left_on__isnull=True).order_by("last_name", "first_name"),
        required=False,
        empty_label="None named",
    )
    reply_by = forms.ChoiceField(
        label="How should the response be sent?",
        choices=[(k, v) for k, v in ReplyBy.choices if k != ReplyBy.PORTAL],
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the response should be sent"},
    )
    reply_email = forms.CharField(
        label="Email address", help_text="For a reply by email", max_length=254, required=False
    )
    reply_phone = forms.CharField(label="Phone number", help_text="For a reply by phone", max_length=30, required=False)
    reply_address = _text("Postal address", rows=3, help_text="For a reply by post")
    submit_label = "Record the complaint"

    def layout_fields(self):
        return [
            Field("received_on"),
            Field.radios("how_received", legend_size=Size.SMALL, inline=False),
            "made_by_name",
            Field.radios("made_by_relationship", legend_size=Size.SMALL),
            Field.text("child", field_width=10),
            Field.textarea("about"),
            "pod",
            "staff_named",
            # Plain radios and the boxes after them: conditional reveals mark radios aria-expanded,
            # which axe refuses at WCAG 2.2 AA.
            Field.radios("reply_by", legend_size=Size.SMALL),
            "reply_email",
            Field.text("reply_phone", field_width=20),
            Field.textarea("reply_address", rows=3),
        ]


class ComplimentForm(_Form):
    received_on = _date("When was it received?", "Enter the date it was received")
    how_received = forms.ChoiceField(
        label="How was it received?",
        choices=[(k, v) for k, v in HowReceived.choices if k != HowReceived.PORTAL],
        widget=forms.RadioSelect,
        error_messages={"required": "Select how it was received"},
    )
    from_name = forms.CharField(
        label="Who is it from?", max_length=200, error_messages={"required": "Enter the name of the person who made it"}
    )
    from_relationship = forms.ChoiceField(
        label="Their relationship to the child (optional)",
        choices=[("", "Not about a child, or not known"), *MadeBy.choices],
        required=False,
    )
    staff = forms.ModelChoiceField(
        label="Which member of staff is it about? (optional)",
        queryset=StaffMember.objects.filter(left_on__isnull=True).order_by("last_name", "first_name"),
        required=False,
        empty_label="No one in particular",
    )
    pod = forms.ModelChoiceField(
        label="Which pod is it about? (optional)",
        help_text="If you leave this, it is the pod of the member of staff",
        queryset=Pod.objects.order_by("name"),
        required=False,
        empty_label="Work it out",
    )
    words = _text("What did they say?", required=True, rows=5, message="Write what they said")
    submit_label = "Record the compliment"

    def layout_fields(self):
        return [
            Field("received_on"),
            Field.radios("how_received", legend_size=Size.SMALL),
            "from_name",
            "from_relationship",
            "staff",
            "pod",
            Field.textarea("words"),
        ]


class ExtendForm(_Form):
    extended_to = _date("New due date", "Enter the new due date")
    reason = _text(
        "Why does it need longer?",
        required=True,
        rows=3,
        help_text="For example, the complaint is complex, or an advocate is being arranged",
        message="Say why the stage needs longer",
    )
    submit_label = "Extend"


class PanelForm(_Form):
    panel_held_on = _date("When did the review panel meet?", "Enter the date the panel met", required=False)
    findings_on = _date("When were the panel's findings sent? (leave blank if not yet)", "", required=False)
    submit_label = "Save the panel dates"


class RespondForm(_Form):
    responded_on = _date("Date of the response", "Enter the date of the response")
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the outcome"},
    )
    summary = _text(
        "Summary of the response",
        required=True,
        help_text="The family may read this in the portal: use plain words",
        message="Summarise the response sent",
    )
    learning = _text("What will the service change? (optional)", rows=3)
    submit_label = "Record the response"

    def layout_fields(self):
        return [
            Field("responded_on"),
            Field.radios("outcome", legend_size=Size.SMALL),
            Field.textarea("summary"),
            Field.textarea("learning"),
        ]


class EscalateForm(_Form):
    requested_on = _date("When did they ask for the next stage?", "Enter the date they asked")
    asked_for = _text("What are they still unhappy about?", rows=3)
    late_reason = _text("If they asked late: why is the request accepted?", rows=3)
    submit_label = "Start the next stage"


class LearningForm(_Form):
    what_will_change = _text(
        "What will the service change?", required=True, rows=3, message="Say what the service will change"
    )
    submit_label = "Add learning"
