"""Settings for the test suite: the real settings module with a throwaway secret and fast hashing.

DATABASE_URL still chooses the database, so CI runs this same suite on SQLite and PostgreSQL."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "tests-only-not-secret")
# Uploaded documents and the like go to a throwaway directory, never the repository.
os.environ.setdefault("ALONGSIDE_DATA_DIR", tempfile.mkdtemp(prefix="alongside-tests-"))

from alongside.settings import *  # noqa: E402,F403

# Hashing strength is not under test; the default costs ~0.3 s per sign-in.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]  # noqa: F405
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
STATIC_ROOT = None  # tests serve static files from the apps through the finders
# Tasks run as they are enqueued, so a test sees a return produced without a worker process.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
