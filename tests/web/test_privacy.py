"""A person takes all their data with them, or deletes the account; the learning-account
ledger stays, without them."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from koers.ledger.model import Funder
from koers.web.accounts.models import User
from koers.web.learning.models import Entry
from koers.web.learning.services import account_deposit, account_open
from koers.web.portfolio.models import AccessLog, Claim, ClaimEvent, Consent

pytestmark = [pytest.mark.db, pytest.mark.django_db]
WOUND_CARE = "http://data.europa.eu/esco/skill/1c6736c2-77de-419c-9b84-8932e15abc21"
PASSWORD = "pw-123456789"


@pytest.fixture
def citizen():
    person = User.objects.create_user("an", password=PASSWORD, role="citizen")
    coach = User.objects.create_user("coach", password=PASSWORD, role="coach")
    claim = Claim.objects.create(owner=person, skill_uri=WOUND_CARE)
    ClaimEvent.objects.create(claim=claim, action="added", by=person, snapshot={})
    Consent.objects.create(citizen=person, grantee=coach)
    AccessLog.objects.create(citizen=person, viewer=coach, what="portfolio")
    return person


def test_download_holds_all_my_data(client, citizen):
    client.force_login(citizen)
    page = client.get(reverse("my_data"))
    assert page.status_code == 200
    response = client.get(reverse("my_data_download"))
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["format"] == "koers-personal-data/1"
    assert data["account"]["username"] == "an"
    assert [c["skill_uri"] for c in data["claims"]] == [WOUND_CARE]
    assert data["reads_of_my_data"][0]["by"] == "coach"
    assert data["consents_given"][0]["to"] == "coach"


def test_deleting_needs_the_password_and_keeps_the_ledger_anonymised(client, citizen):
    account = account_open(holder_id=citizen.pk, name="rugzak van An")
    account_deposit(account_id=account.pk, amount_cents=50_000, funder=Funder.GOVERNMENT)
    client.force_login(citizen)
    refused = client.post(reverse("my_data"), {"confirm": "1", "password": "wrong"})
    assert refused.status_code == 400 and User.objects.filter(username="an").exists()

    done = client.post(reverse("my_data"), {"confirm": "1", "password": PASSWORD})
    assert done.status_code == 200
    assert not User.objects.filter(username="an").exists()
    assert not Claim.objects.exists() and not ClaimEvent.objects.exists()
    assert not Consent.objects.exists() and not AccessLog.objects.exists()
    account.refresh_from_db()
    assert account.holder is None and "An" not in account.name
    assert Entry.objects.filter(account=account).count() == 1 and account.available_cents == 50_000
    assert "_auth_user_id" not in client.session


def test_my_data_needs_a_login(client):
    response = client.get(reverse("my_data"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
