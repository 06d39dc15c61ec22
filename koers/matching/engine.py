"""The matching engine: occupations and portfolios as sparse skill vectors.

Built once per process from the taxonomy (see :func:`koers.matching.get_engine`):

* ``requirements``  (occupations × skills, CSR): relation weight × specificity, see weights.py;
* ``essential``     (occupations × skills, CSR): 1 where the skill is essential;
* ``transitions``   (occupations × occupations, dense float32): ``transitions[a, b]`` is the
  share of occupation b's weighted requirements that someone working as a already has. It is
  asymmetric: an assistant covers little of the qualified role, the qualified role covers most
  of the assistant's. Precomputed once, never per request.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

import numpy as np
import numpy.typing as npt

from koers.errors import InvalidInput
from koers.matching.relatedness import Meanings, Relatedness
from koers.matching.weights import (
    DEFAULT_HALF_LIFE_YEARS,
    ESSENTIAL_WEIGHT,
    OPTIONAL_WEIGHT,
    claim_strength,
    specificity,
)
from koers.outlook import NEUTRAL, NeutralOutlook, OccupationOutlook, Outlook
from koers.portfolio.model import Portfolio
from koers.taxonomy.model import Occupation, Skill
from koers.taxonomy.taxonomy import Taxonomy

OPTIONAL_HELD = 0.5
"""Strength with which someone in an occupation is assumed to hold its optional skills."""
NEAR_DUPLICATE = 0.9
"""Two occupations covering each other's requirements at least this much are near-duplicates."""
CONTINUITY = 0.8
"""Weight of *reuse* against *coverage* in a career step's skill similarity (see career_steps)."""
OUTLOOK_INFLUENCE = 0.25
"""How far the labour-market outlook (in [-1, 1]) can move a career step's score (±25 %)."""

MAX_TOP = 200


class MatchingInputError(InvalidInput):
    """Matching input that cannot be scored."""


class EmptyPortfolio(MatchingInputError):
    code = "matching.empty_portfolio"
    message = "The portfolio holds no known ESCO skills."


class AmbiguousStart(MatchingInputError):
    code = "matching.ambiguous_start"
    message = "Give either a current occupation or a portfolio."


class TopOutOfRange(MatchingInputError):
    code = "matching.top_out_of_range"
    message = "The number of results must be between 1 and {limit}."


@dataclass(frozen=True, slots=True)
class OccupationMatch:
    occupation: Occupation
    score: float
    matched_skills: tuple[Skill, ...]
    missing_essential_skills: tuple[Skill, ...]
    essential_count: int
    outlook: Outlook = NEUTRAL
    similarity: float = 0.0
    coverage: float = 0.0  # share of the target's weighted requirements the person has
    reuse: float = 0.0  # share of the person's (weighted) skills the target uses
    why: str = ""

    @property
    def matched_essential_count(self) -> int:
        return self.essential_count - len(self.missing_essential_skills)

    @property
    def essential_coverage(self) -> float:
        """Share of the occupation's essential skills the person has."""
        if not self.essential_count:
            return 0.0
        return round(self.matched_essential_count / self.essential_count, 4)


