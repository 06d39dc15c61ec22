"""Load shedding: beyond capacity, a request that waited too long for a worker thread gets a
quick 429 with ``Retry-After`` instead of a late answer (or a timeout).

gunicorn's threaded worker queues the requests it reads for its thread pool. :class:`Worker`
notes when each request joined that queue and how long it waited before a thread took it;
:class:`Shedding`, around the Django application, answers 429 itself when the wait passed
``KOERS_SHED_AFTER_MS`` (250 ms by default; 0 turns shedding off). Static files are always
served: they cost next to nothing.
"""

from __future__ import annotations

import html
import json
import os
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from gunicorn.workers.gthread import ThreadWorker

from koers.errors import ServerBusy, localised_message

DEFAULT_SHED_AFTER_MS = 250
RETRY_AFTER_S = 1
_waited = threading.local()


class Worker(ThreadWorker):  # type: ignore[misc]
    """gunicorn's threaded worker, noting how long each request waited for a thread."""

    def enqueue_req(self, conn: Any) -> None:
        conn.koers_queued_at = time.monotonic()
        super().enqueue_req(conn)

    def handle(self, conn: Any) -> Any:
        _waited.seconds = time.monotonic() - getattr(conn, "koers_queued_at", time.monotonic())
        return super().handle(conn)


def _language(environ: dict[str, Any]) -> str:
    preferred = environ.get("HTTP_ACCEPT_LANGUAGE", "nl").strip().lower()
    return "en" if preferred.startswith("en") else "nl"


class Shedding:
    """WSGI middleware: answers 429 for requests that waited longer than ``limit_s``."""

    def __init__(self, application: Callable[..., Iterable[bytes]], limit_s: float) -> None:
        self.application = application
        self.limit_s = limit_s

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        waited = getattr(_waited, "seconds", 0.0)
        _waited.seconds = 0.0  # a request is judged on its own wait only
        path = environ.get("PATH_INFO", "")
        if self.limit_s <= 0 or waited <= self.limit_s or path.startswith("/static/"):
            return self.application(environ, start_response)
        error = ServerBusy()
        message = localised_message(error, _language(environ))
        if path.startswith("/api/"):
            body = json.dumps({"code": error.code, "message": message, "detail": error.details()})
            kind = "application/json"
        else:
            text = html.escape(message)
            body = (
                f'<!doctype html><html lang="{_language(environ)}"><meta charset="utf-8">'
                '<meta name="viewport" content="width=device-width, initial-scale=1">'
                f"<title>{text}</title><p>{text}</p></html>"
            )
            kind = "text/html; charset=utf-8"
        start_response(
            "429 Too Many Requests",
            [
                ("Content-Type", kind),
                ("Retry-After", str(RETRY_AFTER_S)),
                ("Cache-Control", "no-store"),
                ("X-Content-Type-Options", "nosniff"),
            ],
        )
        return [body.encode()]


def shed_after_s() -> float:
    """``KOERS_SHED_AFTER_MS`` in seconds."""
    return int(os.environ.get("KOERS_SHED_AFTER_MS", DEFAULT_SHED_AFTER_MS)) / 1000
