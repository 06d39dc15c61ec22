"""Synthetic demo users: one fixed account per role plus a seeded crowd of citizens.

Nothing here is a real person; every account is flagged synthetic and the interface says so.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

ROLES = ("citizen", "coach", "employer", "provider", "analyst", "admin")
ROLE_ACCOUNTS = {
    "citizen": "demo-burger",
    "coach": "demo-coach",
    "employer": "demo-werkgever",
    "provider": "demo-opleider",
    "analyst": "demo-analist",
    "admin": "demo-beheerder",
}
FIRST_NAMES = (
    "An",
    "Bart",
    "Charlotte",
    "Dries",
    "Elif",
    "Fatima",
    "Geert",
    "Hanne",
    "Ilse",
    "Jens",
    "Karim",
    "Lotte",
    "Mohamed",
    "Nina",
    "Olivier",
    "Priya",
    "Ruben",
    "Sofie",
    "Tom",
    "Yasmine",
)
LAST_NAMES = (
    "Peeters",
    "Janssens",
    "Maes",
    "Jacobs",
    "Mertens",
    "Willems",
    "Claes",
    "Goossens",
    "Wouters",
    "De Smet",
    "Dubois",
    "El Amrani",
    "Vermeulen",
    "Aydin",
    "Van Damme",
    "Nowak",
)


@dataclass(frozen=True, slots=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: str
    email: str


def _person(rng: random.Random, username: str, role: str) -> DemoUser:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    return DemoUser(username, first, last, role, f"{username}@demo.koers.invalid")


def generate_demo_users(*, seed: int = 2026, extra_citizens: int = 24) -> list[DemoUser]:
    """Return the demo accounts: one per role, then ``extra_citizens`` more citizens.

    The same seed always gives the same people.
    """
    if extra_citizens < 0:
        raise ValueError("extra_citizens must be zero or more")
    rng = random.Random(seed)
    users = [_person(rng, ROLE_ACCOUNTS[role], role) for role in ROLES]
    users += [_person(rng, f"burger-{i:03d}", "citizen") for i in range(1, extra_citizens + 1)]
    return users
