"""The citizen check (:mod:`koers.checks.citizen`) for a whole partition at once, vectorised.

The signals and thresholds are those of :func:`koers.checks.citizen.citizen_check`; only the
arithmetic is done on sparse matrices (citizens × skills) instead of one portfolio at a time:

* ``essential_gap``: the essential skills held of the current occupation or the aspiration,
  ``round(held / total, 4) < ESSENTIAL_FIT``;
* ``outdated_competences``: distinct skills last used more than the half-life ago;
* ``missing_future_competences``: future competences with none of their skills held;
* ``declining_occupation``: the outlook score of the current occupation below ``DECLINING``.

:func:`citizen_check_rows` runs the per-portfolio check on the same rows: the slow, obvious
reference the tests and the benchmark compare with.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc
import scipy.sparse as sp

from koers.checks.citizen import DECLINING, ESSENTIAL_FIT, citizen_check
from koers.checks.future import future_competences
from koers.matching.engine import MatchingEngine
from koers.matching.weights import DAYS_PER_YEAR, DEFAULT_HALF_LIFE_YEARS
from koers.outlook import OccupationOutlook, Outlook, TableOutlook
from koers.population.store import LABEL_KEY
from koers.population.synthetic import EPOCH
from koers.portfolio.model import Portfolio, SkillClaim, ValidationLevel

SIGNALS = (
    "essential_gap",
    "outdated_competences",
    "missing_future_competences",
    "declining_occupation",
)
"""Signal codes in the order :func:`citizen_check` reports them."""
VALIDATION_LEVELS = (
    ValidationLevel.SELF_DECLARED,
    ValidationLevel.CONFIRMED,
    ValidationLevel.FORMALLY_RECOGNISED,
)
NOT_USED = np.iinfo(np.int32).max

RESULT_SCHEMA = pa.schema(
    [
        ("citizen_id", pa.int64()),
        ("occupation_uri", pa.string()),
        ("signals", pa.list_(pa.string())),
        ("signal_count", pa.int8()),
        ("essential_gap", pa.bool_()),
        ("outdated_competences", pa.bool_()),
        ("missing_future_competences", pa.bool_()),
        ("declining_occupation", pa.bool_()),
        ("essential_covered", pa.int16()),
        ("essential_total", pa.int16()),
        ("outdated_count", pa.int32()),
        ("missing_future_count", pa.int8()),
        ("skill_count", pa.int32()),
    ]
)


@dataclass(frozen=True)
class CheckTables:
    """What the check needs of the taxonomy, the engine and the outlook, as plain arrays (small
    enough to send to every Dask worker once).

    ``essential``: occupations × skills CSR, 1 where essential; ``future``: skills × future
    competences CSR; ``declining``: shape (n_occupations,), the outlook below ``DECLINING``.
    """

    occupation_uris: tuple[str, ...]
    essential: sp.csr_matrix
    essential_count: npt.NDArray[np.int64]
    future: sp.csr_matrix
    declining: npt.NDArray[np.bool_]

    @classmethod
    def build(cls, engine: MatchingEngine, outlook: OccupationOutlook | None = None) -> CheckTables:
        taxonomy = engine.taxonomy
        uris = tuple(o.uri for o in taxonomy.occupations)
        scores = np.array(
            [outlook.outlook(u).score if outlook else 0.0 for u in uris], dtype=np.float64
        )
        competences = future_competences()
        rows, cols = [], []
        for number, competence in enumerate(competences):
            for uri in competence.skill_uris:
                if uri in taxonomy.skill_index:
                    rows.append(taxonomy.skill_index[uri])
                    cols.append(number)
        future = sp.csr_matrix(
            (np.ones(len(rows), dtype=np.float32), (rows, cols)),
            shape=(len(taxonomy.skills), len(competences)),
        )
        essential = sp.csr_matrix(engine.essential, dtype=np.float32)
        return cls(
            occupation_uris=uris,
            essential=essential,
            essential_count=np.diff(essential.indptr).astype(np.int64),
            future=future,
            declining=scores < DECLINING,
        )

    def declining_outlook(self) -> TableOutlook:
        """An outlook that marks exactly the declining occupations (for the reference check)."""
        down = Outlook(score=-1.0, summary="declining")
        return TableOutlook(
            {u: down for u, d in zip(self.occupation_uris, self.declining, strict=True) if d}
        )


def _occupation_index(column: pa.ChunkedArray, uris: tuple[str, ...]) -> npt.NDArray[np.int64]:
    """Index of each URI in ``uris``; -1 for null or unknown."""
    found = pc.index_in(column, value_set=pa.array(uris, type=pa.string()))
    return np.asarray(found.fill_null(-1).to_numpy(zero_copy_only=False), dtype=np.int64)


def _flat(column: pa.ChunkedArray) -> tuple[npt.NDArray[np.int64], pa.Array]:
    """(row of each list element, the elements) of a list column; nulls count as empty."""
    lists = column.combine_chunks()
    lengths = np.asarray(pc.list_value_length(lists).fill_null(0).to_numpy(), dtype=np.int64)
    return np.repeat(np.arange(len(lists)), lengths), lists.flatten()


def _covered(
    held: sp.csr_matrix, occupation: npt.NDArray[np.int64], tables: CheckTables
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """(essential skills held, essential total) of each row's occupation (0, 0 without one)."""
    covered = np.zeros(len(occupation), dtype=np.int64)
    total = np.zeros(len(occupation), dtype=np.int64)
    rows = np.flatnonzero(occupation >= 0)
    if len(rows):
        needed = tables.essential[occupation[rows]]
        covered[rows] = np.asarray(held[rows].multiply(needed).sum(axis=1)).ravel()
        total[rows] = tables.essential_count[occupation[rows]]
    return covered, total


