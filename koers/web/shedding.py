"""Load shedding: beyond capacity, a request that waited too long for a worker thread gets a
quick 429 with ``Retry-After`` instead of a late answer (or a timeout).

gunicorn's threaded worker queues the requests it reads for its thread pool. :class:`Worker`
notes when each request joined that queue and how long it waited before a thread took it.
While requests queue in a worker, it closes each connection after its answer instead of
keeping it alive, so the client's next request comes on a new connection, which a less busy
worker takes: otherwise the kept-alive connections of a burst stayed with one worker that,
held to one core by Python's lock, queued them while the other idled (0.63 against 0.07 cores
at 100 requests/s).

:class:`Shedding`, around the Django application, answers 429 itself when the wait passed
``KOERS_SHED_AFTER_MS`` (500 ms by default, well above the waits of a busy but not overloaded
server; 0 turns shedding off). Static files are always served: they cost next to nothing.
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

DEFAULT_SHED_AFTER_MS = 500
RETRY_AFTER_S = 1
_waited = threading.local()


class Worker(ThreadWorker):  # type: ignore[misc]
    """gunicorn's threaded worker, noting how long each request waited for a thread, and
    keeping no connection alive while requests queue."""

    busy = 0
    """Requests handed to the thread pool and not finished (only the main thread counts)."""
    _keep_alive_limit = 0

    @property
    def max_keepalived(self) -> int:
        """How many idle connections gunicorn keeps; it closes any beyond, and checks before
        each answer: none while more requests are in hand than there are threads."""
        return 0 if self.busy > self.cfg.threads else self._keep_alive_limit

    @max_keepalived.setter
    def max_keepalived(self, limit: int) -> None:
        self._keep_alive_limit = limit

    def enqueue_req(self, conn: Any) -> None:
        conn.koers_queued_at = time.monotonic()
        self.busy += 1
        super().enqueue_req(conn)

    def finish_request(self, conn: Any, fs: Any) -> None:
        self.busy -= 1
        super().finish_request(conn, fs)

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
