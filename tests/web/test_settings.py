"""Settings read from the environment, with secure defaults outside debug."""

from __future__ import annotations

import os
import subprocess
import sys


def _settings(**env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "KOERS_INSECURE_COOKIES", "DATABASE_URL"}
    }
    environment.update(env)
    code = (
        "import koers.web.settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.DATABASES['default']['ENGINE'])"
    )
    return subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True
    )


def test_production_without_secret_key_refuses_to_start():
    result = _settings(DEBUG="0")
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_production_cookies_are_secure_and_database_from_url():
    result = _settings(SECRET_KEY="k" * 50, DATABASE_URL="postgres://u@127.0.0.1:5432/db")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "django.db.backends.postgresql"]


def test_debug_uses_sqlite_and_plain_cookies(tmp_path):
    result = _settings(DEBUG="1", KOERS_VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False", "django.db.backends.sqlite3"]
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
