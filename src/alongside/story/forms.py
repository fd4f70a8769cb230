from datetime import datetime, time

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Layout
from django import forms
from django.utils import timezone

from alongside.access.visibility import Visibility
from alongside.codes import AbuseCategory, ReviewParticipation
from alongside.journey.meetings import OUTCOMES, MeetingKind, MeetingOutcome
from alongside.partners.models import Agency
from alongside.story.models import MAX_MINUTES, TIMED_KINDS, ContactMethod, DirectWorkTool, EntryKind
from alongside.story.services import MINUTES_OUT_OF_RANGE, EntryInput

YES_NO = [("yes", "Yes"), ("no", "No")]
TIME_FORMAT = "Enter the time like 14:30"

# Which fields each kind of entry asks for, after the ones every entry has.
KIND_FIELDS = {
    EntryKind.HOME_VISIT: ["child_seen", "child_seen_alone", "people_present", "location"],
    EntryKind.DIRECT_WORK: ["direct_work_tool", "child_words", "child_seen_alone", "location"],
    EntryKind.CONTACT: ["contact_method"],
    EntryKind.MEETING: ["attendees", "decisions", "family_view"],
    EntryKind.PARTNER_INFORMATION: ["agency"],
    EntryKind.FAMILY_WORDS: ["family_view"],
    EntryKind.DOCUMENT: ["file"],
    EntryKind.HEALTH_ASSESSMENT: ["agency", "child_words"],
}


def _minutes_input():
    """A GOV.UK text input, 3 characters wide, with "minutes" after it. A text input with a numeric
    keyboard, not type=number, as the Design System advises (number inputs change on scroll and let
    browsers reject input silently); the suffix is hidden from screen readers, which hear the unit
    in the hint. Still a TextInput, so crispy-forms-gds styles it and marks it in error."""
    widget = forms.TextInput(
        attrs={"class": "govuk-input--width-3", "inputmode": "numeric", "spellcheck": "false", "autocomplete": "off"}
    )
    widget.template_name = "story/widgets/minutes.html"
    return widget


def _yes_no(value):
    return None if value in ("", None) else value == "yes"


