"""The ledger's rules: balances never negative, reservations, expiry, statements, shares."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from koers.ledger.model import (
    AmountNotPositive,
    Balance,
    Entry,
    EntryKind,
    Funder,
    FunderRequired,
    InsufficientFunds,
    ReservationExceeded,
    UnknownReservation,
    apply,
    demand_driven_share,
    expiring_cents,
    monthly_statement,
    open_reservations,
    replay,
)

AT = datetime(2027, 3, 5, 10, 0)


def e(kind, cents, **options):
    return Entry(EntryKind(kind), cents, options.pop("at", AT), **options)


def test_deposits_reservations_and_spending_move_money():
    entries = [
        e("deposit", 50_000, funder=Funder.GOVERNMENT),
        e("deposit", 20_000, funder=Funder.EMPLOYER),
        e("reservation", 30_000, reference="enrol-1"),
        e("spend", 25_000, reference="invoice-1", reservation="enrol-1", demand_driven=True),
        e("release", 5_000, reservation="enrol-1"),
        e("spend", 10_000, reference="invoice-2"),
        e("refund", 2_000, reference="invoice-2"),
    ]
    assert replay(entries) == Balance(available_cents=37_000, reserved_cents=0)
    assert open_reservations(entries) == {}
    assert demand_driven_share(entries) == pytest.approx(25_000 / 35_000)


def test_nothing_overdraws():
    start = [e("deposit", 1_000, funder=Funder.INDIVIDUAL)]
    with pytest.raises(InsufficientFunds):
        replay([*start, e("spend", 1_001, reference="x")])
    with pytest.raises(InsufficientFunds):
        replay([*start, e("reservation", 2_000, reference="r")])
    with pytest.raises(UnknownReservation):
        replay([*start, e("spend", 10, reference="x", reservation="nope")])
    with pytest.raises(ReservationExceeded):
        replay([*start, e("reservation", 500, reference="r"), e("spend", 600, reservation="r")])
    with pytest.raises(AmountNotPositive):
        apply(Balance(), e("deposit", 0, funder=Funder.EMPLOYER))
    with pytest.raises(FunderRequired):
        apply(Balance(), e("deposit", 10))


@given(st.lists(st.tuples(st.sampled_from(list(EntryKind)), st.integers(1, 5_000)), max_size=40))
def test_any_sequence_that_replays_keeps_both_parts_non_negative(steps):
    balance, reservations = Balance(), {}
    for kind, cents in steps:
        entry = Entry(
            kind,
            cents,
            AT,
            funder=Funder.GOVERNMENT if kind is EntryKind.DEPOSIT else None,
            reference="r" if kind is EntryKind.RESERVATION else "x",
            reservation="r" if kind is EntryKind.RELEASE else "",
        )
        try:
            balance = apply(balance, entry, reservations=reservations)
        except (InsufficientFunds, UnknownReservation, ReservationExceeded):
            continue
        assert balance.available_cents >= 0 and balance.reserved_cents >= 0


def test_only_unused_expired_money_expires():
    entries = [
        e("deposit", 10_000, funder=Funder.GOVERNMENT, expires_on=date(2027, 12, 31)),
        e("deposit", 5_000, funder=Funder.INDIVIDUAL),
        e("spend", 4_000, reference="course"),
    ]
    assert expiring_cents(entries, date(2027, 12, 31)) == 0  # not yet
    assert expiring_cents(entries, date(2028, 1, 1)) == 6_000  # spending used the dated money
    expired = [*entries, e("expiry", 6_000)]
    assert expiring_cents(expired, date(2028, 1, 1)) == 0
    assert replay(expired).available_cents == 5_000


def test_monthly_statement():
    entries = [
        e("deposit", 10_000, funder=Funder.EMPLOYER, at=datetime(2027, 2, 1)),
        e("deposit", 3_000, funder=Funder.GOVERNMENT, at=datetime(2027, 3, 2)),
        e("spend", 4_000, reference="c", demand_driven=True, at=datetime(2027, 3, 9)),
        e("spend", 1_000, reference="d", at=datetime(2027, 4, 1)),
    ]
    march = monthly_statement(entries, "2027-03")
    assert march.opening == Balance(10_000, 0) and march.closing == Balance(9_000, 0)
    assert march.totals["deposit"] == 3_000 and march.totals["spend"] == 4_000
    assert march.deposits_by_funder == {"employer": 0, "government": 3_000, "individual": 0}
    assert march.demand_driven_spent_cents == 4_000 and len(march.entries) == 2
    assert demand_driven_share([]) is None
