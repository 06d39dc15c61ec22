"""Settings for the test suite: production settings, with a throw-away key, over plain HTTP."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-not-a-secret-" + "x" * 32)
os.environ.setdefault("KOERS_INSECURE_COOKIES", "1")
os.environ.setdefault("DEBUG", "0")

from koers.web.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast hashing in tests

STATIC_ROOT = VAR_DIR / "static"  # noqa: F405
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
