from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from koers.portfolio.model import ValidationLevel
from koers.web.accounts.models import User
from koers.web.portfolio.models import AccessLog, Claim, Consent

NURSE_ASSISTANT = "http://data.europa.eu/esco/occupation/87d0795a-d41f-47ee-979f-0ab7d73836e7"
WOUND_CARE = "http://data.europa.eu/esco/skill/1c6736c2-77de-419c-9b84-8932e15abc21"


def essential_skills(occupation_uri: str) -> list[str]:
    from koers.taxonomy import get_taxonomy

    return [s.uri for s in get_taxonomy().skills_of(occupation_uri).essential]


def give_skills(user: User, uris: list[str]) -> None:
    for uri in uris:
        Claim.objects.create(
            owner=user,
            skill_uri=uri,
            validation=ValidationLevel.CONFIRMED.value,
            last_used=date(2026, 1, 1),
        )


def login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def people():
    """An employer, three citizens with nursing skills (two gave the employer consent), an
    analyst."""
    skills = essential_skills(NURSE_ASSISTANT)
    employer = User.objects.create_user("werkgever", password="pw-12345678", role="employer")
    users = {"employer": employer}
    for name, count, consent in (("an", len(skills), True), ("bert", 3, True), ("cis", 6, False)):
        citizen = User.objects.create_user(name, password="pw-12345678", role="citizen")
        give_skills(citizen, skills[:count])
        if consent:
            Consent.objects.create(citizen=citizen, grantee=employer)
        users[name] = citizen
    users["analyst"] = User.objects.create_user("analist", password="pw-12345678", role="analyst")
    return users


__all__ = ["NURSE_ASSISTANT", "WOUND_CARE", "AccessLog", "essential_skills", "login"]
