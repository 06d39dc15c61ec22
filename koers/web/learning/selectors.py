"""Reads of learning-and-career accounts: the ledger as domain entries, statements, shares."""

from __future__ import annotations

from datetime import datetime

from koers.ledger.model import (
    Balance,
    EntryKind,
    Funder,
    Statement,
    demand_driven_share,
    monthly_statement,
    replay,
)
from koers.ledger.model import Entry as LedgerEntry
from koers.web.learning.models import Entry


def _entry(row: Entry) -> LedgerEntry:
    return LedgerEntry(
        kind=EntryKind(row.kind),
        amount_cents=row.amount_cents,
        at=row.created_at,
        funder=Funder(row.funder) if row.funder else None,
        reference=row.reference,
        reservation=row.reservation,
        demand_driven=row.demand_driven,
        expires_on=row.expires_on,
    )


def account_entries(*, account_id: int) -> list[LedgerEntry]:
    """The account's entries in the order they were written."""
    rows = Entry.objects.filter(account_id=account_id).order_by("sequence")
    return [_entry(row) for row in rows]


def account_replayed_balance(*, account_id: int) -> Balance:
    """The balance the ledger adds up to (to audit the stored balance against)."""
    return replay(account_entries(account_id=account_id))


def account_statement(*, account_id: int, month: str) -> Statement:
    """The statement of ``month`` (YYYY-MM)."""
    return monthly_statement(account_entries(account_id=account_id), month)


def ledger_demand_driven_share(*, start: datetime, end: datetime) -> float | None:
    """Across all accounts, the share of spending between ``start`` and ``end`` that went to
    demand-driven training (for monitoring); ``None`` when nothing was spent."""
    rows = Entry.objects.filter(
        kind=EntryKind.SPEND.value, created_at__gte=start, created_at__lt=end
    )
    return demand_driven_share(_entry(row) for row in rows)
