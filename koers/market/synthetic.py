"""A seeded generator of a synthetic, Flanders-like labour-market data set.

There is no real employment-by-sector series nor job-seeker count per occupation in the data
Koers ships, so this makes plausible stand-ins in exactly the documented import formats:
19 NACE sections with Flemish magnitudes (about 2.9 million employed), their trends and age
structure, a sector → ISCO distribution key, school leavers per study field, unemployment and
migration, expert adjustments, and quarterly vacancies and job seekers for occupations.
Everything it makes is flagged synthetic and labelled so wherever it is shown. The same seed
always gives the same data.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from koers.market.dataset import Dataset

SOURCE = "Koers synthetic demo set"
HISTORY = range(2012, 2026)
FORECAST_YEARS = range(2026, 2036)
TENSION_PERIODS = tuple(f"{y}-{m:02d}" for y in (2024, 2025, 2026) for m in (3, 6, 9, 12))[:11]

# NACE section: (label, employed in 2012 in thousands, yearly trend, share 55+ in 2012)
SECTORS: dict[str, tuple[str, float, float, float]] = {
    "A": ("Landbouw, bosbouw en visserij", 48, -0.015, 0.30),
    "B": ("Winning van delfstoffen", 3, -0.02, 0.22),
    "C": ("Industrie", 500, -0.006, 0.20),
    "D": ("Energie", 15, 0.005, 0.24),
    "E": ("Water en afval", 20, 0.008, 0.21),
    "F": ("Bouwnijverheid", 225, 0.008, 0.19),
    "G": ("Groot- en detailhandel", 430, 0.002, 0.17),
    "H": ("Vervoer en opslag", 185, 0.006, 0.22),
    "I": ("Horeca", 110, 0.012, 0.11),
    "J": ("Informatie en communicatie", 85, 0.025, 0.12),
    "K": ("Financiële activiteiten", 80, -0.010, 0.20),
    "L": ("Vastgoed", 18, 0.010, 0.22),
    "M": ("Vrije beroepen en wetenschap", 175, 0.018, 0.16),
    "N": ("Administratieve en ondersteunende diensten", 215, 0.015, 0.15),
    "O": ("Openbaar bestuur", 165, 0.002, 0.26),
    "P": ("Onderwijs", 240, 0.008, 0.23),
    "Q": ("Gezondheidszorg en welzijn", 400, 0.020, 0.19),
    "R": ("Kunst en recreatie", 38, 0.010, 0.18),
    "S": ("Overige diensten", 58, 0.004, 0.21),
}
# NACE section → ISCO-08 sub-major groups (2 digits) with their share of the sector's jobs.
SECTOR_OCCUPATIONS: dict[str, dict[str, float]] = {
    "A": {"61": 0.5, "92": 0.3, "83": 0.05, "13": 0.05, "33": 0.05, "41": 0.05},
    "B": {"81": 0.5, "31": 0.2, "93": 0.2, "21": 0.1},
    "C": {
        "81": 0.2,
        "72": 0.2,
        "74": 0.05,
        "31": 0.12,
        "21": 0.08,
        "93": 0.1,
        "43": 0.08,
        "12": 0.04,
        "13": 0.04,
        "33": 0.05,
        "75": 0.04,
    },
    "D": {"31": 0.3, "21": 0.2, "74": 0.2, "24": 0.1, "41": 0.1, "13": 0.1},
    "E": {"83": 0.25, "96": 0.3, "81": 0.15, "31": 0.15, "93": 0.15},
    "F": {
        "71": 0.45,
        "31": 0.1,
        "93": 0.12,
        "21": 0.05,
        "13": 0.05,
        "72": 0.05,
        "74": 0.08,
        "83": 0.05,
        "41": 0.05,
    },
    "G": {
        "52": 0.45,
        "33": 0.1,
        "43": 0.1,
        "14": 0.08,
        "83": 0.05,
        "93": 0.07,
        "41": 0.08,
        "24": 0.07,
    },
    "H": {
        "83": 0.45,
        "43": 0.15,
        "93": 0.12,
        "31": 0.04,
        "33": 0.08,
        "41": 0.08,
        "13": 0.05,
        "51": 0.03,
    },
    "I": {"51": 0.55, "94": 0.25, "14": 0.1, "52": 0.05, "41": 0.05},
    "J": {"25": 0.45, "35": 0.15, "24": 0.1, "26": 0.1, "33": 0.1, "12": 0.05, "41": 0.05},
    "K": {"24": 0.35, "33": 0.3, "41": 0.15, "42": 0.1, "12": 0.1},
    "L": {"33": 0.4, "24": 0.2, "41": 0.2, "14": 0.1, "71": 0.1},
    "M": {"21": 0.2, "24": 0.25, "26": 0.15, "31": 0.1, "33": 0.15, "41": 0.1, "12": 0.05},
    "N": {"93": 0.2, "91": 0.25, "54": 0.1, "43": 0.1, "41": 0.1, "33": 0.1, "42": 0.1, "96": 0.05},
    "O": {
        "24": 0.2,
        "41": 0.2,
        "54": 0.15,
        "26": 0.1,
        "33": 0.15,
        "11": 0.05,
        "12": 0.05,
        "34": 0.1,
    },
    "P": {"23": 0.65, "53": 0.1, "41": 0.08, "91": 0.07, "12": 0.05, "26": 0.05},
    "Q": {"22": 0.3, "32": 0.15, "53": 0.3, "26": 0.08, "41": 0.07, "91": 0.05, "13": 0.05},
    "R": {"26": 0.3, "34": 0.2, "51": 0.15, "52": 0.1, "14": 0.1, "41": 0.15},
    "S": {"51": 0.4, "52": 0.1, "26": 0.1, "41": 0.15, "91": 0.1, "96": 0.15},
}
# Study field: (STEM?, leavers per year around 2015, yearly trend, ISCO sub-major groups)
STUDY_FIELDS: dict[str, tuple[int, int, float, dict[str, float]]] = {
    "Gezondheidszorg": (0, 6500, 0.01, {"22": 0.6, "32": 0.4}),
    "Personenzorg": (0, 5200, 0.0, {"53": 0.7, "51": 0.2, "91": 0.1}),
    "Onderwijs": (0, 4800, -0.005, {"23": 0.9, "53": 0.1}),
    "ICT": (1, 3200, 0.03, {"25": 0.7, "35": 0.3}),
    "Industriële technieken": (1, 6000, 0.01, {"72": 0.35, "74": 0.25, "81": 0.2, "31": 0.2}),
    "Bouw": (1, 3800, 0.005, {"71": 0.7, "31": 0.3}),
    "Wetenschappen en ingenieurs": (1, 4100, 0.02, {"21": 0.7, "31": 0.3}),
    "Handel en economie": (0, 9500, 0.0, {"24": 0.3, "33": 0.3, "41": 0.2, "52": 0.2}),
    "Horeca en voeding": (0, 2900, -0.01, {"51": 0.6, "94": 0.2, "75": 0.2}),
    "Transport en logistiek": (0, 1700, 0.0, {"83": 0.6, "43": 0.4}),
    "Talen, cultuur en sociaal werk": (0, 5600, 0.0, {"26": 0.7, "34": 0.3}),
    "Landbouw": (0, 900, -0.01, {"61": 0.8, "92": 0.2}),
}
# (round, origin, scope, code, factor, note)
ADJUSTMENTS = (
    ("ex_ante", "expert_panel", "sector", "Q", 1.15, "ageing raises care needs faster than trend"),
    ("ex_ante", "expert_panel", "sector", "C", 0.9, "energy prices weigh on industry"),
    ("validation", "employer_survey", "occupation", "2221", 1.1, "hospitals report unfilled posts"),
)


def _units_by_submajor(isco_codes: Sequence[str]) -> dict[str, dict[str, int]]:
    """ISCO sub-major group → its unit groups, each with its number of ESCO occupations."""
    units: dict[str, dict[str, int]] = {}
    for code in isco_codes:
        if len(code) == 4 and not code.startswith("0"):
            group = units.setdefault(code[:2], {})
            group[code] = group.get(code, 0) + 1
    return {sub: dict(sorted(group.items())) for sub, group in sorted(units.items())}


def _spread(
    rng: np.random.Generator, weights: dict[str, float], units: dict[str, dict[str, int]]
) -> dict[str, float]:
    """Spread sub-major shares over their unit groups: in proportion to the number of ESCO
    occupations in each (a rough proxy of its size), times seeded noise."""
    shares: dict[str, float] = {}
    total = sum(w for sub, w in weights.items() if sub in units)
    for sub, weight in weights.items():
        if sub not in units:
            continue
        sizes = np.array(list(units[sub].values()), dtype=float)
        noisy = sizes * rng.gamma(4.0, 0.25, size=len(sizes))
        split = noisy / noisy.sum()
        for code, part in zip(units[sub], split, strict=True):
            shares[code] = shares.get(code, 0.0) + weight / total * float(part)
    rounded = {code: round(share, 6) for code, share in shares.items() if share >= 5e-7}
    correction = 1 - sum(rounded.values())
    biggest = max(rounded, key=lambda code: rounded[code])
    rounded[biggest] = round(rounded[biggest] + correction, 6)
    return rounded


def _dataset(kind: str, rows: list[dict[str, Any]], seed: int) -> Dataset:
    for row in rows:
        row["source"] = f"{SOURCE} (seed {seed})"
    return Dataset(kind, tuple(rows), source=f"{SOURCE} (seed {seed})", synthetic=True)


def _employment(rng: np.random.Generator) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    employment, ages = [], []
    for nace, (label, base, trend, share55) in SECTORS.items():
        level = base * 1000.0
        outflow_old = float(rng.uniform(0.10, 0.14))
        outflow_young = float(rng.uniform(0.02, 0.04))
        for year in HISTORY:
            shock = -0.03 if year == 2020 and nace in "CGIRS" else 0.0
            if year > HISTORY.start:
                level *= 1 + trend + shock + float(rng.normal(0, 0.008))
            employment.append(
                {"nace": nace, "sector_label": label, "year": year, "employed": round(level)}
            )
            ages.append(
                {
                    "nace": nace,
                    "year": year,
                    "share_55_plus": round(min(0.6, share55 + 0.004 * (year - HISTORY.start)), 4),
                    "outflow_rate_55_plus": round(outflow_old, 4),
                    "outflow_rate_under_55": round(outflow_young, 4),
                }
            )
    return employment, ages


def _tension(
    rng: np.random.Generator, occupations: Sequence[tuple[str, str, str]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Quarterly vacancies and job seekers for (uri, Dutch label, ISCO) occupations."""
    tight = ("22", "32", "71", "72", "74", "25", "31", "21", "83")
    loose = ("41", "42", "43", "52", "26", "34", "96")
    vacancies, seekers = [], []
    for uri, label, isco in occupations:
        base = float(rng.lognormal(4.2, 0.9))
        ratio = float(rng.lognormal(-0.6, 0.4) if isco[:2] in tight else rng.lognormal(0.9, 0.5))
        if isco[:2] not in tight and isco[:2] not in loose:
            ratio = float(rng.lognormal(0.2, 0.6))
        for step, period in enumerate(TENSION_PERIODS):
            season = 1 + 0.08 * np.sin(step * np.pi / 2)
            count = max(0, round(base * season * float(rng.normal(1, 0.08))))
            drift = ratio * (1 + 0.01 * step) * float(rng.normal(1, 0.06))
            vacancies.append(
                {"occupation": label, "esco_uri": uri, "period": period, "vacancies": count}
            )
            seekers.append(
                {
                    "occupation": label,
                    "esco_uri": uri,
                    "period": period,
                    "job_seekers": max(0, round(count * drift)),
                }
            )
    return vacancies, seekers


