# The named-persona world and sign-in helpers, for tests under src/ and tests/ alike.
pytest_plugins = ["alongside.testing.fixtures"]
