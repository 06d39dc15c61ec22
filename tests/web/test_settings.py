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


def test_production_without_secret_key_generates_one_once(tmp_path):
    first = _settings(DEBUG="0", KOERS_VAR_DIR=str(tmp_path))
    assert first.returncode == 0, first.stderr
    key = tmp_path / "secret_key"
    assert key.stat().st_mode & 0o077 == 0 and len(key.read_text()) >= 50
    again = _settings(DEBUG="0", KOERS_VAR_DIR=str(tmp_path))
    assert again.returncode == 0 and key.read_text() == key.read_text()


def test_deploy_check_is_clean_for_production_settings(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "KOERS_INSECURE_COOKIES", "DATABASE_URL", "SECRET_KEY"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="koers.web.settings",
        DEBUG="0",
        SECRET_KEY="s3cr3t-" + "x1y2z3" * 10,
        KOERS_VAR_DIR=str(tmp_path),
        SECURE_SSL_REDIRECT="1",
        BEHIND_TLS_PROXY="1",
        SECURE_HSTS_SECONDS="31536000",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="1",
        SECURE_HSTS_PRELOAD="1",
    )
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_cookies_are_secure_and_database_from_url():
    result = _settings(SECRET_KEY="k" * 50, DATABASE_URL="postgres://u@127.0.0.1:5432/db")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "django.db.backends.postgresql"]


def test_debug_uses_sqlite_and_plain_cookies(tmp_path):
    result = _settings(DEBUG="1", KOERS_VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False", "django.db.backends.sqlite3"]
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
