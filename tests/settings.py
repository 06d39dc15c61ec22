"""Settings for the test suite: production settings, with a throw-away key, over plain HTTP."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-not-a-secret-" + "x" * 32)
os.environ.setdefault("KOERS_INSECURE_COOKIES", "1")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("KOERS_API_RATE", "100000/s")  # the rate-limit test lowers it itself

from koers.web.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast hashing in tests

# Never collected into: pages use plain static URLs, served from the app folders (finders).
STATIC_ROOT = VAR_DIR / "test-static"  # noqa: F405
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
