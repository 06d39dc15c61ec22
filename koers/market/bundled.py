"""The data Koers ships: real Flemish figures (labelled with their source) and the synthetic
demo set for the kinds no real series exists for."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from koers.market.dataset import Dataset
from koers.market.mapping import esco_uri_for

FLANDERS = Path(__file__).parent / "data" / "flanders"
TENSION_SOURCE = (
    "VDAB, in the advice of the labour-market experts 'Naar een leer- en loopbaanoffensief' "
    "(2021), {table}: the 20 tightest occupations with at least 50 vacancies"
)
REAL_TENSION = (
    ("tension_ratio_2020_02.csv", "2020-02", "table 2"),
    ("tension_ratio_2021_04.csv", "2021-04", "table 1"),
)
BOTTLENECK_SOURCE = "VDAB, Knelpuntberoepen 2026 (published 1 February 2026)"
CONSTRUCTION_SOURCE = (
    "VDAB Arvastat, construction-sector vacancies (NACE F), as published by Embuild"
)
STATBEL_SOURCE = "Statbel, self-employed entrepreneurs by region and NACE section"


def _read(name: str) -> list[dict[str, str]]:
    with (FLANDERS / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def real_tension_datasets() -> tuple[Dataset, ...]:
    """The published VDAB top-20 tension tables, as vacancies and job-seeker data sets."""
    datasets = []
    for name, period, table in REAL_TENSION:
        source = TENSION_SOURCE.format(table=table)
        rows = _read(name)
        vacancies = tuple(
            {
                "occupation": r["occupation_nl"],
                "esco_uri": esco_uri_for(r["occupation_nl"]) or None,
                "period": period,
                "vacancies": int(r["vacancies"]),
                "source": source,
            }
            for r in rows
        )
        seekers = tuple(
            {
                "occupation": r["occupation_nl"],
                "esco_uri": esco_uri_for(r["occupation_nl"]) or None,
                "period": period,
                "job_seekers": int(r["job_seekers_interested"]),
                "source": source,
            }
            for r in rows
        )
        datasets += [
            Dataset("vacancies", vacancies, source=source, synthetic=False, label=f"VDAB {period}"),
            Dataset("job_seekers", seekers, source=source, synthetic=False, label=f"VDAB {period}"),
        ]
    return tuple(datasets)


@dataclass(frozen=True, slots=True)
class BottleneckOccupation:
    """One occupation of VDAB's list "Knelpuntberoepen 2026", with its ESCO mapping."""

    vdab_domain: str
    occupation_nl: str
    esco_uri: str  # "" when it maps to no ESCO occupation
    medium_skilled_decree: bool  # on the ministerial decree of 1 Dec 2025


@cache
def bottleneck_list_2026() -> tuple[BottleneckOccupation, ...]:
    """VDAB's 227 bottleneck occupations of 2026, each with its ESCO mapping (if any)."""
    return tuple(
        BottleneckOccupation(
            vdab_domain=r["vdab_domain"],
            occupation_nl=r["beroep"],
            esco_uri=esco_uri_for(r["beroep"]),
            medium_skilled_decree=r["on_ministerial_decree_MB_2025_medium_skilled"] == "1",
        )
        for r in _read("vdab_bottleneck_occupations_2026.csv")
    )


@cache
def construction_vacancies_yearly() -> dict[str, dict[int, float]]:
    """Received construction vacancies per occupation group and full calendar year
    (2017–2025), plus the total under "Totaal"."""
    series: dict[str, dict[int, float]] = {}
    for r in _read("vdab_construction_vacancies/received_vacancies_by_beroepsgroep_yearly.csv"):
        if not r["period_end"].endswith("-12-31"):
            continue  # the rolling 12 months to April 2026 overlaps 2025
        year = int(r["period_end"][:4])
        group = series.setdefault(r["beroepsgroep"], {})
        group[year] = group.get(year, 0.0) + float(r["received_vacancies"])
    totals = {}
    for r in _read("vdab_construction_vacancies/totals_received_yearly.csv"):
        if r["period_end"].endswith("-12-31"):
            totals[int(r["period_year"])] = float(r["vacatures"])
    series["Totaal"] = totals
    return series


@cache
def construction_open_vacancies_monthly() -> tuple[tuple[str, float], ...]:
    """Month-end stock of open construction vacancies, ("YYYY-MM", count), 2016-01 to 2026-04."""
    return tuple(
        (r["period_end"][:7], float(r["open_vacancies"]))
        for r in _read("vdab_construction_vacancies/open_vacancies_monthly_totals.csv")
    )


@cache
def entrepreneurs_by_region() -> dict[str, dict[str, dict[int, int]]]:
    """Self-employed entrepreneurs per region name, NACE section and year (Statbel)."""
    series: dict[str, dict[str, dict[int, int]]] = {}
    for r in _read("statbel_entrepreneurs/entrepreneurs_by_region_nace_section.csv"):
        sections = series.setdefault(r["region"], {})
        sections.setdefault(r["nace_section"], {})[int(r["year"])] = int(r["entrepreneurs"])
    return series


@dataclass(frozen=True, slots=True)
class SectionChange:
    """Entrepreneurs of one NACE section in the first and last year of the series."""

    section: str
    first: int
    last: int
    change: float | None  # last / first - 1; None when the first year had none


@dataclass(frozen=True, slots=True)
class EntrepreneurCount:
    region: str
    nace_section: str
    year: int
    entrepreneurs: int


def entrepreneur_counts(series: dict[str, dict[str, dict[int, int]]]) -> list[EntrepreneurCount]:
    """The series as rows, by region, section and year."""
    return [
        EntrepreneurCount(region, section, year, count)
        for region, sections in sorted(series.items())
        for section, years in sorted(sections.items())
        for year, count in sorted(years.items())
    ]


def entrepreneur_totals(
    series: dict[str, dict[str, dict[int, int]]],
) -> dict[str, tuple[list[int], list[int]]]:
    """Entrepreneurs of all sections together per region: region → (years, totals)."""
    totals = {}
    for region, sections in sorted(series.items()):
        years = sorted({y for counts in sections.values() for y in counts})
        totals[region] = (years, [sum(c.get(y, 0) for c in sections.values()) for y in years])
    return totals


def entrepreneur_changes(sections: dict[str, dict[int, int]]) -> list[SectionChange]:
    """Per NACE section of one region: first and last year's count and the change."""
    rows = []
    for section, years in sorted(sections.items()):
        first, last = years[min(years)], years[max(years)]
        rows.append(SectionChange(section, first, last, last / first - 1 if first else None))
    return rows
