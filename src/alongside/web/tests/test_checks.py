from alongside.web.checks import database_warnings

SQLITE = "django.db.backends.sqlite3"


def test_sqlite_serving_public_hosts_is_warned_about():
    assert [w.id for w in database_warnings(SQLITE, ["alongside.council.example"])] == ["alongside.W001"]


def test_sqlite_on_this_machine_only_is_fine():
    assert database_warnings(SQLITE, ["127.0.0.1", "localhost"]) == []


def test_postgresql_serving_public_hosts_is_fine():
    assert database_warnings("django.db.backends.postgresql", ["alongside.council.example"]) == []
