"""Learning-and-career accounts in the database: atomic, append-only, audited writes."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from koers.ledger.model import Balance, Funder, InsufficientFunds
from koers.rights.model import Profile, Status
from koers.rights.rules import DATA_DIR, load_rules
from koers.web.learning.models import AppendOnlyError, Entry
from koers.web.learning.selectors import (
    account_replayed_balance,
    account_statement,
    ledger_demand_driven_share,
)
from koers.web.learning.services import (
    account_deposit,
    account_expire,
    account_open,
    account_refund,
    account_release,
    account_reserve,
    account_spend,
    account_yearly_deposits,
)

pytestmark = [pytest.mark.db]


@pytest.mark.django_db
def test_a_refused_spend_writes_nothing():
    account = account_open(name="test")
    account_deposit(account_id=account.pk, amount_cents=10_000, funder=Funder.GOVERNMENT)
    with pytest.raises(InsufficientFunds):
        account_spend(account_id=account.pk, amount_cents=10_001, reference="too much")
    account.refresh_from_db()
    assert (account.available_cents, account.entry_count) == (10_000, 1)
    assert Entry.objects.filter(account=account).count() == 1


@pytest.mark.django_db
def test_a_full_cycle_matches_its_replay_and_statement():
    account = account_open(name="test")
    a = account.pk
    account_deposit(
        account_id=a, amount_cents=50_000, funder=Funder.GOVERNMENT, expires_on=date(2020, 1, 1)
    )
    account_deposit(account_id=a, amount_cents=20_000, funder=Funder.EMPLOYER)
    account_reserve(account_id=a, amount_cents=30_000, reference="enrol-1")
    account_spend(
        account_id=a,
        amount_cents=25_000,
        reference="inv",
        reservation="enrol-1",
        demand_driven=True,
    )
    account_release(account_id=a, reservation="enrol-1", amount_cents=5_000)
    account_refund(account_id=a, amount_cents=1_000, reference="inv")
    expiry = account_expire(account_id=a, on=date(2021, 1, 1))
    assert (
        expiry is not None and expiry.amount_cents == 50_000 - 30_000 + 5_000 + 1_000
    )  # refunds go back
    assert account_expire(account_id=a, on=date(2021, 1, 1)) is None
    account.refresh_from_db()
    stored = Balance(account.available_cents, account.reserved_cents)
    assert stored == account_replayed_balance(account_id=a) == Balance(20_000, 0)
    sequences = list(Entry.objects.filter(account=account).values_list("sequence", flat=True))
    assert sequences == list(range(1, 8))
    now = timezone.now()
    statement = account_statement(account_id=a, month=f"{now.year:04d}-{now.month:02d}")
    assert statement.closing == stored and statement.totals["deposit"] == 70_000
    share = ledger_demand_driven_share(start=now - timedelta(days=1), end=now + timedelta(days=1))
    assert share == 1.0


@pytest.mark.django_db
def test_entries_cannot_be_changed_or_deleted():
    account = account_open()
    entry = account_deposit(account_id=account.pk, amount_cents=100, funder=Funder.INDIVIDUAL)
    entry.amount_cents = 1_000_000
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()


@pytest.mark.django_db
def test_yearly_deposits_follow_the_rules_once_a_year():
    account = account_open()
    rules = load_rules(DATA_DIR)
    person = Profile(status=Status.EMPLOYEE, region="flanders", age=40)
    made = account_yearly_deposits(
        account_id=account.pk, profile=person, on=date(2026, 3, 1), rules=rules
    )
    assert [(e.funder, e.amount_cents) for e in made] == [("government", 50_000)]
    again = account_yearly_deposits(
        account_id=account.pk, profile=person, on=date(2026, 9, 1), rules=rules
    )
    assert again == []
    assert (
        len(
            account_yearly_deposits(
                account_id=account.pk, profile=person, on=date(2027, 1, 2), rules=rules
            )
        )
        == 1
    )
    abroad = Profile(status=Status.EMPLOYEE, region="wallonia", age=40)
    assert (
        account_yearly_deposits(
            account_id=account_open().pk, profile=abroad, on=date(2026, 3, 1), rules=rules
        )
        == []
    )


SPENDERS = 24
SPEND_CENTS = 700
START_CENTS = 10_000  # room for 14 spends of 700, not 24


@pytest.mark.django_db(transaction=True)
def test_parallel_spends_never_overdraw_and_lose_no_entry():
    if connection.vendor != "postgresql":
        pytest.skip("row locks are tested on PostgreSQL (scripts/test runs db tests there)")
    account = account_open(name="parallel")
    account_deposit(account_id=account.pk, amount_cents=START_CENTS, funder=Funder.GOVERNMENT)
    start = threading.Barrier(SPENDERS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def spend(number: int) -> None:
        try:
            start.wait()
            account_spend(account_id=account.pk, amount_cents=SPEND_CENTS, reference=f"s{number}")
            result = "paid"
        except InsufficientFunds:
            result = "refused"
        except Exception as error:
            result = f"error: {error!r}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=spend, args=(n,)) for n in range(SPENDERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    paid = outcomes.count("paid")
    assert outcomes.count("refused") == SPENDERS - paid, outcomes
    assert paid == START_CENTS // SPEND_CENTS
    account.refresh_from_db()
    assert account.available_cents == START_CENTS - paid * SPEND_CENTS >= 0
    entries = Entry.objects.filter(account=account).order_by("sequence")
    assert [e.sequence for e in entries] == list(range(1, paid + 2))
    assert sum(1 for e in entries if e.kind == "spend") == paid
    assert (
        account_replayed_balance(account_id=account.pk).available_cents == account.available_cents
    )
    assert min(e.available_after_cents for e in entries) >= 0
