class ApplicationError(Exception):
    """A domain rule refused a change. The message is in plain words, fit to show the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class FormProblems(ApplicationError):
    """A change refused for one or more fields. `problems` maps each field to its problem in plain words;
    the message is the first of them."""

    def __init__(self, problems: dict[str, str]):
        super().__init__(next(iter(problems.values())))
        self.problems = problems
