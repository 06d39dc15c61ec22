"""A backup restores the same data into an empty database; a non-empty one is refused."""

from __future__ import annotations

import pytest

from koers.cli import app
from koers.ledger.model import Funder
from koers.web.accounts.models import User
from koers.web.learning.models import Entry
from koers.web.learning.services import account_deposit, account_open
from koers.web.portfolio.models import Claim, ClaimEvent, Consent
from tests.cli import runner

pytestmark = [pytest.mark.db, pytest.mark.django_db(transaction=True)]
WOUND_CARE = "http://data.europa.eu/esco/skill/1c6736c2-77de-419c-9b84-8932e15abc21"


def _snapshot() -> dict[str, object]:
    return {
        "users": sorted(User.objects.values_list("username", "role", "password")),
        "claims": sorted(Claim.objects.values_list("owner__username", "skill_uri", "validation")),
        "events": ClaimEvent.objects.count(),
        "consents": sorted(Consent.objects.values_list("citizen__username", "grantee__username")),
        "ledger": sorted(
            Entry.objects.values_list("kind", "amount_cents", "available_after_cents")
        ),
    }


def test_backup_and_restore_round_trip(tmp_path):
    an = User.objects.create_user("an", password="pw-123456789", role="citizen")
    coach = User.objects.create_user("coach", password="pw-123456789", role="coach")
    claim = Claim.objects.create(owner=an, skill_uri=WOUND_CARE, validation="confirmed")
    ClaimEvent.objects.create(claim=claim, action="added", by=an, snapshot={"x": 1})
    Consent.objects.create(citizen=an, grantee=coach)
    account = account_open(holder_id=an.pk, name="rugzak")
    account_deposit(account_id=account.pk, amount_cents=25_000, funder=Funder.EMPLOYER)
    before = _snapshot()

    backup = tmp_path / "koers.json.gz"
    created = runner.invoke(app, ["backup", "create", str(backup)])
    assert created.exit_code == 0, created.output
    refused = runner.invoke(app, ["backup", "restore", str(backup)])
    assert refused.exit_code != 0 and "empty" in refused.output

    Entry.objects.all()._raw_delete(Entry.objects.db)  # ledger rows refuse .delete()
    account.delete()
    User.objects.all().delete()
    assert _snapshot()["users"] == []
    restored = runner.invoke(app, ["backup", "restore", str(backup)])
    assert restored.exit_code == 0, restored.output
    assert _snapshot() == before


def test_a_file_that_is_not_a_backup_is_refused(tmp_path):
    bad = tmp_path / "not.json.gz"
    bad.write_text("plain text", encoding="utf-8")
    result = runner.invoke(app, ["backup", "restore", str(bad)])
    assert result.exit_code != 0 and "not a Koers backup" in result.output
