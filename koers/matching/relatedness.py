"""How related two occupations are: the signals career steps combine, and their weights.

For a step from occupation a to b, five signals, each standardised over all b for that a (so a
signal's scale does not depend on how many skills a lists):

* ``hierarchy``: the cosine of their skills summed per ESCO skill group (a shared broader group
  counts even where the exact skills differ), judged from b's side: against how close b's
  groups are to every occupation's, so a b whose groups every job shares is not close to all;
* ``description``: the cosine of their English descriptions by the English sentence encoder;
* ``skills``: the cosine of the meaning of their skills: each occupation's English skill labels
  (English encoder) averaged, rare skills weighing more (squared inverse document frequency),
  less the average over all occupations, so the generic skills nearly every job lists do not
  make all jobs look alike;
* ``names``: the cosine of how people name them: their English preferred and alternative labels
  (multilingual encoder) averaged;
* ``isco``: ISCO proximity (same unit group 1, same minor group 0.75, sub-major 0.5, major 0.25).

A logistic model turns the weighted sum into a similarity in (0, 1). Weights and intercept were
fitted on expert-curated related occupations (O*NET "Related Occupations", Primary-Short tier,
mapped to ESCO; ``../shared/data/benchmarks``) against close non-related occupations, with
5-fold cross-validation over source occupations: ``benchmarks/fit_career_steps.py`` prints the
held-out recall@20 (with and without the outlook) and refits these figures. With the fitted
intercept the best candidates stay well apart instead of all near 1, so the outlook (which
multiplies the similarity) only reorders close calls.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import sparse

from koers.taxonomy.taxonomy import Taxonomy

FEATURES = ("hierarchy", "description", "skills", "names", "isco")
WEIGHTS = np.array([0.158, 0.09, 0.338, 0.295, 0.111], dtype=np.float32)
INTERCEPT = -4.511

FloatArray = npt.NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class Meanings:
    """Sentence-encoder vectors (unit rows) the text signals compare."""

    descriptions: FloatArray
    """Occupations × d: each occupation's English description."""
    names: FloatArray
    """Occupations × d: each occupation's English names, averaged."""
    skills: FloatArray
    """Skills × d: each skill's English label."""


class Relatedness:
    """Built once with the engine: the occupation matrices the signals need.

    ``weights`` and ``intercept`` default to the fitted figures above; the fitting benchmark
    sets others to measure them."""

    def __init__(
        self,
        taxonomy: Taxonomy,
        meanings: Meanings | None,
        *,
        weights: FloatArray = WEIGHTS,
        intercept: float = INTERCEPT,
    ) -> None:
        self.weights = weights
        self.intercept = intercept
        self.groups = _group_profiles(taxonomy)
        dense = self.groups.toarray().astype(np.float32)
        shared = dense @ dense.T
        self.group_mean = shared.mean(axis=1)
        self.group_std = shared.std(axis=1) + 1e-9
        count = len(taxonomy.occupations)
        if meanings is None:
            empty = np.zeros((count, 1), dtype=np.float32)
            self.descriptions, self.names, self.skill_meanings = empty, empty, empty
        else:
            self.descriptions = meanings.descriptions
            self.names = meanings.names
            self.skill_meanings = _skill_meanings(taxonomy, meanings.skills)
        codes = [o.isco_code.ljust(4, "0") for o in taxonomy.occupations]
        self.isco = np.array([[int(c[:k] or 0) for k in (1, 2, 3, 4)] for c in codes])

    def features(self, origin: int) -> FloatArray:
        """The five signals from ``origin`` to every occupation, shape (occupations, 5),
        standardised per signal over the occupations."""
        groups = np.asarray((self.groups @ self.groups[origin].T).todense()).ravel()
        raw = np.stack(
            [
                (groups - self.group_mean) / self.group_std,
                self.descriptions @ self.descriptions[origin],
                self.skill_meanings @ self.skill_meanings[origin],
                self.names @ self.names[origin],
                (self.isco == self.isco[origin]).sum(axis=1) / 4,
            ],
            axis=1,
        ).astype(np.float32)
        result: FloatArray = (raw - raw.mean(axis=0)) / (raw.std(axis=0) + 1e-9)
        return result

    def similarity(self, origin: int) -> FloatArray:
        """How related every occupation is to ``origin``, in (0, 1), shape (occupations,)."""
        z = self.features(origin) @ self.weights + self.intercept
        result: FloatArray = (1 / (1 + np.exp(-z))).astype(np.float32)
        return result


def _group_profiles(taxonomy: Taxonomy) -> sparse.csr_matrix:
    """Occupations × ESCO skill groups: each occupation's skills (essential 1, optional 0.5)
    summed per first broader group, rows of unit length."""
    group_of: dict[int, int] = {}
    group_index: dict[str, int] = {}
    for index, skill in enumerate(taxonomy.skills):
        path = taxonomy.broader_path(skill.uri)
        if path:
            group_of[index] = group_index.setdefault(path[0].uri, len(group_index))
    skill_to_group = sparse.csr_matrix(
        (np.ones(len(group_of)), (list(group_of), list(group_of.values()))),
        shape=(len(taxonomy.skills), len(group_index)),
    )
    profiles = taxonomy.link_matrix(np.where(taxonomy.link_essential, 1.0, 0.5)) @ skill_to_group
    norms = np.sqrt(np.asarray(profiles.multiply(profiles).sum(axis=1)).ravel())
    result: sparse.csr_matrix = (sparse.diags(1 / np.maximum(norms, 1e-9)) @ profiles).tocsr()
    return result


def _skill_meanings(taxonomy: Taxonomy, skill_vectors: FloatArray) -> FloatArray:
    """Occupations × d: the mean meaning of each occupation's skills (essential 1, optional
    0.5, times the squared inverse document frequency), centred over occupations, unit rows."""
    count = len(taxonomy.occupations)
    per_skill = np.bincount(taxonomy.link_skill, minlength=len(taxonomy.skills))
    rarity = np.log(count / np.maximum(per_skill, 1)) ** 2
    weights = np.where(taxonomy.link_essential, 1.0, 0.5) * rarity[taxonomy.link_skill]
    means = np.asarray(taxonomy.link_matrix(weights) @ skill_vectors, dtype=np.float32)
    means /= np.maximum(np.linalg.norm(means, axis=1, keepdims=True), 1e-9)
    means -= means.mean(axis=0)
    result: FloatArray = means / np.maximum(np.linalg.norm(means, axis=1, keepdims=True), 1e-9)
    return result
