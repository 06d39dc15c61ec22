from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from koers.web.training.services import ensure_demo_catalogue


class Command(BaseCommand):
    help = "Load the SYNTHETIC demo training catalogue (made-up courses) when it is not there."

    def handle(self, *args: Any, **options: Any) -> None:
        added = ensure_demo_catalogue()
        self.stdout.write(
            f"SYNTHETIC demo catalogue (not real courses): {added} courses added"
            if added
            else "The SYNTHETIC demo catalogue is already loaded."
        )
