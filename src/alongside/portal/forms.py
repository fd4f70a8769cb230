"""The family's forms: short, plain words, one thing per question (GOV.UK patterns)."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Layout, Size
from django import forms
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from alongside.plans.models import Agreement
from alongside.portal.models import Channel, HowItWent
from alongside.portal.services import MAX_CHARACTERS

# Formatted when shown, in the reader's language (5,000 in English, 5 000 in Polish).
TOO_LONG = lazy(
    lambda: gettext("Write %(max)s characters or fewer") % {"max": number_format(MAX_CHARACTERS, force_grouping=True)},
    str,
)()


def _long_text(label, *, required=True, help_text="", required_message=""):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=MAX_CHARACTERS,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": required_message,
            "max_length": TOO_LONG,
        },
    )


class _Form(forms.Form):
    submit_label = _("Send")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(*self.layout_fields(), Button("submit", self.submit_label))

    def layout_fields(self):
        return [
            Field.textarea(name) if isinstance(f.widget, forms.Textarea) else name for name, f in self.fields.items()
        ]


class PlanResponseForm(_Form):
    agreement = forms.ChoiceField(
        label=_("Do you agree with this plan?"),
        choices=[
            (Agreement.AGREED, _("Yes, I agree")),
            (Agreement.PARTLY, _("I agree with some of it")),
            (Agreement.DISAGREED, _("No, I do not agree")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether you agree with the plan")},
    )
    disagree_with = _long_text(
        _("What do you not agree with?"),
        required=False,
        help_text=_("Tell us if you do not agree with all of it. Your worker will talk to you about it."),
    )
    submit_label = _("Send my answer")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.form_tag = False  # the page's form also carries which plan is answered

    def layout_fields(self):
        return [Field.radios("agreement", legend_size=Size.MEDIUM), Field.textarea("disagree_with")]


class WordsForm(_Form):
    children = forms.MultipleChoiceField(
        label=_("Who is it about?"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose who it is about")},
    )
    text = _long_text(_("What do you want to say?"), required_message=_("Write what you want to say"))
    private = forms.BooleanField(label=_("Do not show this to my parents"), required=False)
    submit_label = _("Add to our story")

    def __init__(self, *args, children, young_person: bool, **kwargs):
        self.young_person = young_person
        super().__init__(*args, **kwargs)
        self.fields["children"].choices = [(str(c.id), c.first_name) for c in children]
        if young_person:
            del self.fields["children"]
        else:
            del self.fields["private"]

    def layout_fields(self):
        if self.young_person:
            return [Field.textarea("text"), Field.checkbox("private")]
        return [Field.checkboxes("children", legend_size=Size.MEDIUM), Field.textarea("text")]


class MyViewForm(_Form):
    scale = forms.TypedChoiceField(
        label=_("How are things going for you? 0 is very bad. 10 is very good."),
        choices=[(str(n), str(n)) for n in range(11)],
        coerce=int,
        widget=forms.RadioSelect(attrs={"class": "alongside-scale"}),
        error_messages={"required": _("Choose a number from 0 to 10")},
    )
    text = _long_text(_("What do you want your worker to know?"), required=False)
    goals = _long_text(
        _("What do you want to happen? These are your own goals."),
        required=False,
        help_text=_("Write one goal on each line."),
    )
    private = forms.BooleanField(label=_("Do not show this to my parents"), required=False)
    submit_label = _("Send to my worker")

    def layout_fields(self):
        return [
            Field.radios("scale", legend_size=Size.MEDIUM, inline=True),
            Field.textarea("text"),
            Field.textarea("goals"),
            Field.checkbox("private"),
        ]


class MessageForm(_Form):
    text = _long_text(
        _("Your message for the new worker"),
        help_text=_("What should they know about your family? What helps? What does not?"),
        required_message=_("Write your message"),
    )
    submit_label = _("Send my message")


class FeedbackForm(_Form):
    how_it_went = forms.ChoiceField(
        label=_("Has our help been good for you?"),
        choices=[
            (HowItWent.HELPED_A_LOT, _("It helped a lot")),
            (HowItWent.HELPED_A_BIT, _("It helped a bit")),
            (HowItWent.NOT_HELPED, _("It did not help")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how our help has been")},
    )
    helped = _long_text(_("What helped?"), required=False)
    did_not_help = _long_text(_("What did not help?"), required=False)
    submit_label = _("Send")

    def layout_fields(self):
        return [
            Field.radios("how_it_went", legend_size=Size.MEDIUM),
            Field.textarea("helped"),
            Field.textarea("did_not_help"),
        ]


class ChangeWorkerForm(_Form):
    reason = _long_text(
        _("Why do you want a different worker?"),
        help_text=_("A manager will read this and answer you."),
        required_message=_("Tell us why you want a different worker"),
    )
    submit_label = _("Ask for a different worker")


class PasswordForm(_Form):
    how = forms.ChoiceField(
        label=_("How do you want to sign in?"),
        choices=[("password", _("With a password")), ("link", _("With a link we send you each time"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you want to sign in")},
    )
    password = forms.CharField(
        label=_("Choose a password"),
        help_text=_("Use 8 letters or more. Do not use your name."),
        required=False,
        max_length=200,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    submit_label = _("Continue")

    def layout_fields(self):
        return [Field.radios("how", legend_size=Size.MEDIUM), "password"]


class SignInLinkForm(_Form):
    channel = forms.ChoiceField(
        label=_("Where should we send your link?"),
        choices=[(Channel.EMAIL, _("Email")), (Channel.SMS, _("Text message"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose email or text message")},
    )
    address = forms.CharField(
        label=_("Your email address or mobile number"),
        max_length=254,
        error_messages={"required": _("Enter your email address or mobile number")},
    )
    submit_label = _("Send me a link")

    def layout_fields(self):
        return [Field.radios("channel", legend_size=Size.MEDIUM), "address"]


class InviteForm(_Form):
    """Staff: invite a family member to the portal."""

    person = forms.ChoiceField(
        label="Who do you want to invite?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select who to invite"},
    )
    channel = forms.ChoiceField(
        label="How should the invitation be sent?",
        choices=Channel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how to send the invitation"},
    )
    address = forms.CharField(
        label="Their email address or mobile number",
        max_length=254,
        error_messages={"required": "Enter their email address or mobile number"},
    )
    submit_label = "Send invitation"

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [(str(p.id), f"{p.first_name} {p.last_name}") for p in people]

    def layout_fields(self):
        return [
            Field.radios("person", legend_size=Size.MEDIUM),
            Field.radios("channel", legend_size=Size.SMALL),
            "address",
        ]


class AnswerForm(_Form):
    """Staff: a manager's answer to a family's request for a different worker."""

    request_id = forms.IntegerField(widget=forms.HiddenInput)
    answer = forms.CharField(
        label="Your answer to the family",
        help_text="The family will read this. Say what you have decided and why, in plain words.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_CHARACTERS,
        error_messages={"required": "Write your answer to the family"},
    )
    submit_label = "Send answer"
