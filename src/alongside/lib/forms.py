"""Showing a refused change on the form the user filled in, GOV.UK style (error summary + field)."""

from alongside.lib.errors import ApplicationError, FormProblems


def show_refusal(form, error: ApplicationError) -> None:
    """Puts each problem on its field (or the whole form), so the page shows it beside the answer."""
    problems = error.problems if isinstance(error, FormProblems) else {None: error.message}
    for name, message in problems.items():
        form.add_error(name if name in form.fields else None, message)
