"""Monitoring: the policy KPIs against their targets, real figures kept apart from synthetic.

See :mod:`koers.monitoring.kpis`. Results are plain rows (:class:`KpiRow`), ready for a page,
the API and a CSV download (:mod:`koers.rows`).
"""

from __future__ import annotations

from koers.monitoring.kpis import (
    KpiRow,
    LedgerSpending,
    MonitoringReport,
    PopulationFigures,
    Target,
    ledger_spending,
    monitoring_report,
    policy_targets,
    population_figures,
    population_figures_of,
    real_indicators,
)

__all__ = [
    "KpiRow",
    "LedgerSpending",
    "MonitoringReport",
    "PopulationFigures",
    "Target",
    "ledger_spending",
    "monitoring_report",
    "policy_targets",
    "population_figures",
    "population_figures_of",
    "real_indicators",
]
