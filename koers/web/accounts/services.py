"""Writes on accounts."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.db import transaction

from koers.demo.users import DemoUser, generate_demo_users
from koers.web.accounts.models import Role, User

DEMO_PASSWORD_ENV = "KOERS_DEMO_PASSWORD"  # noqa: S105 - the variable name, not a secret
DEMO_PASSWORD_HINT = f"var/demo-password (or ${DEMO_PASSWORD_ENV})"


def demo_password() -> str:
    """Return the demo accounts' password: from the environment, else one kept in var/.

    Never committed: a fresh install draws its own random password.
    """
    from_env = os.environ.get(DEMO_PASSWORD_ENV, "")
    if from_env:
        return from_env
    path = Path(settings.VAR_DIR) / "demo-password"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(9))
        path.chmod(0o600)
    return path.read_text().strip()


@transaction.atomic
def demo_users_load(
    *, password: str, seed: int = 2026, extra_citizens: int = 24
) -> list[tuple[DemoUser, bool]]:
    """Create the synthetic demo accounts that are missing; return each with whether it was
    created now. An existing account (and a password someone changed) stays as it is. Demo
    accounts never get staff or superuser rights: the administrator role works in Koers's own
    pages, and a superuser is made on purpose with ``createsuperuser``."""
    people = generate_demo_users(seed=seed, extra_citizens=extra_citizens)
    result = []
    for person in people:
        user, created = User.objects.get_or_create(
            username=person.username,
            defaults={
                "first_name": person.first_name,
                "last_name": person.last_name,
                "email": person.email,
                "role": Role(person.role),
                "is_synthetic": True,
            },
        )
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
        result.append((person, created))
    return result
