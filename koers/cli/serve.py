"""Serve the platform: migrate the database, load the demo accounts, run the web server."""

from __future__ import annotations

from typing import Annotated

import typer

from koers.cli.common import app, command, open_database, out


@command(app, "serve")
def serve(
    host: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
    demo: Annotated[bool, typer.Option(help="load the synthetic demo accounts")] = True,
) -> None:
    """Migrate the database, load the demo accounts and serve the platform."""
    open_database(migrate=True)
    from django.core.management import call_command

    if demo:
        call_command("seed_demo")
    out.print(f"Koers runs at http://{host}:{port}/  (Ctrl+C stops it)")
    call_command("runserver", f"{host}:{port}", use_reloader=False)
