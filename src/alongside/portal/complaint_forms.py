"""The family's compliment or complaint forms: plain words, one thing per question (GOV.UK patterns).
The rules (a complaint needs a way to reply, the child must be theirs) are in complaints.services."""

from crispy_forms_gds.layout import Button, Field, Layout, Size
from django import forms
from django.utils.translation import gettext_lazy as _

from alongside.complaints.models import ReplyBy
from alongside.portal.forms import _Form, _long_text

COMPLIMENT, COMPLAINT = "compliment", "complaint"
# The reply routes a family can choose in the portal, in their words.
HERE = _("Here, on this website")
BY_EMAIL = _("By email")
BY_PHONE = _("By phone")


class SaySomethingForm(_Form):
    kind = forms.ChoiceField(
        label=_("What do you want to tell us?"),
        choices=[
            (COMPLIMENT, _("Something we did well. This is a compliment.")),
            (COMPLAINT, _("Something that went wrong. This is a complaint.")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose if it is good or if it went wrong")},
    )
    child = forms.ChoiceField(label=_("Who is it about?"), widget=forms.RadioSelect, required=False)
    about = _long_text(
        _("What happened?"),
        help_text=_("Tell us in your own words."),
        required_message=_("Write what happened"),
    )
    reply_by = forms.ChoiceField(
        label=_("How should we reply?"),
        help_text=_("We reply to every complaint. If you choose here, you will see our reply when you sign in."),
        choices=[(ReplyBy.PORTAL, HERE), (ReplyBy.EMAIL, BY_EMAIL), (ReplyBy.PHONE, BY_PHONE)],
        widget=forms.RadioSelect,
        required=False,
    )
    reply_email = forms.CharField(
        label=_("Your email address"), help_text=_("If you chose email"), max_length=254, required=False
    )
    reply_phone = forms.CharField(
        label=_("Your phone number"), help_text=_("If you chose phone"), max_length=30, required=False
    )
    submit_label = _("Send")

    def __init__(self, *args, children, young_person: bool, **kwargs):
        self.young_person = young_person
        super().__init__(*args, **kwargs)
        if young_person:
            del self.fields["child"]
        else:
            self.fields["child"].choices = [(str(c.id), c.first_name) for c in children]
        # _Form laid the form out before the fields were settled: lay it out again.
        self.helper.layout = Layout(*self.layout_fields(), Button("submit", self.submit_label))

    def layout_fields(self):
        fields = [Field.radios("kind", legend_size=Size.MEDIUM)]
        if "child" in self.fields:
            fields.append(Field.radios("child", legend_size=Size.SMALL))
        return [
            *fields,
            Field.textarea("about", rows=5),
            # Plain radios with the boxes after them, not conditional reveals: the reveal script marks
            # radios aria-expanded, which axe (WCAG 2.2 AA, as every page here is checked) refuses.
            Field.radios("reply_by", legend_size=Size.SMALL),
            Field.text("reply_email", autocomplete="email"),
            Field.text("reply_phone", autocomplete="tel", field_width=20),
        ]


class NextStageForm(_Form):
    unhappy = _long_text(
        _("What are you still unhappy about?"),
        required_message=_("Tell us what you are still unhappy about"),
    )
    why_now = _long_text(_("Why are you asking now?"), required=False)
    submit_label = _("Ask for the next step")

    def __init__(self, *args, late: bool, **kwargs):
        self.late = late
        super().__init__(*args, **kwargs)
        if not late:
            del self.fields["why_now"]
            self.helper.layout = Layout(*self.layout_fields(), Button("submit", self.submit_label))
