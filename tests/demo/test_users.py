from __future__ import annotations

import pytest

from koers.demo.users import ROLES, generate_demo_users


def test_same_seed_same_people_other_seed_other_people():
    assert generate_demo_users(seed=7) == generate_demo_users(seed=7)
    assert generate_demo_users(seed=7) != generate_demo_users(seed=8)


def test_one_account_per_role_then_citizens():
    people = generate_demo_users(extra_citizens=5)
    assert [p.role for p in people[: len(ROLES)]] == list(ROLES)
    assert len(people) == len(ROLES) + 5
    assert all(p.role == "citizen" for p in people[len(ROLES) :])
    assert len({p.username for p in people}) == len(people)
    assert all(p.email.endswith(".invalid") for p in people)


def test_negative_crowd_is_refused():
    with pytest.raises(ValueError, match="extra_citizens"):
        generate_demo_users(extra_citizens=-1)
