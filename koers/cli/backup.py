"""Back up the platform's database to one compressed file and restore it into an empty one.

The backup is Django's own serialisation (``dumpdata``) of every Koers table, so it moves
between SQLite and PostgreSQL; sessions, login attempts and derived tables are left out.
"""

from __future__ import annotations

import gzip
import io
import os
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from koers.cli.common import app, command, existing_file, open_database, out
from koers.errors import DataConflict, InvalidInput

backup_app = typer.Typer(help="Back up and restore the database.", no_args_is_help=True)
app.add_typer(backup_app, name="backup")

LEFT_OUT = ("contenttypes", "auth.permission", "sessions", "admin.logentry", "axes")


class NotEmpty(DataConflict):
    code = "backup.not_empty"
    message = "The database already holds {users} accounts; restore only into an empty one."


class NotABackup(InvalidInput):
    code = "backup.not_a_backup"
    message = "{name} is not a Koers backup (a .json.gz file made by `koers backup create`)."


@command(backup_app, "create")
def backup_create(
    target: Annotated[Path, typer.Argument(help="the backup file to write (.json.gz)")],
) -> None:
    """Write every table of the database to TARGET (written whole, then renamed)."""
    open_database(migrate=True)
    from django.core.management import call_command

    text = io.StringIO()
    exclude = [f"--exclude={name}" for name in LEFT_OUT]
    call_command("dumpdata", *exclude, "--natural-foreign", "--natural-primary", stdout=text)
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=".backup-")
    with os.fdopen(descriptor, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb") as handle:
        handle.write(text.getvalue().encode("utf-8"))
    os.replace(temporary, target)
    out.print(f"Backup written to {target.name} ({target.stat().st_size:,} bytes).")


@command(backup_app, "restore")
def backup_restore(
    source: Annotated[Path, typer.Argument(help="a backup file made by `koers backup create`")],
) -> None:
    """Load SOURCE into an empty (freshly migrated) database, all or nothing."""
    existing_file(source)
    open_database(migrate=True)
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import transaction

    users = get_user_model().objects.count()
    if users:
        raise NotEmpty(users=users)
    try:
        with gzip.open(source, "rb") as handle:
            document = handle.read()
    except (OSError, EOFError):
        raise NotABackup(name=source.name) from None
    with tempfile.TemporaryDirectory() as folder:
        fixture = Path(folder) / "koers-backup.json"
        fixture.write_bytes(document)
        with transaction.atomic():
            call_command("loaddata", str(fixture), verbosity=0)
    out.print(f"Restored {source.name}.")