class StoryEntryForm(forms.Form):
    about = forms.MultipleChoiceField(
        label="Who is this about?",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select which children this is about"},
    )
    occurred_on = DateInputField(label="When did it happen?", help_text="For example, 27 3 2026")
    occurred_time = forms.CharField(label="Time", required=False, max_length=5, help_text="For example, 14:30")
    # Time with the child or family, or on the task itself: travel and writing up would count the
    # same hour as direct work for one worker and as administration for another, so they are left
    # out everywhere, and the share of direct work compares like with like across workers and pods.
    minutes = forms.IntegerField(
        label="How long did this take?",
        help_text="In minutes. The time with the child or family, or on the task itself: leave out travel and "
        "writing up.",
        required=False,
        min_value=1,
        max_value=MAX_MINUTES,
        widget=_minutes_input(),
        error_messages={
            "invalid": "Enter how long it took as a number of minutes, like 45",
            "min_value": MINUTES_OUT_OF_RANGE,
            "max_value": MINUTES_OUT_OF_RANGE,
        },
    )
    summary = forms.CharField(
        label="Summary", max_length=200, required=False, help_text="One line that will show in the story"
    )
    child_seen = forms.ChoiceField(
        label="Was the child seen?", choices=YES_NO, widget=forms.RadioSelect, required=False
    )
    child_seen_alone = forms.ChoiceField(
        label="Was the child seen alone?", choices=YES_NO, widget=forms.RadioSelect, required=False
    )
    people_present = forms.CharField(
        label="Who else was there?", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    location = forms.CharField(label="Where", required=False, max_length=200)
    direct_work_tool = forms.ChoiceField(
        label="Tool used", choices=[("", "Select a tool"), *DirectWorkTool.choices], required=False
    )
    child_words = forms.CharField(
        label="The child's own words",
        required=False,
        help_text="Exactly as they said or wrote them",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    contact_method = forms.ChoiceField(
        label="How were you in touch?", choices=ContactMethod.choices, widget=forms.RadioSelect, required=False
    )
    attendees = forms.CharField(label="Who attended", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    decisions = forms.CharField(label="Decisions", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    meeting_outcome = forms.ChoiceField(
        label="What did the meeting decide?",
        help_text="This is written to the child's record when you add the meeting to the story",
        choices=MeetingOutcome.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    abuse_category = forms.ChoiceField(
        label="Category of abuse",
        choices=AbuseCategory.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    review_participation = forms.ChoiceField(
        label="How did the child take part in their review?",
        choices=ReviewParticipation.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    family_view = forms.CharField(
        label="The family's view, in their words", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    agency = forms.ModelChoiceField(
        label="Which agency?", queryset=Agency.objects.order_by("name"), required=False, empty_label="Select an agency"
    )
    file = forms.FileField(label="File", required=False, help_text="PDF, Word, JPG, PNG or text, smaller than 20 MB")
    body = forms.CharField(label="What happened", required=False, widget=forms.Textarea(attrs={"rows": 6}))
    significant = forms.BooleanField(label="This is a significant event in the child's life", required=False)
    visibility = forms.ChoiceField(
        label="Who can see this?", choices=Visibility.choices, widget=forms.RadioSelect, initial=Visibility.STAFF
    )

    extra_fields: tuple[str, ...] = ()

    def __init__(self, *args, kind: str, children, meeting: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.meeting = meeting if kind == EntryKind.MEETING else ""
        self.fields["about"].choices = [(str(child.id), child.full_name) for child in children]
        keep = {
            "about",
            "occurred_on",
            "occurred_time",
            "summary",
            "body",
            "significant",
            "visibility",
            *(["minutes"] if kind in TIMED_KINDS else []),
            *KIND_FIELDS.get(kind, []),
            *self._meeting_fields(),
            *self.extra_fields,
        }
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        self.helper = FormHelper()
        self.helper.form_tag = False

    def _meeting_fields(self) -> list[str]:
        """The decision fields for this kind of meeting, with only the outcomes it can reach."""
        names = []
        if self.meeting in OUTCOMES:
            names.append("meeting_outcome")
            self.fields["meeting_outcome"].choices = [(o.value, o.label) for o in OUTCOMES[self.meeting]]
        if self.meeting == MeetingKind.INITIAL_CONFERENCE:
            names.append("abuse_category")
            self.fields["abuse_category"].help_text = "If the conference decided on a child protection plan"
        if self.meeting == MeetingKind.REVIEW_CONFERENCE:
            names.append("abuse_category")
            self.fields["abuse_category"].label = "Category of abuse, if the conference changed it"
        if self.meeting == MeetingKind.LOOKED_AFTER_REVIEW:
            names.append("review_participation")
        return names

    def clean_occurred_time(self):
        raw = self.cleaned_data["occurred_time"].strip()
        if not raw:
            return None
        try:
            return datetime.strptime(raw, "%H:%M").time()
        except ValueError:
            raise forms.ValidationError(TIME_FORMAT) from None

    def entry_input(self) -> EntryInput:
        data = self.cleaned_data
        when = timezone.make_aware(datetime.combine(data["occurred_on"], data.get("occurred_time") or time(12, 0)))
        return EntryInput(
            kind=self.kind,
            occurred_at=when,
            about_ids=[int(i) for i in data["about"]],
            visibility=data["visibility"],
            significant=data["significant"],
            summary=data["summary"].strip(),
            body=data["body"],
            minutes=data.get("minutes"),
            child_seen=_yes_no(data.get("child_seen")),
            child_seen_alone=_yes_no(data.get("child_seen_alone")),
            people_present=data.get("people_present", ""),
            location=data.get("location", ""),
            direct_work_tool=data.get("direct_work_tool", ""),
            child_words=data.get("child_words", ""),
            contact_method=data.get("contact_method", ""),
            meeting_kind=self.meeting,
            meeting_outcome=data.get("meeting_outcome", ""),
            abuse_category=data.get("abuse_category", ""),
            review_participation=data.get("review_participation", ""),
            attendees=data.get("attendees", ""),
            decisions=data.get("decisions", ""),
            family_view=data.get("family_view", ""),
            agency_id=data["agency"].id if data.get("agency") else None,
        )


def initial_from_entry(entry) -> dict:
    local = timezone.localtime(entry.occurred_at)

    def yes_no(value):
        return "" if value is None else ("yes" if value else "no")

    return {
        "about": [str(p.id) for p in entry.about.all()],
        "occurred_on": local.date(),
        "occurred_time": local.strftime("%H:%M"),
        "minutes": entry.minutes,
        "summary": entry.summary,
        "body": entry.body,
        "significant": entry.significant,
        "visibility": entry.visibility,
        "child_seen": yes_no(entry.child_seen),
        "child_seen_alone": yes_no(entry.child_seen_alone),
        "people_present": entry.people_present,
        "location": entry.location,
        "direct_work_tool": entry.direct_work_tool,
        "child_words": entry.child_words,
        "contact_method": entry.contact_method,
        "meeting_outcome": entry.meeting_outcome,
        "abuse_category": entry.abuse_category,
        "review_participation": entry.review_participation,
        "attendees": entry.attendees,
        "decisions": entry.decisions,
        "family_view": entry.family_view,
        "agency": entry.agency_id,
    }


class CorrectionForm(StoryEntryForm):
    extra_fields = ("correction_reason",)
    correction_reason = forms.CharField(
        label="What was wrong, and why are you correcting it?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what was wrong and why you are correcting it"},
    )


class StoryFilterForm(forms.Form):
    child = forms.TypedChoiceField(label="Child", coerce=int, required=False, empty_value=None)
    kind = forms.ChoiceField(label="Kind", choices=[("", "All kinds"), *EntryKind.choices], required=False)
    date_from = forms.DateField(label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    significant = forms.BooleanField(label="Significant events only", required=False)
    text = forms.CharField(label="Search the story", required=False, max_length=100)

    def __init__(self, *args, children, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child"].choices = [("", "All children"), *[(c.id, c.full_name) for c in children]]


class ReplyForm(forms.Form):
    text = forms.CharField(
        label="Your reply",
        help_text="The family will read this. Use plain words.",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        error_messages={"required": "Write your reply", "max_length": "The reply must be 5,000 characters or fewer"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(Field.textarea("text"), Button("submit", "Send reply"))
