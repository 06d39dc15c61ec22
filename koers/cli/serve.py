"""Serve the platform: migrate the database, collect the static files and run gunicorn (or,
with ``--dev``, Django's autoreloading development server with debug on)."""

from __future__ import annotations

import gc
import os
from typing import Annotated, Any

import typer

from koers.cli.common import app, command, open_database, out

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
REQUEST_TIMEOUT_S = 30


def _warm_up() -> None:
    """Load what requests need before the workers fork: they share it, and no worker spends
    its first requests loading (4 s) while they queue. A search loads the sentence encoder;
    extracting skills from a Dutch and an English sentence loads the English encoder, the Dutch
    word model and their int8 products (single-threaded onnxruntime sessions, safe to fork).

    Then the loaded objects are frozen out of Python's garbage collector: scanning the
    taxonomy's 110,000 objects in a full collection paused a worker for 52 ms, and every
    thread's request with it."""
    from koers.matching import get_planner
    from koers.taxonomy import get_extractor, get_searcher

    get_searcher().occupations.search("verpleegkundige")
    get_extractor().extract("Ik verzorg wonden en werk in ploegen.", lang="nl")
    get_extractor().extract("I care for wounds and work in shifts.", lang="en")
    get_planner()
    gc.collect()
    gc.freeze()


def _gunicorn(host: str, port: int, workers: int, threads: int) -> None:
    from django.core.servers.basehttp import get_internal_wsgi_application
    from gunicorn.app.base import BaseApplication
    from threadpoolctl import threadpool_limits

    application = get_internal_wsgi_application()  # settings.WSGI_APPLICATION
    # Parallelism comes from workers and threads; BLAS threads on top of them only contend
    # (set before the workers fork, so each inherits it).
    threadpool_limits(limits=1, user_api="blas")
    _warm_up()

    options = {
        "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "workers": workers,
        "threads": threads,
        "worker_class": "koers.web.shedding.Worker",  # gthread, noting each request's wait
        "timeout": REQUEST_TIMEOUT_S,
        "graceful_timeout": 10,
        "limit_request_line": 8190,
        "accesslog": "-",
        "preload_app": True,
    }

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return application

    Server().run()


@command(app, "serve")
def serve(
    host: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
    workers: Annotated[int, typer.Option(min=1, max=64, help="gunicorn worker processes")] = 2,
    threads: Annotated[int, typer.Option(min=1, max=64, help="threads per worker")] = 4,
    demo: Annotated[
        bool, typer.Option(help="create the synthetic demo accounts that are missing")
    ] = False,
    dev: Annotated[bool, typer.Option(help="development server with debug and autoreload")] = False,
) -> None:
    """Migrate the database and serve the platform (production server unless --dev)."""
    os.environ["DEBUG"] = "1" if dev else "0"
    if not dev and host in LOOPBACK:
        # Nothing leaves the machine: let the session cookie travel over plain HTTP.
        os.environ.setdefault("KOERS_INSECURE_COOKIES", "1")
    open_database(migrate=True)
    from django.core.management import call_command

    if demo:
        call_command("seed_demo")
    out.print(f"Koers runs at http://{host}:{port}/  (Ctrl+C stops it)")
    if dev:
        call_command("runserver", f"{host}:{port}")
        return
    call_command("collectstatic", interactive=False, verbosity=0)
    _gunicorn(host, port, workers, threads)