def generate(
    *,
    occupations: Sequence[tuple[str, str, str]],
    seed: int = 2026,
    tension_occupations: int = 320,
    common: Sequence[str] = (),
) -> list[Dataset]:
    """Return the synthetic data set, one :class:`Dataset` per import kind.

    ``occupations`` are (ESCO URI, Dutch label, ISCO code) triples: the distribution keys use
    their ISCO unit groups, and a seeded sample of them gets vacancies and job seekers. URIs
    in ``common`` (everyday occupations, such as those VDAB reports on) are sampled first, so
    the demo tables show jobs a person recognises.
    """
    rng = np.random.default_rng(seed)
    units = _units_by_submajor([isco for _, _, isco in occupations])
    employment, ages = _employment(rng)
    key = [
        {"nace": nace, "isco_code": code, "share": share}
        for nace, weights in SECTOR_OCCUPATIONS.items()
        for code, share in sorted(_spread(rng, weights, units).items())
    ]
    leavers, field_key = [], []
    for field, (stem, base, trend, weights) in STUDY_FIELDS.items():
        for year in range(2015, 2026):
            count = base * (1 + trend) ** (year - 2015) * float(rng.normal(1, 0.03))
            leavers.append(
                {"study_field": field, "stem": stem, "year": year, "school_leavers": round(count)}
            )
        field_key += [
            {"study_field": field, "isco_code": code, "share": share}
            for code, share in sorted(_spread(rng, weights, units).items())
        ]
    unemployed = [
        {"year": y, "unemployed": round(150_000 * (1 + 0.04 * np.sin((y - 2026) / 1.6)))}
        for y in FORECAST_YEARS
    ]
    migrants = [
        {"year": y, "migrants": round(24_000 * float(rng.normal(1, 0.05)))} for y in FORECAST_YEARS
    ]
    adjustments = [
        {"round": r, "origin": o, "scope": s, "code": c, "factor": f, "note": n}
        for r, o, s, c, f, n in ADJUSTMENTS
    ]
    wanted = set(common)
    preferred = [i for i, (uri, _, _) in enumerate(occupations) if uri in wanted]
    others = [i for i, (uri, _, _) in enumerate(occupations) if uri not in wanted]
    size = min(tension_occupations, len(occupations))
    if len(preferred) > size:
        preferred = [int(i) for i in rng.choice(preferred, size=size, replace=False)]
    filler = rng.choice(others, size=min(len(others), size - len(preferred)), replace=False)
    chosen = sorted([*preferred, *(int(i) for i in filler)])
    vacancies, seekers = _tension(rng, [occupations[i] for i in chosen])
    return [
        _dataset("employment", employment, seed),
        _dataset("age_structure", ages, seed),
        _dataset("sector_occupation_key", key, seed),
        _dataset("school_leavers", leavers, seed),
        _dataset("field_occupation_key", field_key, seed),
        _dataset("unemployment_forecast", unemployed, seed),
        _dataset("migration_inflow", migrants, seed),
        _dataset("adjustment_factors", adjustments, seed),
        _dataset("vacancies", vacancies, seed),
        _dataset("job_seekers", seekers, seed),
    ]
