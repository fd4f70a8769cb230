from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from alongside.demo.management.commands.logins import NOT_DEMO
from alongside.practice_model.models import LocalAuthority


def test_logins_refuses_on_a_database_that_is_not_a_demo(db):
    LocalAuthority.objects.create(id=1, name="Real Council", dfe_code="999", child_population=1, is_demo=False)
    with pytest.raises(CommandError, match=NOT_DEMO):
        call_command("logins", json=True, stdout=StringIO())
