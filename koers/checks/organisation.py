"""The competence check for organisations: workforce against strategy and outlook.

An employer gives its workforce (per employee: a reference, the occupation, optionally the
skills, age band, education level and date of the last training) and its strategy (target
occupations and skills, how many people it needs, by when). The result is an employability
plan (inzetbaarheidsplan): employees at risk and why, training needs per competence, internal
mobility candidates for the target occupations (job rotation), recruitment needs, and a
vulnerability score with its parts, for active outreach to vulnerable organisations.

Both files are CSV in the formats :data:`WORKFORCE` and :data:`STRATEGY`, validated whole.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse

from koers.market.formats import (
    Column,
    DatasetFormat,
    ImportProblem,
    ImportValidationError,
    RowError,
    validate_rows,
)
from koers.matching.engine import MatchingEngine
from koers.outlook import NeutralOutlook, OccupationOutlook

AGE_BANDS = ("<30", "30-39", "40-49", "50-59", "60+")
EDUCATION = ("low", "medium", "high")
WORKFORCE = DatasetFormat(
    "workforce",
    "One row per employee.",
    (
        Column("employee_ref", "text", "the employer's own reference (no names needed)"),
        Column("occupation", "text", "ESCO occupation URI"),
        Column("skills", "text", "ESCO skill URIs, space-separated", required=False),
        Column("age_band", "text", "age band", choices=AGE_BANDS),
        Column("education_level", "text", "low, medium or high", choices=EDUCATION),
        Column("last_training", "date", "date the last training ended", required=False),
    ),
    unique=("employee_ref",),
)
STRATEGY = DatasetFormat(
    "strategy",
    "The occupations and skills the organisation needs.",
    (
        Column("target_kind", "text", "occupation or skill", choices=("occupation", "skill")),
        Column("target_uri", "text", "ESCO occupation or skill URI"),
        Column("needed", "int", "how many people", minimum=0, maximum=1_000_000),
        Column("horizon_year", "year", "by when", minimum=2000, maximum=2100),
    ),
    unique=("target_kind", "target_uri"),
)
TRAINING_RECENT_YEARS = 3
TRAINED_THIS_YEAR_DAYS = 365
MOBILITY_MIN_COVERAGE = 0.25
MOBILITY_SHOWN = 5
DECLINING = -0.25
GAP = 0.6
SMALL = 50
VULNERABLE = 0.5
VULNERABILITY_WEIGHTS = {"ageing": 0.35, "low_training": 0.35, "outlook": 0.2, "small": 0.1}


class UnknownOccupation(ImportProblem):
    code = "organisation.unknown_occupation"
    message = "{uri} is not an ESCO occupation"


class UnknownSkill(ImportProblem):
    code = "organisation.unknown_skill"
    message = "{uri} is not an ESCO skill"


@dataclass(frozen=True, slots=True)
class EmployeeAtRisk:
    employee_ref: str
    occupation_uri: str
    reasons: tuple[
        str, ...
    ]  # no_recent_training, declining_occupation, ageing_low_education, skill_gap


@dataclass(frozen=True, slots=True)
class TrainingNeed:
    skill_uri: str
    label: str
    employees: int


@dataclass(frozen=True, slots=True)
class MobilityCandidate:
    employee_ref: str
    coverage: float
    essential_covered: int
    essential_total: int


@dataclass(frozen=True, slots=True)
class TargetPlan:
    occupation_uri: str
    label: str
    needed: int
    horizon_year: int
    already_in_role: int
    candidates: tuple[MobilityCandidate, ...]
    to_recruit: int


@dataclass(frozen=True, slots=True)
class Vulnerability:
    score: float  # 0 (robust) … 1 (vulnerable)
    flagged: bool
    parts: dict[str, float]  # each part's value in [0, 1] before weighting
    explanation: str

    @property
    def level(self) -> str:
        """The score in a word: ``high`` from :data:`VULNERABLE` (flagged), ``medium`` from
        half of it, else ``low``."""
        if self.score >= VULNERABLE:
            return "high"
        return "medium" if self.score >= VULNERABLE / 2 else "low"


@dataclass(frozen=True, slots=True)
class EmployabilityPlan:
    employees: int
    at_risk: tuple[EmployeeAtRisk, ...]
    training_needs: tuple[TrainingNeed, ...]
    targets: tuple[TargetPlan, ...]
    vulnerability: Vulnerability


def read_workforce(
    rows: Iterable[dict[str, Any]], *, file: str, engine: MatchingEngine
) -> list[dict[str, Any]]:
    """Validate workforce rows; raise :class:`ImportValidationError` naming row and field."""
    clean = validate_rows(WORKFORCE, rows, file=file)
    taxonomy = engine.taxonomy
    errors = []
    for number, row in enumerate(clean, start=1):
        if row["occupation"] not in taxonomy.occupation_index:
            errors.append(
                RowError(file, number, "occupation", UnknownOccupation(uri=row["occupation"][:200]))
            )
        row["skills"] = (row.get("skills") or "").split()
        for uri in row["skills"]:
            if uri not in taxonomy.skill_index:
                errors.append(RowError(file, number, "skills", UnknownSkill(uri=uri[:200])))
                break
    if errors:
        raise ImportValidationError(errors)
    return clean


def read_strategy(
    rows: Iterable[dict[str, Any]], *, file: str, engine: MatchingEngine
) -> list[dict[str, Any]]:
    """Validate strategy rows; raise :class:`ImportValidationError` naming row and field."""
    clean = validate_rows(STRATEGY, rows, file=file)
    taxonomy = engine.taxonomy
    errors = []
    for number, row in enumerate(clean, start=1):
        known = (
            taxonomy.occupation_index
            if row["target_kind"] == "occupation"
            else taxonomy.skill_index
        )
        if row["target_uri"] not in known:
            problem = (UnknownOccupation if row["target_kind"] == "occupation" else UnknownSkill)(
                uri=row["target_uri"][:200]
            )
            errors.append(RowError(file, number, "target_uri", problem))
    if errors:
        raise ImportValidationError(errors)
    return clean


def organisation_check(
    workforce: list[dict[str, Any]],
    strategy: list[dict[str, Any]],
    *,
    engine: MatchingEngine,
    outlook: OccupationOutlook | None = None,
    lang: str = "nl",
    today: date | None = None,
) -> EmployabilityPlan:
    """The employability plan of a validated workforce against a validated strategy."""
    today = today or date.today()
    outlook = outlook or NeutralOutlook()
    taxonomy = engine.taxonomy
    count = len(workforce)
    occupations = np.array(
        [taxonomy.occupation_index[r["occupation"]] for r in workforce], dtype=np.int64
    )
    strengths = _strengths(workforce, occupations, engine)
    coverage_own = (
        np.asarray((strengths.multiply(engine.requirements[occupations])).sum(axis=1)).ravel()
        / engine.requirement_total[occupations]
    )
    signal = {
        int(o): outlook.outlook(taxonomy.occupations[o].uri).score
        for o in set(occupations.tolist())
    }
    trained_days = np.array(
        [
            (today - date.fromisoformat(r["last_training"])).days
            if r.get("last_training")
            else 10**6
            for r in workforce
        ]
    )
    at_risk = []
    for i, row in enumerate(workforce):
        reasons = []
        if trained_days[i] > TRAINING_RECENT_YEARS * 365:
            reasons.append("no_recent_training")
        if signal[int(occupations[i])] < DECLINING:
            reasons.append("declining_occupation")
        if row["age_band"] in ("50-59", "60+") and row["education_level"] == "low":
            reasons.append("ageing_low_education")
        if row["skills"] and coverage_own[i] < GAP:
            reasons.append("skill_gap")
        if len(reasons) >= 2 or "declining_occupation" in reasons:
            at_risk.append(EmployeeAtRisk(row["employee_ref"], row["occupation"], tuple(reasons)))
    targets, needs = _targets(workforce, strategy, occupations, strengths, engine, lang)
    for row in strategy:
        if row["target_kind"] == "skill":
            column = taxonomy.skill_index[row["target_uri"]]
            lacking = int(count - strengths[:, column].count_nonzero())
            needs[column] = max(needs.get(column, 0), min(lacking, row["needed"] or lacking))
    training = sorted(
        (
            TrainingNeed(taxonomy.skills[s].uri, taxonomy.skills[s].label(lang), n)
            for s, n in needs.items()
            if n
        ),
        key=lambda t: (-t.employees, t.label),
    )
    return EmployabilityPlan(
        employees=count,
        at_risk=tuple(at_risk),
        training_needs=tuple(training),
        targets=tuple(targets),
        vulnerability=_vulnerability(
            workforce, trained_days, [signal[int(o)] for o in occupations], lang
        ),
    )


def _strengths(
    workforce: list[dict[str, Any]], occupations: np.ndarray, engine: MatchingEngine
) -> sparse.csr_matrix:
    """Employees × skills: their listed skills in full, else their occupation's profile."""
    index = engine.taxonomy.skill_index
    rows, cols = [], []
    listed = np.zeros(len(workforce), dtype=bool)
    for i, row in enumerate(workforce):
        for uri in row["skills"]:
            rows.append(i)
            cols.append(index[uri])
            listed[i] = True
    own = sparse.csr_matrix(
        (np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(workforce), len(index))
    )
    profiles = engine.profiles[occupations]
    profiles = sparse.diags((~listed).astype(np.float32)) @ profiles
    result: sparse.csr_matrix = (own + profiles).tocsr()
    return result


