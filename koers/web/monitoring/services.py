"""What the monitoring pages and API read: the KPI report from the synthetic population, the
learning-account ledger and the market data in force; vacancy matching for a citizen (against
the synthetic vacancies) and for an employer (among the citizens who gave consent, each read
logged through :mod:`koers.web.portfolio.services`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from django.utils import timezone

from koers.batch.personal import CandidateFit, VacancyFit, VacancyMatcher, candidates_for_vacancy
from koers.errors import Forbidden
from koers.ledger.model import Entry as LedgerEntry
from koers.ledger.model import EntryKind
from koers.market.in_force import market_data_in_force
from koers.matching import get_engine
from koers.monitoring import (
    LedgerSpending,
    MonitoringReport,
    PopulationFigures,
    ledger_spending,
    monitoring_report,
    population_figures,
)
from koers.population.demo import DemoPopulation, demo_population
from koers.web.accounts.models import Role, User
from koers.web.learning.models import Entry
from koers.web.portfolio import services as portfolios
from koers.web.portfolio.services import NoConsent

CANDIDATE_READ = "vacancy candidates"
"""What an employer's read of a portfolio for a vacancy is logged as."""


def today() -> date:
    on: date = timezone.localdate()
    return on


def granted_count(employer: User) -> int:
    """How many citizens gave ``employer`` access to their portfolio."""
    return len(portfolios.caseload(employer))


def has_skills(citizen: User) -> bool:
    return bool(portfolios.active_claims(citizen))


def platform_population() -> DemoPopulation:
    """The synthetic population behind the platform figures (built once per day)."""
    return demo_population(today=today())


@lru_cache(maxsize=4)
def _figures(population: DemoPopulation) -> PopulationFigures:
    return population_figures([population.citizens], synthetic=True, source=population.source)


def ledger_spending_last_year(on: date) -> LedgerSpending | None:
    """Spending of learning accounts in the 12 months up to ``on``; synthetic when every
    spending account belongs to a synthetic demo account. None when nothing was spent."""
    start = timezone.make_aware(datetime.combine(on - timedelta(days=365), time.min))
    rows = list(
        Entry.objects.filter(kind=EntryKind.SPEND.value, created_at__gte=start).select_related(
            "account__holder"
        )
    )
    if not rows:
        return None
    synthetic = all(r.account.holder is not None and r.account.holder.is_synthetic for r in rows)
    entries = (
        LedgerEntry(
            kind=EntryKind.SPEND,
            amount_cents=r.amount_cents,
            at=r.created_at,
            demand_driven=r.demand_driven,
        )
        for r in rows
    )
    return ledger_spending(entries, synthetic=synthetic)


@dataclass(frozen=True)
class PolicyFigures:
    """The report and what it was computed from."""

    report: MonitoringReport
    population: DemoPopulation
    ledger: LedgerSpending | None
    period: str


def policy_figures() -> PolicyFigures:
    """Every KPI of the platform beside the real indicators (see koers.monitoring)."""
    population = platform_population()
    on = population.today
    ledger = ledger_spending_last_year(on)
    period = f"{on.year:04d}-{on.month:02d}"
    report = monitoring_report(
        _figures(population), market_data_in_force(), period=period, ledger=ledger
    )
    return PolicyFigures(report=report, population=population, ledger=ledger, period=period)


@lru_cache(maxsize=4)
def _matcher(population: DemoPopulation) -> VacancyMatcher:
    return VacancyMatcher(
        population.vacancies,
        skill_uris=population.skill_uris,
        specificity=get_engine().specificity,
        synthetic=True,
    )


def my_vacancies(citizen: User, *, top: int = 10, region: str | None = None) -> list[VacancyFit]:
    """The synthetic vacancies that fit the citizen's own portfolio best."""
    portfolio = portfolios.access_portfolio(citizen=citizen, viewer=citizen)
    return _matcher(platform_population()).for_portfolio(
        portfolio, today=today(), top=top, region=region
    )


@dataclass(frozen=True)
class Candidate:
    citizen: User
    fit: CandidateFit


def candidates(
    employer: User,
    required: Sequence[str],
    *,
    top: int = 10,
    citizen_ids: Sequence[int] | None = None,
) -> tuple[list[Candidate], int]:
    """The best candidates for a vacancy among the citizens who gave ``employer`` consent (or
    among ``citizen_ids``, each of whom must have), and how many portfolios were read. Every
    portfolio read is logged for its citizen. Raises NoConsent for a named citizen without
    consent, and the errors of :func:`koers.batch.personal.candidates_for_vacancy`."""
    engine = get_engine()
    skill_uris = tuple(s.uri for s in engine.taxonomy.skills)
    candidates_for_vacancy(  # check the vacancy before reading any portfolio
        required, [], skill_uris=skill_uris, specificity=engine.specificity, today=today(), top=top
    )
    if citizen_ids is None:
        people = portfolios.caseload(employer)
    else:
        wanted = list(dict.fromkeys(citizen_ids))
        found = {u.pk: u for u in User.objects.filter(pk__in=wanted, role=Role.CITIZEN)}
        people = []
        for number in wanted:
            if number not in found or not portfolios.has_consent(found[number], employer):
                raise NoConsent()
            people.append(found[number])
    read = [
        (c.pk, portfolios.access_portfolio(citizen=c, viewer=employer, what=CANDIDATE_READ))
        for c in people
    ]
    fits = candidates_for_vacancy(
        required,
        read,
        skill_uris=skill_uris,
        specificity=engine.specificity,
        today=today(),
        top=top,
    )
    by_id = {c.pk: c for c in people}
    return [Candidate(citizen=by_id[f.citizen_id], fit=f) for f in fits], len(read)


class AnalystsOnly(Forbidden):
    code = "monitoring.analysts_only"
    message = "Only analysts and administrators see the policy monitoring."


class CitizensOnly(Forbidden):
    code = "vacancy.citizens_only"
    message = "Only a citizen is matched with vacancies on their own portfolio."


class EmployersOnly(Forbidden):
    code = "vacancy.employers_only"
    message = "Only employers look for candidates for a vacancy."
