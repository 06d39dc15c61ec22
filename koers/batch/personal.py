"""Vacancy matching for one person or one vacancy, with the batch code
(:mod:`koers.batch.vacancies`).

The same score as ``koers batch match-vacancies`` (the specificity-weighted share of a
vacancy's required skills a person holds, each at its strength), the same sparse products and
the same exact top K; only the inputs are small: one citizen's portfolio against a set of
vacancies, or the portfolios of a few citizens against one vacancy. Results say how many of the
required skills are matched and which, and a word for the fit; they carry no raw score.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from koers.batch.vacancies import (
    VacancyIndex,
    match_block,
    seeker_pairs,
    seeker_strengths,
    vacancy_pairs,
)
from koers.errors import InvalidInput
from koers.matching.weights import DEFAULT_HALF_LIFE_YEARS, VALIDATION_WEIGHT
from koers.portfolio.model import Portfolio

MAX_REQUIRED = 60
MAX_RESULTS = 50
VALIDATION_CODE = {level: code for code, level in enumerate(VALIDATION_WEIGHT)}
STRONG = 0.75
PARTIAL = 0.4


class VacancySkillUnknown(InvalidInput):
    code = "vacancy.skill_unknown"
    message = "{uri} is not a skill of the competence language."


class VacancyWithoutSkills(InvalidInput):
    code = "vacancy.no_skills"
    message = "Give the skills the vacancy requires (at least one, at most {limit})."


class ResultCountOutOfRange(InvalidInput):
    code = "vacancy.top_out_of_range"
    message = "The number of results must be between 1 and {limit}."


def fit_word(matched: int, required: int) -> str:
    """``strong`` (three quarters or more of the required skills), ``partial`` (from 40 %)
    or ``weak``: a word instead of a score."""
    share = matched / required if required else 0.0
    return "strong" if share >= STRONG else "partial" if share >= PARTIAL else "weak"


@dataclass(frozen=True, slots=True)
class VacancyFit:
    """A vacancy for a person: what it asks, how much of it they hold, what they still miss."""

    vacancy_id: int
    rank: int
    occupation_uri: str
    region: str
    language: str
    posted_on: str
    required_count: int
    matched_count: int
    fit: str
    matched_skills: tuple[str, ...]
    missing_skills: tuple[str, ...]
    synthetic: bool


@dataclass(frozen=True, slots=True)
class CandidateFit:
    """A candidate for a vacancy: how many of its required skills they hold, and which not."""

    citizen_id: int
    rank: int
    required_count: int
    matched_count: int
    fit: str
    matched_skills: tuple[str, ...]
    missing_skills: tuple[str, ...]


def portfolio_table(
    people: Sequence[tuple[int, Portfolio]], skill_index: dict[str, int]
) -> pa.Table:
    """Portfolios as seeker rows of the batch code: ``citizen_id`` and the parallel lists
    ``skills`` (taxonomy indices), ``skill_last_used``, ``skill_validation``; skills the
    taxonomy does not know are left out."""
    offsets = [0]
    skills: list[int] = []
    used: list[date | None] = []
    levels: list[int] = []
    for _, portfolio in people:
        for claim in portfolio.claims:
            number = skill_index.get(claim.skill_uri)
            if number is None:
                continue
            skills.append(number)
            used.append(claim.last_used)
            levels.append(VALIDATION_CODE.get(claim.validation, 0))
        offsets.append(len(skills))
    offset_array = pa.array(offsets, type=pa.int32())
    return pa.table(
        {
            "citizen_id": pa.array([number for number, _ in people], type=pa.int64()),
            "skills": pa.ListArray.from_arrays(offset_array, pa.array(skills, type=pa.int32())),
            "skill_last_used": pa.ListArray.from_arrays(
                offset_array, pa.array(used, type=pa.date32())
            ),
            "skill_validation": pa.ListArray.from_arrays(
                offset_array, pa.array(levels, type=pa.int8())
            ),
        }
    )


def _check_top(top: int) -> None:
    if not 1 <= top <= MAX_RESULTS:
        raise ResultCountOutOfRange(limit=MAX_RESULTS)


def _identity(n: int) -> npt.NDArray[np.int32]:
    return np.arange(n, dtype=np.int32)


class VacancyMatcher:
    """A set of vacancies (VACANCY_SCHEMA, skills indexing ``skill_uris``), ready to match one
    portfolio at a time; an index per region is built on first use."""

    def __init__(
        self,
        vacancies: pa.Table,
        *,
        skill_uris: tuple[str, ...],
        specificity: npt.NDArray[np.float32],
        synthetic: bool,
    ) -> None:
        self.vacancies = vacancies
        self.skill_uris = skill_uris
        self.skill_index = {uri: number for number, uri in enumerate(skill_uris)}
        self.specificity = specificity
        self.synthetic = synthetic
        self._indexes: dict[str | None, tuple[VacancyIndex, list[str]]] = {}

    def _index(self, region: str | None) -> tuple[VacancyIndex, list[str]]:
        if region not in self._indexes:
            table = self.vacancies
            if region is not None:
                mask = pc.equal(table.column("region"), region)
                table = table.filter(mask)
            posted = [d.isoformat() if d else "" for d in table.column("posted_on").to_pylist()]
            index = VacancyIndex.build(
                table,
                skill_map=_identity(len(self.skill_uris)),
                specificity=self.specificity,
                skill_uris=self.skill_uris,
            )
            self._indexes[region] = (index, posted)
        return self._indexes[region]

    def for_portfolio(
        self,
        portfolio: Portfolio,
        *,
        today: date,
        top: int = 10,
        region: str | None = None,
        half_life_years: float = DEFAULT_HALF_LIFE_YEARS,
    ) -> list[VacancyFit]:
        """The ``top`` vacancies (of ``region``, or all) that fit the portfolio best; only
        vacancies sharing a skill with it are candidates."""
        _check_top(top)
        index, posted = self._index(region)
        seekers = portfolio_table([(0, portfolio)], self.skill_index)
        held = seeker_strengths(
            seekers,
            skill_map=_identity(len(self.skill_uris)),
            n_skills=len(self.skill_uris),
            today=today,
            half_life_years=half_life_years,
        )
        found = match_block(held, index, top=top, row_ids=np.zeros(1, dtype=np.int64))
        pairs = seeker_pairs(seekers, held, index, found)
        rows = []
        for position, pair in zip(found.seeker_vacancies, pairs.to_pylist(), strict=True):
            matched, missing = tuple(pair["matched_skills"]), tuple(pair["missing_skills"])
            required = len(matched) + len(missing)
            rows.append(
                VacancyFit(
                    vacancy_id=int(pair["vacancy_id"]),
                    rank=int(pair["rank"]),
                    occupation_uri=pair["vacancy_occupation_uri"] or "",
                    region=pair["vacancy_region"] or "",
                    language=pair["vacancy_language"] or "",
                    posted_on=posted[int(position)],
                    required_count=required,
                    matched_count=len(matched),
                    fit=fit_word(len(matched), required),
                    matched_skills=matched,
                    missing_skills=missing,
                    synthetic=self.synthetic,
                )
            )
        return rows


def candidates_for_vacancy(
    required: Sequence[str],
    people: Sequence[tuple[int, Portfolio]],
    *,
    skill_uris: tuple[str, ...],
    specificity: npt.NDArray[np.float32],
    today: date,
    top: int = 10,
    half_life_years: float = DEFAULT_HALF_LIFE_YEARS,
) -> list[CandidateFit]:
    """The ``top`` of ``people`` (id, portfolio) for a vacancy requiring the skills
    ``required`` (URIs); only people holding at least one of them are candidates.

    Raises :class:`VacancyWithoutSkills`, :class:`VacancySkillUnknown` or
    :class:`ResultCountOutOfRange`.
    """
    _check_top(top)
    wanted = list(dict.fromkeys(required))
    if not 1 <= len(wanted) <= MAX_REQUIRED:
        raise VacancyWithoutSkills(limit=MAX_REQUIRED)
    skill_index = {uri: number for number, uri in enumerate(skill_uris)}
    for uri in wanted:
        if uri not in skill_index:
            raise VacancySkillUnknown(uri=uri[:200])
    if not people:
        return []
    vacancy = pa.table(
        {
            "vacancy_id": pa.array([0], type=pa.int64()),
            "required_skills": pa.array([[skill_index[u] for u in wanted]], pa.list_(pa.int32())),
        }
    )
    identity = _identity(len(skill_uris))
    index = VacancyIndex.build(
        vacancy, skill_map=identity, specificity=specificity, skill_uris=skill_uris
    )
    seekers = portfolio_table(people, skill_index)
    held = seeker_strengths(
        seekers,
        skill_map=identity,
        n_skills=len(skill_uris),
        today=today,
        half_life_years=half_life_years,
    )
    ids = seekers.column("citizen_id").to_numpy()
    found = match_block(held, index, top=top, row_ids=ids)
    pairs = vacancy_pairs(seekers, held, index, found)
    rows = []
    for pair in pairs.to_pylist():
        matched, missing = tuple(pair["matched_skills"]), tuple(pair["missing_skills"])
        rows.append(
            CandidateFit(
                citizen_id=int(pair["citizen_id"]),
                rank=int(pair["rank"]),
                required_count=len(wanted),
                matched_count=len(matched),
                fit=fit_word(len(matched), len(wanted)),
                matched_skills=matched,
                missing_skills=missing,
            )
        )
    return rows
