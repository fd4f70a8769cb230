from datetime import date

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def age(person, on: date | None = None) -> str:
    """'7 years', '8 months', '3 weeks', or 'Unborn (due 4 Jan 2027)', as workers say ages."""
    on = on or timezone.localdate()
    if person.date_of_birth is None:
        if person.expected_date_of_birth:
            return f"Unborn (due {person.expected_date_of_birth:%-d %b %Y})"
        return "Not known"
    years = person.age_on(on)
    if years >= 2:
        return f"{years} years"
    born = person.date_of_birth
    months = (on.year - born.year) * 12 + on.month - born.month - (on.day < born.day)
    if months >= 1:
        return f"{months} month{'s' if months != 1 else ''}"
    weeks = (on - born).days // 7
    return f"{weeks} week{'s' if weeks != 1 else ''}"


@register.filter
def disability_label(code: str) -> str:
    from alongside.codes import Disability

    try:
        return Disability(code).label
    except ValueError:
        return code


@register.filter
def get_item(mapping, key):
    """A value from a dict by a key held in a variable (templates cannot index by variable)."""
    return mapping.get(key) if mapping else None


@register.filter
def percent(share) -> str:
    """A share from 0 to 1 as a whole percentage ("73%"); a dash when there is none."""
    if share is None:
        return "–"
    return f"{round(share * 100)}%"


@register.filter
def grade_label(audit_round, code: str) -> str:
    """An audit grade's label as the round recorded it."""
    return audit_round.grade_label(code)


@register.simple_tag
def figure_value(figure, value) -> str:
    """An impact or fidelity figure in its own unit (insight.figures.format_value)."""
    from alongside.insight.figures import format_value

    return format_value(figure.metric, value)