def _gap(covered: npt.NDArray[np.int64], total: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
    share = np.round(covered / np.maximum(total, 1), 4)
    return np.asarray((total > 0) & (share < ESSENTIAL_FIT))


def check_citizens(
    table: pa.Table,
    tables: CheckTables,
    *,
    skill_map: npt.NDArray[np.int32],
    today: date,
    half_life_years: float = DEFAULT_HALF_LIFE_YEARS,
) -> pa.Table:
    """The citizen check of every row of ``table`` (CITIZEN_SCHEMA columns ``citizen_id``,
    ``occupation_uri``, ``skills``, ``skill_last_used``; ``aspiration_uri`` if present) as one
    result row per citizen (RESULT_SCHEMA).

    ``skill_map`` maps the population's skill indices to taxonomy indices (-1: unknown).
    """
    n = table.num_rows
    n_skills = tables.essential.shape[1]
    owner, values = _flat(table.column("skills"))
    skill = np.asarray(values.to_numpy(zero_copy_only=False), dtype=np.int64)
    _, last_used = _flat(table.column("skill_last_used"))
    used = np.asarray(pc.cast(last_used, pa.int32()).fill_null(NOT_USED).to_numpy(), dtype=np.int64)
    if len(used) != len(skill):
        raise ValueError("skills and skill_last_used differ in length")
    known = skill_map[skill] >= 0
    held = sp.csr_matrix(
        (np.ones(int(known.sum()), dtype=np.float32), (owner[known], skill_map[skill[known]])),
        shape=(n, n_skills),
    )
    held.sum_duplicates()
    held.data[:] = 1.0
    skill_count = np.diff(held.indptr)

    occupation = _occupation_index(table.column("occupation_uri"), tables.occupation_uris)
    covered, total = _covered(held, occupation, tables)
    gap = _gap(covered, total)
    if "aspiration_uri" in table.column_names:
        wish = _occupation_index(table.column("aspiration_uri"), tables.occupation_uris)
        wish[wish == occupation] = -1
        gap |= _gap(*_covered(held, wish, tables))

    today_days = (today - EPOCH).days
    old = (used != NOT_USED) & ((today_days - used) / DAYS_PER_YEAR > half_life_years)
    outdated = sp.csr_matrix(
        (np.ones(int(old.sum()), dtype=np.int8), (owner[old], skill[old])),
        shape=(n, max(int(skill.max(initial=0)) + 1, 1)),
    )
    outdated.sum_duplicates()
    outdated_count = np.diff(outdated.indptr)

    competences = np.asarray((held @ tables.future).toarray())
    missing_future = (competences == 0).sum(axis=1)
    declining = np.zeros(n, dtype=bool)
    declining[occupation >= 0] = tables.declining[occupation[occupation >= 0]]

    flags = np.column_stack([gap, outdated_count > 0, missing_future > 0, declining])
    _, which = np.nonzero(flags)
    counts = flags.sum(axis=1)
    offsets = np.zeros(n + 1, dtype=np.int32)
    np.cumsum(counts, out=offsets[1:])
    codes = pa.DictionaryArray.from_arrays(
        pa.array(which.astype(np.int8)), pa.array(SIGNALS, type=pa.string())
    )
    signals = pa.ListArray.from_arrays(pa.array(offsets), codes.cast(pa.string()))
    return pa.Table.from_pydict(
        {
            "citizen_id": table.column("citizen_id").combine_chunks(),
            "occupation_uri": table.column("occupation_uri").combine_chunks(),
            "signals": signals,
            "signal_count": pa.array(counts.astype(np.int8)),
            "essential_gap": pa.array(gap),
            "outdated_competences": pa.array(outdated_count > 0),
            "missing_future_competences": pa.array(missing_future > 0),
            "declining_occupation": pa.array(declining),
            "essential_covered": pa.array(covered.astype(np.int16)),
            "essential_total": pa.array(total.astype(np.int16)),
            "outdated_count": pa.array(outdated_count.astype(np.int32)),
            "missing_future_count": pa.array(missing_future.astype(np.int8)),
            "skill_count": pa.array(skill_count.astype(np.int32)),
        },
        schema=RESULT_SCHEMA.with_metadata(table.schema.metadata or {LABEL_KEY: b""}),
    )


def portfolio_of_row(row: dict[str, Any], skill_uris: tuple[str, ...]) -> Portfolio:
    """The :class:`Portfolio` of one citizen row (a dict from ``Table.to_pylist()``)."""
    skills: list[int] = row["skills"] or []
    used: list[date | None] = row.get("skill_last_used") or [None] * len(skills)
    levels: list[int] = row.get("skill_validation") or [0] * len(skills)
    claims = tuple(
        SkillClaim(skill_uris[s], validation=VALIDATION_LEVELS[int(v)], last_used=u)
        for s, u, v in zip(skills, used, levels, strict=True)
    )
    aspiration: str | None = row.get("aspiration_uri")
    return Portfolio(
        claims=claims,
        occupation=row.get("occupation_uri"),
        aspirations=(aspiration,) if aspiration else (),
    )


def citizen_check_rows(
    table: pa.Table,
    tables: CheckTables,
    *,
    engine: MatchingEngine,
    skill_uris: tuple[str, ...],
    today: date,
    half_life_years: float = DEFAULT_HALF_LIFE_YEARS,
) -> list[dict[str, object]]:
    """The reference: :func:`citizen_check` on each row, one portfolio at a time. Returns per
    citizen its id, signal codes and essential held/total of the current occupation."""
    outlook = tables.declining_outlook()
    results = []
    for row in table.to_pylist():
        portfolio = portfolio_of_row(row, skill_uris)
        check = citizen_check(
            portfolio,
            engine=engine,
            outlook=outlook,
            lang="en",
            today=today,
            half_life_years=half_life_years,
        )
        current = [f for f in check.fits if f.occupation.uri == portfolio.occupation]
        outdated = next((len(s.skill_uris) for s in check.risk_signals if s.code == SIGNALS[1]), 0)
        results.append(
            {
                "citizen_id": row["citizen_id"],
                "signals": list(dict.fromkeys(s.code for s in check.risk_signals)),
                "essential_covered": current[0].matched_essential_count if current else 0,
                "essential_total": current[0].essential_count if current else 0,
                "outdated_count": outdated,
            }
        )
    return results
