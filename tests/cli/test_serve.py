"""`koers serve` runs the production server: no debug pages, no demo accounts unless asked,
and it rides out a database restart."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db import connections

SETTINGS = "DJANGO_SETTINGS_MODULE"
PGDIR = os.environ.get("KOERS_TEST_PGDIR", "")
SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
NURSE_ASSISTANT = "http://data.europa.eu/esco/occupation/87d0795a-d41f-47ee-979f-0ab7d73836e7"


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
def _serving(tmp_path: Path, database_url: str, *options: str, **settings: str) -> Iterator[str]:
    """Run `koers serve` (production) on a free port; yield its address once it answers."""
    port = _free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "KOERS_INSECURE_COOKIES", SETTINGS}
    }
    env.update(KOERS_VAR_DIR=str(tmp_path), DATABASE_URL=database_url, **settings)
    koers = Path(sys.executable).parent / "koers"
    server = subprocess.Popen(
        [str(koers), "serve", "--port", str(port), "--workers", "1", *options],
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
        # The models loaded before the worker forked still answer in it.
        request = urllib.request.Request(  # noqa: S310 - loopback
            f"{address}/api/skills/extract",
            data=json.dumps({"text": "Ik sorteer het afval.", "lang": "nl"}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback
            labels = [skill["label"] for skill in json.loads(response.read())]
        assert "afval sorteren" in labels
    with sqlite3.connect(tmp_path / "k.sqlite3") as db:
        assert db.execute("select count(*) from accounts_user").fetchone() == (0,)


def test_beyond_capacity_requests_get_a_quick_429_instead_of_waiting(tmp_path: Path):
    """One thread, and a request may wait 1 ms for it: of 12 requests sent at once, the
    first is answered and those that queued behind it get 429 with Retry-After."""
    settings = {"KOERS_SHED_AFTER_MS": "1"}
    with _serving(
        tmp_path, f"sqlite:///{tmp_path / 'k.sqlite3'}", "--threads", "1", **settings
    ) as address:
        start = threading.Barrier(12)

        def fetch(path: str) -> tuple[int, dict[str, str], str]:
            start.wait()
            return _get(address + path)

        paths = ["/api/matching/career-steps?occupation=" + NURSE_ASSISTANT, "/market/forecast/"]
        with ThreadPoolExecutor(12) as pool:
            answers = list(pool.map(fetch, paths * 6))
        static = _get(f"{address}/static/koers/favicon.svg")
    statuses = sorted(status for status, _, _ in answers)
    assert set(statuses) == {200, 429} and statuses.count(200) >= 1, statuses
    busy = [
        (path, headers, body)
        for path, (status, headers, body) in zip(paths * 6, answers, strict=True)
        if status == 429
    ]
    for path, headers, body in busy:
        assert headers["Retry-After"] == "1"
        if path.startswith("/api/"):
            assert json.loads(body)["code"] == "request.server_busy"
        else:
            assert "Het is nu te druk" in body and 'lang="nl"' in body
    assert static[0] == 200, "static files are never shed"


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
