from django.shortcuts import render
from django.utils import timezone

from alongside.portal.selectors import children_for_parent, workers_for_children, workers_grouped


def parent_home(request):
    """A parent's home: what is happening for each of their children, and who is helping."""
    parent = request.user.person
    today = timezone.localdate()
    rows = workers_for_children(children_for_parent(parent), on=today)
    return render(
        request,
        "portal/parent_home.html",
        {
            "parent": parent,
            "rows": rows,
            "workers": workers_grouped(rows),
        },
    )


def young_person_home(request):
    """A young person's own home: only about them, never their parents' or siblings' records."""
    me = request.user.person
    today = timezone.localdate()
    row = workers_for_children([me], on=today, you=True)[0]
    return render(request, "portal/young_person_home.html", {"me": me, "row": row})