def _targets(
    workforce: list[dict[str, Any]],
    strategy: list[dict[str, Any]],
    occupations: npt.NDArray[np.int64],
    strengths: sparse.csr_matrix,
    engine: MatchingEngine,
    lang: str,
) -> tuple[list[TargetPlan], dict[int, int]]:
    """Per target occupation: who is in it, who could move into it, who must be recruited;
    and the essential skills the movers still need (skill index → employees)."""
    taxonomy = engine.taxonomy
    plans = []
    needs: dict[int, int] = {}
    refs = [r["employee_ref"] for r in workforce]
    for row in strategy:
        if row["target_kind"] != "occupation":
            continue
        target = taxonomy.occupation_index[row["target_uri"]]
        coverage = (
            np.asarray(strengths @ engine.requirements[target].T.toarray()).ravel()
            / engine.requirement_total[target]
        )
        in_role = occupations == target
        essential = engine.essential[target].indices
        held = np.asarray((strengths[:, essential] > 0).sum(axis=1)).ravel()
        order = [
            i
            for i in np.argsort(-coverage).tolist()
            if not in_role[i] and coverage[i] >= MOBILITY_MIN_COVERAGE
        ]
        shortfall = max(0, row["needed"] - int(in_role.sum()))
        chosen = order[: min(shortfall, MOBILITY_SHOWN) if shortfall else MOBILITY_SHOWN]
        candidates = tuple(
            MobilityCandidate(refs[i], round(float(coverage[i]), 3), int(held[i]), len(essential))
            for i in chosen
        )
        movable = min(shortfall, len(order))
        for i in order[:movable]:
            for column in essential:
                if strengths[i, column] <= 0:
                    needs[int(column)] = needs.get(int(column), 0) + 1
        plans.append(
            TargetPlan(
                row["target_uri"],
                taxonomy.occupations[target].label(lang),
                row["needed"],
                row["horizon_year"],
                int(in_role.sum()),
                candidates,
                max(0, shortfall - movable),
            )
        )
    return plans, needs


