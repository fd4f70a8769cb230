class ApplicationError(Exception):
    """A domain rule refused a change. The message is in plain words, fit to show the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
