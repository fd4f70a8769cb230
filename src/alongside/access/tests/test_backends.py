from alongside.access.backends import DEMO_PASSWORD
from alongside.practice_model.models import LocalAuthority
from alongside.testing.factories import TEST_PASSWORD, UserFactory


def make_la(*, is_demo):
    return LocalAuthority.objects.create(
        id=1, name="Test Council", dfe_code="999", child_population=1000, is_demo=is_demo
    )


def test_demo_password_never_works_on_a_real_database(client, db):
    make_la(is_demo=False)
    user = UserFactory(username="someone")
    user.set_password(DEMO_PASSWORD)
    user.save()
    response = client.post("/sign-in/", {"username": "someone", "password": DEMO_PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_demo_password_never_works_on_an_empty_database(client, db):
    user = UserFactory(username="someone")
    user.set_password(DEMO_PASSWORD)
    user.save()
    client.post("/sign-in/", {"username": "someone", "password": DEMO_PASSWORD})
    assert "_auth_user_id" not in client.session


def test_demo_password_works_on_a_demo_database(client, db):
    make_la(is_demo=True)
    user = UserFactory(username="someone")
    user.set_password(DEMO_PASSWORD)
    user.save()
    assert client.post("/sign-in/", {"username": "someone", "password": DEMO_PASSWORD}).status_code == 302


def test_a_real_password_works_on_a_real_database(client, db):
    make_la(is_demo=False)
    UserFactory(username="someone")
    assert client.post("/sign-in/", {"username": "someone", "password": TEST_PASSWORD}).status_code == 302
