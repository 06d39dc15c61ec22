"""Writes to learning-and-career accounts: each in one transaction with the account row locked.

Every service locks the account row (``select_for_update``), replays nothing but checks the
new entry against the stored balance with :func:`koers.ledger.model.apply`, appends the entry
and stores the new balance, all atomically: parallel spends queue on the lock, so the balance
never goes negative and no entry is lost. (SQLite has no row locks but serialises writers.)
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.db import transaction
from django.utils import timezone

from koers.ledger.model import (
    Balance,
    EntryKind,
    Funder,
    apply,
    expiring_cents,
    open_reservations,
)
from koers.ledger.model import Entry as LedgerEntry
from koers.rights.model import Profile, Rule
from koers.rights.rules import evaluate
from koers.web.learning.models import Account, Entry
from koers.web.learning.selectors import account_entries


def account_open(*, holder_id: int | None = None, name: str = "") -> Account:
    """Open an empty account."""
    return Account.objects.create(holder_id=holder_id, name=name[:200])


def _append(account_id: int, entry: LedgerEntry, *, actor: str = "") -> Entry:
    """Lock the account, check ``entry`` against its balance, append it; call inside
    ``transaction.atomic``. Raises the ledger's errors when the entry would overdraw."""
    account = Account.objects.select_for_update().get(pk=account_id)
    balance = Balance(account.available_cents, account.reserved_cents)
    reservations = None
    if entry.reservation:
        reservations = open_reservations(account_entries(account_id=account_id))
    after = apply(balance, entry, reservations=reservations)
    account.available_cents = after.available_cents
    account.reserved_cents = after.reserved_cents
    account.entry_count += 1
    account.save(update_fields=["available_cents", "reserved_cents", "entry_count"])
    return Entry.objects.create(
        account=account,
        sequence=account.entry_count,
        kind=entry.kind.value,
        amount_cents=entry.amount_cents,
        funder=entry.funder.value if entry.funder else "",
        reference=entry.reference[:200],
        reservation=entry.reservation[:200],
        demand_driven=entry.demand_driven,
        expires_on=entry.expires_on,
        available_after_cents=after.available_cents,
        reserved_after_cents=after.reserved_cents,
        actor=actor[:150],
        created_at=entry.at,
    )


@transaction.atomic
def account_deposit(
    *,
    account_id: int,
    amount_cents: int,
    funder: Funder,
    reference: str = "",
    expires_on: date | None = None,
    actor: str = "",
) -> Entry:
    """Deposit money from the employer, the government or the person."""
    entry = LedgerEntry(
        EntryKind.DEPOSIT,
        amount_cents,
        timezone.now(),
        funder=funder,
        reference=reference,
        expires_on=expires_on,
    )
    return _append(account_id, entry, actor=actor)


@transaction.atomic
def account_reserve(
    *, account_id: int, amount_cents: int, reference: str, actor: str = ""
) -> Entry:
    """Hold money at enrolment; ``reference`` names the reservation (e.g. the enrolment)."""
    entry = LedgerEntry(EntryKind.RESERVATION, amount_cents, timezone.now(), reference=reference)
    return _append(account_id, entry, actor=actor)


@transaction.atomic
def account_release(
    *, account_id: int, reservation: str, amount_cents: int, actor: str = ""
) -> Entry:
    """Give (part of) a reservation back to the available balance."""
    entry = LedgerEntry(EntryKind.RELEASE, amount_cents, timezone.now(), reservation=reservation)
    return _append(account_id, entry, actor=actor)


@transaction.atomic
def account_spend(
    *,
    account_id: int,
    amount_cents: int,
    reference: str,
    reservation: str = "",
    demand_driven: bool = False,
    actor: str = "",
) -> Entry:
    """Pay a provider, from a reservation when one is named, else from the available balance.

    Raises :class:`~koers.ledger.model.InsufficientFunds` (or a reservation error) and writes
    nothing when the account cannot pay.
    """
    entry = LedgerEntry(
        EntryKind.SPEND,
        amount_cents,
        timezone.now(),
        reference=reference,
        reservation=reservation,
        demand_driven=demand_driven,
    )
    return _append(account_id, entry, actor=actor)


@transaction.atomic
def account_refund(*, account_id: int, amount_cents: int, reference: str, actor: str = "") -> Entry:
    """Money back from a provider."""
    entry = LedgerEntry(EntryKind.REFUND, amount_cents, timezone.now(), reference=reference)
    return _append(account_id, entry, actor=actor)


@transaction.atomic
def account_expire(*, account_id: int, on: date, actor: str = "") -> Entry | None:
    """Let the unused part of deposits that expired before ``on`` leave the account; return
    the expiry entry, or ``None`` when nothing expires."""
    Account.objects.select_for_update().get(pk=account_id)
    cents = expiring_cents(account_entries(account_id=account_id), on)
    if cents <= 0:
        return None
    entry = LedgerEntry(EntryKind.EXPIRY, cents, timezone.now(), reference=f"expiry {on}")
    return _append(account_id, entry, actor=actor)


@transaction.atomic
def account_yearly_deposits(
    *, account_id: int, profile: Profile, on: date, rules: Sequence[Rule] | None = None
) -> list[Entry]:
    """Deposit, once per calendar year, what every account-deposit rule in force on ``on``
    grants ``profile`` (e.g. the government's yearly deposit); return the new entries.

    The reference names rule and year, so running this twice in a year deposits nothing more.
    """
    Account.objects.select_for_update().get(pk=account_id)
    made = []
    for decision in evaluate(profile, on=on, rules=rules, lang="en"):
        cents = round((decision.benefit.deposit_eur or 0) * 100)
        if not decision.eligible or decision.benefit.kind != "account_deposit" or cents <= 0:
            continue
        reference = f"{decision.rule_id} {on.year}"
        if Entry.objects.filter(account_id=account_id, reference=reference).exists():
            continue
        entry = LedgerEntry(
            EntryKind.DEPOSIT,
            cents,
            timezone.now(),
            funder=Funder.GOVERNMENT,
            reference=reference,
            expires_on=date(on.year + 5, 12, 31),
        )
        made.append(_append(account_id, entry, actor="rights"))
    return made
