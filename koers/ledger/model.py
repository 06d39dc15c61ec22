"""The learning-and-career account (leer- en loopbaanrekening, "rugzakje") as a ledger.

An account is an append-only list of entries; its balance is what the entries add up to and
is never negative. Amounts are whole euro cents. Each kind of entry moves money between the
*available* and the *reserved* part of the balance:

============  =======================================  ==========  ==========
kind          meaning                                  available   reserved
============  =======================================  ==========  ==========
deposit       employer, government or the person pays  \\+ amount
reservation   money held at enrolment in a course      − amount    \\+ amount
release       a reservation given back (cancelled)     \\+ amount   − amount
spend         paid to a provider (from a reservation   − amount    (− amount)
              when it names one, else from available)
refund        money back from a provider               \\+ amount
expiry        deposits past their end date leave       − amount
============  =======================================  ==========  ==========

Spending draws on the money that expires first (deposits by expiry date, undated last), and
releases and refunds go back to it, so a deposit expires only with the part nobody used.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from koers.errors import DataConflict, InvalidInput, NotFound


class EntryKind(StrEnum):
    DEPOSIT = "deposit"
    RESERVATION = "reservation"
    RELEASE = "release"
    SPEND = "spend"
    REFUND = "refund"
    EXPIRY = "expiry"


class Funder(StrEnum):
    """Who deposits: the employer (werkgever), the government (overheid), the person."""

    EMPLOYER = "employer"
    GOVERNMENT = "government"
    INDIVIDUAL = "individual"


class AmountNotPositive(InvalidInput):
    code = "ledger.amount_not_positive"
    message = "An amount must be more than zero cents (got {amount})."


class FunderRequired(InvalidInput):
    code = "ledger.funder_required"
    message = "A deposit names who pays: {choices}."


class InsufficientFunds(DataConflict):
    code = "ledger.insufficient_funds"
    message = "The account holds {available} cents available, less than the {amount} asked."


class UnknownReservation(NotFound):
    code = "ledger.unknown_reservation"
    message = "The account has no open reservation “{reference}”."


class ReservationExceeded(DataConflict):
    code = "ledger.reservation_exceeded"
    message = "Reservation “{reference}” holds {open} cents, less than the {amount} asked."


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of the ledger. ``reservation`` names the reservation a release or spend
    settles (its ``reference``); ``demand_driven`` marks spending on training for a bottleneck
    or tight occupation (vraaggestuurd)."""

    kind: EntryKind
    amount_cents: int
    at: datetime
    funder: Funder | None = None
    reference: str = ""
    reservation: str = ""
    demand_driven: bool = False
    expires_on: date | None = None


@dataclass(frozen=True, slots=True)
class Balance:
    available_cents: int = 0
    reserved_cents: int = 0

    @property
    def total_cents(self) -> int:
        return self.available_cents + self.reserved_cents


def check_entry(entry: Entry) -> None:
    """Raise :class:`AmountNotPositive` or :class:`FunderRequired` for a malformed entry."""
    if not isinstance(entry.amount_cents, int) or entry.amount_cents <= 0:
        raise AmountNotPositive(amount=entry.amount_cents)
    if entry.kind is EntryKind.DEPOSIT and entry.funder is None:
        raise FunderRequired(choices=", ".join(Funder))


def open_reservations(entries: Iterable[Entry]) -> dict[str, int]:
    """Reference → cents still held, for every reservation with money left."""
    held: dict[str, int] = defaultdict(int)
    for e in entries:
        if e.kind is EntryKind.RESERVATION:
            held[e.reference] += e.amount_cents
        elif e.kind in (EntryKind.RELEASE, EntryKind.SPEND) and e.reservation:
            held[e.reservation] -= e.amount_cents
    return {ref: cents for ref, cents in held.items() if cents > 0}