EXPLANATION = {
    "en": "{ageing:.0%} of the employees are 50 or older; {untrained:.0%} had no training in the "
    "last 12 months; occupation outlook {outlook:+.2f}; {size} employees.",
    "nl": "{ageing:.0%} van de werknemers is 50 of ouder; {untrained:.0%} volgde het voorbije "
    "jaar geen opleiding; vooruitzichten van de beroepen {outlook:+.2f}; {size} werknemers.",
}


def _vulnerability(
    workforce: list[dict[str, Any]],
    trained_days: npt.NDArray[np.int64],
    outlooks: list[float],
    lang: str,
) -> Vulnerability:
    count = max(len(workforce), 1)
    ageing = sum(r["age_band"] in ("50-59", "60+") for r in workforce) / count
    untrained = float(np.mean(trained_days > TRAINED_THIS_YEAR_DAYS)) if len(workforce) else 0.0
    mean_outlook = float(np.mean(outlooks)) if outlooks else 0.0
    parts = {
        "ageing": round(ageing, 3),
        "low_training": round(untrained, 3),
        "outlook": round(max(0.0, -mean_outlook), 3),
        "small": 1.0 if len(workforce) < SMALL else 0.0,
    }
    score = round(sum(VULNERABILITY_WEIGHTS[k] * v for k, v in parts.items()), 3)
    text = EXPLANATION["nl" if lang == "nl" else "en"].format(
        ageing=ageing, untrained=untrained, outlook=mean_outlook, size=len(workforce)
    )
    return Vulnerability(score, score >= VULNERABLE, parts, text)
