"""`koers serve` runs the production server: no debug pages, no demo accounts unless asked,
and it rides out a database restart."""

from __future__ import annotations

import contextlib
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connections

SETTINGS = "DJANGO_SETTINGS_MODULE"
PGDIR = os.environ.get("KOERS_TEST_PGDIR", "")
SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"


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


@contextlib.contextmanager
def _serving(tmp_path: Path, database_url: str) -> Iterator[str]:
    """Run `koers serve` (production) on a free port; yield its address once it answers."""
    port = _free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "KOERS_INSECURE_COOKIES", SETTINGS}
    }
    env.update(KOERS_VAR_DIR=str(tmp_path), DATABASE_URL=database_url)
    koers = Path(sys.executable).parent / "koers"
    server = subprocess.Popen(
        [str(koers), "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    address = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                _get(f"{address}/accounts/login/")
                break
            except (urllib.error.URLError, ConnectionError):
                assert server.poll() is None, server.stdout.read() if server.stdout else ""
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.5)
        yield address
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_production_server_hides_internals_and_creates_no_accounts(tmp_path: Path):
    with _serving(tmp_path, f"sqlite:///{tmp_path / 'k.sqlite3'}") as address:
        assert _get(f"{address}/accounts/login/")[0] == 200
        status, headers, body = _get(f"{address}/no-such-page/")
        assert status == 404
        assert "Deze pagina bestaat niet" in body
        assert "Traceback" not in body and "DEBUG = True" not in body
        assert "Python" not in headers.get("Server", "")
        assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
        assert (tmp_path / "static").is_dir(), "static files are collected at start"
    with sqlite3.connect(tmp_path / "k.sqlite3") as db:
        assert db.execute("select count(*) from accounts_user").fetchone() == (0,)


@pytest.mark.db
@pytest.mark.skipif(not PGDIR, reason="needs the throw-away PostgreSQL of scripts/test")
def test_requests_recover_after_postgresql_restarts_under_traffic(tmp_path: Path):
    """The server keeps its database connections; after PostgreSQL restarts, the next
    requests get fresh ones (connection health checks), with no restart of the app."""
    with _serving(tmp_path, os.environ["DATABASE_URL"]) as address:
        page = f"{address}/market/tension/"
        assert _get(page)[0] == 200
        try:
            subprocess.run([str(SCRIPTS / "postgres"), "restart", PGDIR], check=True)
            statuses = [_get(page)[0] for _ in range(5)]
        finally:
            connections.close_all()  # this test process's own connections died too
    assert statuses == [200] * 5, statuses
