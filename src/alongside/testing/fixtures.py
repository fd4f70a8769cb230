"""Shared pytest fixtures (registered for the whole suite by the conftest.py at the repository root)."""

import pytest
from django.utils import timezone

from alongside.testing.factories import TEST_PASSWORD
from alongside.testing.world import build_world


@pytest.fixture
def world(db):
    return build_world(today=timezone.localdate())


@pytest.fixture
def sign_in(client):
    """Signs the test client in as a user, through the real sign-in page."""

    def _sign_in(user):
        client.logout()
        response = client.post("/sign-in/", {"username": user.username, "password": TEST_PASSWORD})
        assert response.status_code == 302, "sign-in failed"
        return client

    return _sign_in


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rendered story entries are cached; each test starts with none, as ids repeat between tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
