"""Running an organisation check and recording its vulnerability score for analysts."""

from __future__ import annotations

from typing import Any

from koers.checks.organisation import (
    EmployabilityPlan,
    organisation_check,
    read_strategy,
    read_workforce,
)
from koers.market.in_force import market_outlook
from koers.matching import get_engine
from koers.web.accounts.models import User
from koers.web.checks.models import OrganisationCheck


def run_organisation_check(
    *,
    employer: User,
    organisation: str,
    workforce: tuple[str, list[dict[str, Any]]],
    strategy: tuple[str, list[dict[str, Any]]],
    lang: str,
) -> EmployabilityPlan:
    """Validate both files (``(file name, rows)``, all or nothing), make the plan and keep its
    vulnerability score so that analysts see flagged organisations."""
    engine = get_engine()
    staff = read_workforce(workforce[1], file=workforce[0], engine=engine)
    targets = read_strategy(strategy[1], file=strategy[0], engine=engine)
    plan = organisation_check(staff, targets, engine=engine, outlook=market_outlook(), lang=lang)
    v = plan.vulnerability
    OrganisationCheck.objects.create(
        employer=employer,
        organisation=(organisation or str(employer))[:200],
        employees=plan.employees,
        score=v.score,
        flagged=v.flagged,
        parts=v.parts,
        explanation=v.explanation,
    )
    return plan