def apply(balance: Balance, entry: Entry, *, reservations: dict[str, int] | None = None) -> Balance:
    """The balance after ``entry``. ``reservations`` (from :func:`open_reservations`) is needed
    for entries that settle a reservation, and is updated in place.

    Raises :class:`InsufficientFunds`, :class:`UnknownReservation` or
    :class:`ReservationExceeded` when the entry would overdraw; the balance never goes negative.
    """
    check_entry(entry)
    amount, available, reserved = (
        entry.amount_cents,
        balance.available_cents,
        balance.reserved_cents,
    )
    kind = entry.kind
    if kind in (EntryKind.DEPOSIT, EntryKind.REFUND):
        return Balance(available + amount, reserved)
    if kind is EntryKind.RESERVATION:
        if amount > available:
            raise InsufficientFunds(available=available, amount=amount)
        if reservations is not None:
            reservations[entry.reference] = reservations.get(entry.reference, 0) + amount
        return Balance(available - amount, reserved + amount)
    if kind in (EntryKind.RELEASE, EntryKind.SPEND) and entry.reservation:
        held = (reservations or {}).get(entry.reservation, 0)
        if held <= 0:
            raise UnknownReservation(reference=entry.reservation)
        if amount > held:
            raise ReservationExceeded(reference=entry.reservation, open=held, amount=amount)
        assert reservations is not None
        reservations[entry.reservation] = held - amount
        if kind is EntryKind.RELEASE:
            return Balance(available + amount, reserved - amount)
        return Balance(available, reserved - amount)
    if kind is EntryKind.RELEASE:
        raise UnknownReservation(reference="")
    # spend from available, or expiry
    if amount > available:
        raise InsufficientFunds(available=available, amount=amount)
    return Balance(available - amount, reserved)


def replay(entries: Sequence[Entry]) -> Balance:
    """The balance the entries add up to, checking every step (raises as :func:`apply`)."""
    balance, reservations = Balance(), dict[str, int]()
    for entry in entries:
        balance = apply(balance, entry, reservations=reservations)
    return balance


def expiring_cents(entries: Sequence[Entry], on: date) -> int:
    """Cents of deposits whose ``expires_on`` is before ``on`` that nobody used and that have
    not expired yet (spending draws on the money that expires first)."""
    expired = sum(
        e.amount_cents
        for e in entries
        if e.kind is EntryKind.DEPOSIT and e.expires_on is not None and e.expires_on < on
    )
    used = 0
    for e in entries:
        if e.kind in (EntryKind.RESERVATION, EntryKind.EXPIRY) or (
            e.kind is EntryKind.SPEND and not e.reservation
        ):
            used += e.amount_cents
        elif e.kind in (EntryKind.RELEASE, EntryKind.REFUND):
            used -= e.amount_cents
    available = replay(entries).available_cents
    return max(0, min(expired - max(used, 0), available))


@dataclass(frozen=True, slots=True)
class Statement:
    """One month of an account (rekeninguittreksel)."""

    month: str  # YYYY-MM
    opening: Balance
    closing: Balance
    totals: dict[str, int]  # per entry kind, cents
    deposits_by_funder: dict[str, int]
    demand_driven_spent_cents: int
    entries: tuple[Entry, ...] = field(default=())


def _month(at: datetime) -> str:
    return f"{at.year:04d}-{at.month:02d}"


def monthly_statement(entries: Sequence[Entry], month: str) -> Statement:
    """The statement of ``month`` (YYYY-MM) of an account whose entries are in time order."""
    before = [e for e in entries if _month(e.at) < month]
    during = [e for e in entries if _month(e.at) == month]
    totals = {kind.value: 0 for kind in EntryKind}
    funders = {funder.value: 0 for funder in Funder}
    for e in during:
        totals[e.kind.value] += e.amount_cents
        if e.kind is EntryKind.DEPOSIT and e.funder is not None:
            funders[e.funder.value] += e.amount_cents
    return Statement(
        month=month,
        opening=replay(before),
        closing=replay(before + during),
        totals=totals,
        deposits_by_funder=funders,
        demand_driven_spent_cents=sum(
            e.amount_cents for e in during if e.kind is EntryKind.SPEND and e.demand_driven
        ),
        entries=tuple(during),
    )


def demand_driven_share(entries: Iterable[Entry]) -> float | None:
    """The share of spending that went to demand-driven training (for monitoring); ``None``
    when nothing was spent."""
    spent = demand = 0
    for e in entries:
        if e.kind is EntryKind.SPEND:
            spent += e.amount_cents
            demand += e.amount_cents if e.demand_driven else 0
    return demand / spent if spent else None