@dataclass
class MatchingEngine:
    taxonomy: Taxonomy
    meanings: Meanings | None = None
    """Embedded descriptions, names and skill labels (see :mod:`koers.matching.relatedness`)."""

    def __post_init__(self) -> None:
        t = self.taxonomy
        cols, essential = t.link_skill, t.link_essential
        occupations_per_skill = np.bincount(cols, minlength=len(t.skills))
        self.specificity = specificity(occupations_per_skill, len(t.occupations))
        relation = np.where(essential, ESSENTIAL_WEIGHT, OPTIONAL_WEIGHT).astype(np.float32)
        self.requirements = t.link_matrix(relation * self.specificity[cols])
        self.requirement_total = np.asarray(self.requirements.sum(axis=1)).ravel()
        self.requirement_total[self.requirement_total == 0] = 1.0
        self.essential = t.link_matrix(essential)
        self.essential_count = np.diff(self.essential.indptr)
        self.profiles = t.link_matrix(np.where(essential, 1.0, OPTIONAL_HELD))
        self.transitions = self._all_pairs()
        self.relatedness = Relatedness(t, self.meanings)
        self.skill_level = np.array([self._skill_level(o) for o in t.occupations], dtype=np.int8)

    def _skill_level(self, occupation: Occupation) -> int:
        group = self.taxonomy.isco_group(occupation)
        return group.skill_level if group else 2

    def _all_pairs(self) -> npt.NDArray[np.float32]:
        covered: npt.NDArray[np.float32] = (
            (self.profiles @ self.requirements.T).toarray().astype(np.float32)
        )
        covered /= self.requirement_total[np.newaxis, :]
        return covered

    # -- portfolio → occupations --------------------------------------------------------

    def strengths(
        self,
        portfolio: Portfolio,
        *,
        today: date | None = None,
        half_life_years: float = DEFAULT_HALF_LIFE_YEARS,
    ) -> npt.NDArray[np.float32]:
        """Dense skill strengths in [0, 1] of a portfolio, shape (n_skills,).

        Claims to unknown skills are ignored; a skill claimed twice keeps its strongest claim.
        """
        today = today or date.today()
        vector = np.zeros(len(self.taxonomy.skills), dtype=np.float32)
        index = self.taxonomy.skill_index
        for claim in portfolio.claims:
            position = index.get(claim.skill_uri)
            if position is not None:
                strength = claim_strength(claim, today=today, half_life_years=half_life_years)
                vector[position] = max(vector[position], strength)
        return vector

    def coverage(self, strengths: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        """Weighted coverage in [0, 1] of every occupation's requirements, shape (n_occ,)."""
        result = (self.requirements @ strengths) / self.requirement_total
        return np.asarray(result, dtype=np.float32)

    def explain(
        self, occupation_index: int, strengths: npt.NDArray[np.float32]
    ) -> tuple[tuple[Skill, ...], tuple[Skill, ...]]:
        """Return (skills of the occupation the person has, essential skills they miss)."""
        skills = self.taxonomy.skills
        start, end = self.requirements.indptr[occupation_index : occupation_index + 2]
        columns = self.requirements.indices[start:end]
        weights = self.requirements.data[start:end]
        order = np.argsort(-(weights * strengths[columns]), kind="stable")
        matched = tuple(skills[c] for c in columns[order] if strengths[c] > 0)
        e_start, e_end = self.essential.indptr[occupation_index : occupation_index + 2]
        essential_columns = self.essential.indices[e_start:e_end]
        missing_columns = [c for c in essential_columns if strengths[c] <= 0]
        missing_columns.sort(key=lambda c: -self.specificity[c])
        return matched, tuple(skills[c] for c in missing_columns)

    def match_at(
        self, index: int, score: float, strengths: npt.NDArray[np.float32]
    ) -> OccupationMatch:
        """The match of occupation ``index`` with ``score``, its skills held and its gap."""
        matched, missing = self.explain(index, strengths)
        count = int(self.essential_count[index])
        return OccupationMatch(
            occupation=self.taxonomy.occupations[index],
            score=round(float(score), 4),
            matched_skills=matched,
            missing_essential_skills=missing,
            essential_count=count,
        )

    def match_portfolio(
        self,
        portfolio: Portfolio,
        *,
        top: int = 20,
        today: date | None = None,
        half_life_years: float = DEFAULT_HALF_LIFE_YEARS,
    ) -> list[OccupationMatch]:
        """Score every occupation against a portfolio; return the ``top`` best, best first.

        Raises :class:`MatchingInputError` for a portfolio without known skills or a bad ``top``.
        """
        _check_top(top)
        strengths = self.strengths(portfolio, today=today, half_life_years=half_life_years)
        if not strengths.any():
            raise EmptyPortfolio()
        coverage = self.coverage(strengths)
        best = _top_indices(coverage, top)
        return [self.match_at(i, coverage[i], strengths) for i in best]

    # -- occupation → occupation -------------------------------------------------------

    def profile(self, occupation_index: int) -> npt.NDArray[np.float32]:
        """The skill strengths of someone working in an occupation, shape (n_skills,): its
        essential skills in full, its optional ones at ``OPTIONAL_HELD``."""
        return np.asarray(self.profiles.getrow(occupation_index).toarray().ravel())

    def career_steps(
        self,
        *,
        occupation_uri: str | None = None,
        portfolio: Portfolio | None = None,
        top: int = 10,
        same_or_higher_level: bool = False,
        exclude_near_duplicates: bool = True,
        today: date | None = None,
        outlook: OccupationOutlook | None = None,
    ) -> list[OccupationMatch]:
        """Rank reachable occupations by skill similarity and labour-market outlook.

        From an occupation, skill similarity is :class:`Relatedness` (shared skill groups, the
        meaning of the descriptions and of the skills, how the jobs are named, ISCO proximity;
        weights fitted on expert-curated related occupations). From a portfolio it is
        ``reuse ** CONTINUITY * coverage ** (1 - CONTINUITY)``: *reuse* is the share of the
        person's weighted skills that b uses, *coverage* the share of b's weighted requirements
        they already have. The outlook then moves the score by up to ``OUTLOOK_INFLUENCE``.

        Start from a current occupation (precomputed transitions) or a portfolio. The occupation
        itself, and with ``exclude_near_duplicates`` occupations that are the same job under
        another name, are left out. ``outlook`` is the labour-market outlook to weigh in
        (neutral when not given).
        """
        _check_top(top)
        if (occupation_uri is None) == (portfolio is None):
            raise AmbiguousStart()
        excluded = np.zeros(len(self.taxonomy.occupations), dtype=bool)
        if occupation_uri is not None:
            origin = self.taxonomy.occupation_index[self.taxonomy.occupation(occupation_uri).uri]
            coverage = self.transitions[origin]
            reuse = self.transitions[:, origin]
            strengths = self.profile(origin)
            excluded[origin] = True
            if exclude_near_duplicates:
                excluded |= (coverage >= NEAR_DUPLICATE) & (reuse >= NEAR_DUPLICATE)
            level = int(self.skill_level[origin])
        else:
            assert portfolio is not None
            strengths = self.strengths(portfolio, today=today)
            if not strengths.any():
                raise EmptyPortfolio()
            coverage = self.coverage(strengths)
            reuse = self.reuse(strengths)
            level = 1
        if same_or_higher_level:
            excluded |= self.skill_level < level
        if occupation_uri is not None:
            similarity = self.relatedness.similarity(origin)
        else:
            similarity = reuse**CONTINUITY * coverage ** (1 - CONTINUITY)
        candidates = np.where(excluded, -1.0, similarity)
        pool = _top_indices(candidates, min(len(candidates), top * 5))
        scored = []
        source = outlook or NeutralOutlook()
        for index in pool:
            signal = source.outlook(self.taxonomy.occupations[index].uri)
            score = float(similarity[index]) * (1 + OUTLOOK_INFLUENCE * signal.score)
            scored.append((score, int(index), signal))
        scored.sort(key=lambda item: (-item[0], item[1]))
        return [
            _with(
                self.match_at(index, score, strengths),
                outlook=signal,
                similarity=float(similarity[index]),
                coverage=float(coverage[index]),
                reuse=float(reuse[index]),
            )
            for score, index, signal in scored[:top]
        ]

    def reuse(self, strengths: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        """Share of a person's specificity-weighted skills each occupation uses, (n_occ,)."""
        weighted = strengths * self.specificity
        total = float(weighted.sum()) or 1.0
        result: npt.NDArray[np.float32] = (self.profiles @ weighted) / total
        return result

    def memory_bytes(self) -> int:
        """Bytes held by the engine's matrices."""
        total = self.transitions.nbytes + self.specificity.nbytes + self.requirement_total.nbytes
        for matrix in (self.requirements, self.essential, self.profiles):
            total += matrix.data.nbytes + matrix.indices.nbytes + matrix.indptr.nbytes
        return int(total)


def _with(
    match: OccupationMatch, *, outlook: Outlook, similarity: float, coverage: float, reuse: float
) -> OccupationMatch:
    why = (
        f"It uses {reuse:.0%} of what you do now; you have {match.matched_essential_count} of its "
        f"{match.essential_count} essential skills and cover {coverage:.0%} of what it asks"
    )
    if match.matched_skills:
        shared = ", ".join(s.label("en") for s in match.matched_skills[:3])
        why += f", including {shared}"
    why += f". Labour market: {outlook.summary}."
    return replace(
        match,
        outlook=outlook,
        similarity=round(similarity, 4),
        coverage=round(coverage, 4),
        reuse=round(reuse, 4),
        why=why,
    )


def _check_top(top: int) -> None:
    if not 1 <= top <= MAX_TOP:
        raise TopOutOfRange(limit=MAX_TOP)


def _top_indices(values: npt.NDArray[np.floating], count: int) -> Iterable[int]:
    """Indices of the ``count`` largest values, largest first (ties by index)."""
    count = min(count, len(values))
    part = np.argpartition(-values, count - 1)[:count]
    return [int(i) for i in part[np.lexsort((part, -values[part]))]]
