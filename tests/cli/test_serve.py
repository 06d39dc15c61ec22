"""`koers serve` runs the production server: no debug pages, no demo accounts unless asked."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

SETTINGS = "DJANGO_SETTINGS_MODULE"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> tuple[int, dict[str, str], str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def test_production_server_hides_internals_and_creates_no_accounts(tmp_path: Path):
    port = _free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "KOERS_INSECURE_COOKIES", SETTINGS}
    }
    env.update(KOERS_VAR_DIR=str(tmp_path), DATABASE_URL=f"sqlite:///{tmp_path / 'k.sqlite3'}")
    koers = Path(sys.executable).parent / "koers"
    server = subprocess.Popen(
        [str(koers), "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                status, _, _ = _get(f"http://127.0.0.1:{port}/accounts/login/")
                break
            except (urllib.error.URLError, ConnectionError):
                assert server.poll() is None, server.stdout.read() if server.stdout else ""
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.5)
        assert status == 200
        status, headers, body = _get(f"http://127.0.0.1:{port}/no-such-page/")
        assert status == 404
        assert "Deze pagina bestaat niet" in body
        assert "Traceback" not in body and "DEBUG = True" not in body
        assert "Python" not in headers.get("Server", "")
        assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
        assert (tmp_path / "static").is_dir(), "static files are collected at start"
    finally:
        server.terminate()
        server.wait(timeout=30)
    with sqlite3.connect(tmp_path / "k.sqlite3") as db:
        assert db.execute("select count(*) from accounts_user").fetchone() == (0,)
