from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from koers.web.accounts.services import DEMO_PASSWORD_HINT, demo_password, demo_users_load


class Command(BaseCommand):
    help = "Create the missing synthetic demo accounts (one per role plus demo citizens)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--citizens", type=int, default=24, help="extra synthetic citizens")

    def handle(self, *args: Any, **options: Any) -> None:
        password = demo_password()
        people = demo_users_load(
            password=password, seed=options["seed"], extra_citizens=options["citizens"]
        )
        created = sum(new for _, new in people)
        where = f"password of new accounts: {password}" if created else DEMO_PASSWORD_HINT
        self.stdout.write(
            f"Synthetic demo accounts (not real people), {created} created now ({where}):"
        )
        for person, _ in people[:6]:
            self.stdout.write(f"  {person.role:<9} {person.username}")
        self.stdout.write(f"  ... and {len(people) - 6} more synthetic citizens (burger-001 ...)")
