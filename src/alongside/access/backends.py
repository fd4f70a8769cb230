from django.contrib.auth.backends import ModelBackend

from alongside.practice_model.selectors import is_demo_database

# Published in the README and printed by `alongside logins`. It is refused on any database that the
# synthetic generator did not create, so a real deployment can never be entered with it.
DEMO_PASSWORD = "alongside-demo"


class AlongsideBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if password == DEMO_PASSWORD and not is_demo_database():
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
