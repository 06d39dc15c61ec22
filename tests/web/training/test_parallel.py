"""Parallel enrolments against one learning account (PostgreSQL, real row locks): the money
reserved never exceeds what was there, every enrolment kept has its reservation, and a course
is never enrolled in twice."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from koers.ledger.model import Funder
from koers.web.accounts.models import User
from koers.web.learning.models import Account, Entry
from koers.web.learning.services import account_deposit
from koers.web.training.models import Course, Enrolment
from koers.web.training.services import AlreadyEnrolled, NotEnoughMoney, account_of, enrol

pytestmark = [pytest.mark.db, pytest.mark.django_db(transaction=True)]
WOUND_CARE = "http://data.europa.eu/esco/skill/1c6736c2-77de-419c-9b84-8932e15abc21"
COURSES = 8
PRICE = 100.0
START_CENTS = 35_000  # pays for three courses


def test_parallel_enrolments_never_overdraw():
    if connection.vendor != "postgresql":
        pytest.skip("row locks are tested on PostgreSQL (scripts/test runs db tests there)")
    citizen = User.objects.create_user("an", role="citizen")
    account = account_of(citizen)
    account_deposit(account_id=account.pk, amount_cents=START_CENTS, funder=Funder.GOVERNMENT)
    for n in range(COURSES):
        Course.objects.create(
            course_id=f"P-{n}",
            provider="Zorgacademie",
            title=f"Course {n}",
            skills=[WOUND_CARE],
            level="basic",
            duration_hours=8,
            cost_eur=PRICE,
            mode="online",
        )
    # every course twice: the second try of a course is refused (or finds no money)
    tries = [f"P-{n}" for n in range(COURSES)] * 2
    start = threading.Barrier(len(tries))
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt(course_id: str) -> None:
        try:
            start.wait()
            enrol(citizen=citizen, course_id=course_id)
            result = "enrolled"
        except (NotEnoughMoney, AlreadyEnrolled) as error:
            result = error.code
        except Exception as error:
            result = f"error: {error!r}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=attempt, args=(c,)) for c in tries]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not [o for o in outcomes if o.startswith("error")], outcomes
    enrolled = outcomes.count("enrolled")
    assert enrolled == START_CENTS // round(PRICE * 100)
    account = Account.objects.get(pk=account.pk)
    assert account.reserved_cents == enrolled * round(PRICE * 100)
    assert account.available_cents == START_CENTS - account.reserved_cents >= 0
    kept = Enrolment.objects.filter(citizen=citizen)
    assert kept.count() == enrolled
    assert len({e.course_id for e in kept}) == enrolled
    reservations = Entry.objects.filter(account=account, kind="reservation")
    assert sorted(r.reference for r in reservations) == sorted(e.reference for e in kept)
