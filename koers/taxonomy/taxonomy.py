"""The loaded ESCO taxonomy: look-ups by URI and the occupation-skill links."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import sparse

from koers.errors import NotFound
from koers.taxonomy.model import (
    IscoGroup,
    Occupation,
    Relation,
    Skill,
    SkillGroup,
    SkillLink,
)


class UnknownConceptError(NotFound):
    """A URI or name that is not a concept of the loaded ESCO version."""


class UnknownOccupation(UnknownConceptError):
    code = "taxonomy.unknown_occupation"
    message = "Unknown ESCO occupation: {uri}"


class UnknownSkill(UnknownConceptError):
    code = "taxonomy.unknown_skill"
    message = "Unknown ESCO skill: {uri}"


@dataclass(frozen=True, slots=True)
class OccupationSkills:
    essential: tuple[Skill, ...]
    optional: tuple[Skill, ...]


class Taxonomy:
    """ESCO occupations and skills with their links, indexed for fast look-up.

    Occupation-skill links are kept as parallel integer arrays (occupation index, skill index,
    essential flag) sorted by occupation, so one occupation's skills are a slice and the whole
    set turns into a sparse matrix without copying objects.
    """

    def __init__(
        self,
        *,
        occupations: Sequence[Occupation],
        skills: Sequence[Skill],
        groups: Sequence[SkillGroup],
        isco_groups: Sequence[IscoGroup],
        links: Iterable[SkillLink] = (),
        skill_relations: Iterable[tuple[str, str, Relation]] = (),
        broader: Iterable[tuple[str, str]] = (),
        attribution: str,
        link_arrays: tuple[npt.NDArray[np.int32], npt.NDArray[np.int32], npt.NDArray[np.bool_]]
        | None = None,
    ) -> None:
        self.occupations = tuple(occupations)
        self.skills = tuple(skills)
        self.groups = tuple(groups)
        self.attribution = attribution
        self.occupation_index = {o.uri: i for i, o in enumerate(self.occupations)}
        self.skill_index = {s.uri: i for i, s in enumerate(self.skills)}
        self.group_by_uri = {g.uri: g for g in self.groups}
        self.isco_by_code = {g.code: g for g in isco_groups}
        if link_arrays is None:
            link_arrays = self._link_arrays(links)
        self.link_occupation, self.link_skill, self.link_essential = link_arrays
        self._occupation_offsets = np.searchsorted(
            self.link_occupation, np.arange(len(self.occupations) + 1)
        )
        self._by_skill = np.argsort(self.link_skill, kind="stable")
        self._skill_offsets = np.searchsorted(
            self.link_skill[self._by_skill], np.arange(len(self.skills) + 1)
        )
        self.skill_relations = tuple(skill_relations)
        self._related: dict[str, list[tuple[str, Relation]]] = defaultdict(list)
        for source, target, relation in self.skill_relations:
            self._related[source].append((target, relation))
        self.broader = tuple(broader)
        self._broader: dict[str, list[str]] = defaultdict(list)
        for child, parent in self.broader:
            self._broader[child].append(parent)

    def _link_arrays(
        self, links: Iterable[SkillLink]
    ) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int32], npt.NDArray[np.bool_]]:
        triples = sorted(
            (
                self.occupation_index[link.occupation_uri],
                self.skill_index[link.skill_uri],
                link.relation is Relation.ESSENTIAL,
            )
            for link in links
            if link.occupation_uri in self.occupation_index and link.skill_uri in self.skill_index
        )
        array = np.array(triples, dtype=np.int32).reshape(-1, 3)
        return array[:, 0].copy(), array[:, 1].copy(), array[:, 2].astype(bool)

    def link_matrix(
        self, values: npt.NDArray[np.floating] | npt.NDArray[np.bool_]
    ) -> sparse.csr_matrix:
        """Occupations × skills (CSR, float32) with ``values[i]`` at link i; links whose value is
        0 are left out, so a mask selects a subset (e.g. the essential links)."""
        matrix = sparse.csr_matrix(
            (np.asarray(values, dtype=np.float32), (self.link_occupation, self.link_skill)),
            shape=(len(self.occupations), len(self.skills)),
        )
        matrix.eliminate_zeros()
        return matrix

    @property
    def links(self) -> list[SkillLink]:
        return [
            SkillLink(
                self.occupations[o].uri,
                self.skills[s].uri,
                Relation.ESSENTIAL if essential else Relation.OPTIONAL,
            )
            for o, s, essential in zip(
                self.link_occupation.tolist(),
                self.link_skill.tolist(),
                self.link_essential.tolist(),
                strict=True,
            )
        ]

    def occupation(self, uri: str) -> Occupation:
        """Return the occupation with ``uri``; raise :class:`UnknownConceptError` if unknown."""
        try:
            return self.occupations[self.occupation_index[uri]]
        except KeyError:
            raise UnknownOccupation(uri=uri) from None

    def skill(self, uri: str) -> Skill:
        """Return the skill with ``uri``; raise :class:`UnknownConceptError` if unknown."""
        try:
            return self.skills[self.skill_index[uri]]
        except KeyError:
            raise UnknownSkill(uri=uri) from None

    def find_occupation(self, uri: str) -> Occupation | None:
        """Return the occupation with ``uri``, or None if unknown (forgiving twin of
        :meth:`occupation`)."""
        index = self.occupation_index.get(uri)
        return None if index is None else self.occupations[index]

    def find_skill(self, uri: str) -> Skill | None:
        """Return the skill with ``uri``, or None if unknown (forgiving twin of :meth:`skill`)."""
        index = self.skill_index.get(uri)
        return None if index is None else self.skills[index]

    def isco_group(self, occupation: Occupation) -> IscoGroup | None:
        return self.isco_by_code.get(occupation.isco_code)

    def skills_of(self, occupation_uri: str) -> OccupationSkills:
        """Return the essential and optional skills of an occupation, each sorted by label."""
        index = self.occupation_index.get(occupation_uri)
        if index is None:
            raise UnknownOccupation(uri=occupation_uri)
        start, end = self._occupation_offsets[index], self._occupation_offsets[index + 1]
        essential: list[Skill] = []
        optional: list[Skill] = []
        for skill, is_essential in zip(
            self.link_skill[start:end].tolist(),
            self.link_essential[start:end].tolist(),
            strict=True,
        ):
            (essential if is_essential else optional).append(self.skills[skill])
        return OccupationSkills(
            essential=tuple(sorted(essential, key=lambda s: s.label("en"))),
            optional=tuple(sorted(optional, key=lambda s: s.label("en"))),
        )

    def occupations_needing(self, skill_uri: str) -> tuple[list[Occupation], list[Occupation]]:
        """Return (occupations where the skill is essential, where it is optional)."""
        index = self.skill_index.get(skill_uri)
        if index is None:
            raise UnknownSkill(uri=skill_uri)
        rows = self._by_skill[self._skill_offsets[index] : self._skill_offsets[index + 1]]
        essential = [
            self.occupations[i] for i in self.link_occupation[rows[self.link_essential[rows]]]
        ]
        optional = [
            self.occupations[i] for i in self.link_occupation[rows[~self.link_essential[rows]]]
        ]
        return essential, optional

    def related_skills(self, skill_uri: str) -> list[tuple[Skill, Relation]]:
        return [
            (self.skills[self.skill_index[uri]], relation)
            for uri, relation in self._related.get(skill_uri, [])
            if uri in self.skill_index
        ]

    def broader_groups(self, uri: str) -> list[SkillGroup | Skill]:
        """Return the direct broader concepts (skill groups or skills) of a skill or group."""
        found: list[SkillGroup | Skill] = []
        for parent in self._broader.get(uri, []):
            if parent in self.group_by_uri:
                found.append(self.group_by_uri[parent])
            elif parent in self.skill_index:
                found.append(self.skills[self.skill_index[parent]])
        return found

    def broader_path(self, uri: str) -> list[SkillGroup | Skill]:
        """Return the first broader concepts from ``uri`` up to the top of the hierarchy."""
        path: list[SkillGroup | Skill] = []
        seen = {uri}
        current = uri
        while True:
            parents = self.broader_groups(current)
            if not parents or parents[0].uri in seen:
                return path
            path.append(parents[0])
            seen.add(parents[0].uri)
            current = parents[0].uri
