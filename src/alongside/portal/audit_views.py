"""The family's view for a case file audit, given in the portal: the auditor asked, the parent or
young person answers a few plain questions. Only their own waiting questions are ever shown."""

from crispy_forms_gds.layout import Field, Size
from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from alongside.access.access import require_family
from alongside.access.declare import Rule, access_rule
from alongside.lib.errors import ApplicationError
from alongside.lib.forms import show_refusal
from alongside.portal.forms import MAX_CHARACTERS, _Form
from alongside.portal.views import _done
from alongside.quality.models import FamilyAnswer
from alongside.quality.selectors import family_views_waiting
from alongside.quality.services import family_view_give

# The family questions shipped in operating_model.yaml, marked so that the catalogue keeps their
# translations. An LA that words its own questions adds them to its catalogue the same way; until
# then they show in English.
SHIPPED_QUESTIONS = (
    gettext_noop("Does your worker listen to you?"),
    gettext_noop("Does the plan feel like your family's plan?"),
    gettext_noop("Have you been able to keep the same worker?"),
    gettext_noop("Are things better for your family since we started working together?"),
)
ANSWERS = [(FamilyAnswer.YES, _("Yes")), (FamilyAnswer.SOMETIMES, _("Sometimes")), (FamilyAnswer.NO, _("No"))]


class HowAreWeDoingForm(_Form):
    submit_label = _("Send my answers")

    def __init__(self, *args, questions, **kwargs):
        self.questions = questions
        super().__init__(*args, **kwargs)

    def layout_fields(self):
        for question in self.questions:
            # The questions come from the operating model; their translations are in the catalogue.
            self.fields[f"answer-{question['code']}"] = forms.ChoiceField(
                label=gettext(question["question"]),
                choices=ANSWERS,
                widget=forms.RadioSelect,
                required=False,
            )
        self.fields["words"] = forms.CharField(
            label=_("Is there anything else you want to tell us?"),
            required=False,
            max_length=MAX_CHARACTERS,
            widget=forms.Textarea(attrs={"rows": 5}),
        )
        return [
            *[Field.radios(f"answer-{q['code']}", legend_size=Size.SMALL, inline=True) for q in self.questions],
            Field.textarea("words"),
        ]


@access_rule(Rule.FAMILY)
@login_required
@require_http_methods(["GET", "POST"])
def how_are_we_doing(request):
    """The oldest question set waiting for this family member, or a thank-you when there is none."""
    person = require_family(request.user)
    view = family_views_waiting(person).first()
    if view is None:
        return render(request, "portal/how_are_we_doing.html", {"form": None})
    form = HowAreWeDoingForm(request.POST or None, questions=view.audit.round.family_questions)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            family_view_give(
                actor=request.user,
                view=view,
                answers={q["code"]: data.get(f"answer-{q['code']}", "") for q in view.audit.round.family_questions},
                words=data["words"],
                request=request,
            )
        except ApplicationError as refused:
            show_refusal(form, refused)
        else:
            return _done(request, _("Thank you for telling us."))
    return render(request, "portal/how_are_we_doing.html", {"form": form})
