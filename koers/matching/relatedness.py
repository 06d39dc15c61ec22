"""How related two occupations are: the signals career steps combine, and their weights.

For a step from occupation a to b, six signals, each standardised over all b for that a (so a
signal's scale does not depend on how many skills a lists):

* ``coverage``: the share of b's weighted requirements someone in a already has;
* ``reuse``: the share of a's weighted skills that b uses;
* ``jaccard``: the overlap of their skill sets;
* ``hierarchy``: the cosine of their skills summed per ESCO skill group (a shared broader group
  counts even where the exact skills differ);
* ``description``: the cosine of their English descriptions by the English sentence encoder;
* ``isco``: ISCO proximity (same unit group 1, same minor group 0.75, sub-major 0.5, major 0.25).

The weighted sum goes through a logistic function, giving a similarity in (0, 1). The weights
were fitted with a logistic model on expert-curated related occupations (O*NET "Related
Occupations", Primary-Short tier, mapped to ESCO; ``../shared/data/benchmarks``), with 5-fold
cross-validation over source occupations: ``benchmarks/fit_career_steps.py`` prints the
held-out recall@20 and refits these figures.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from scipy import sparse

from koers.taxonomy.taxonomy import Taxonomy

FEATURES = ("coverage", "reuse", "jaccard", "hierarchy", "description", "isco")
WEIGHTS = np.array([0.041, 0.065, -0.083, 0.281, 0.342, 0.126], dtype=np.float32)
INTERCEPT = -2.0
SCALE = 1.0
"""The logistic function ``1 / (1 + exp(-SCALE * (sum + INTERCEPT)))`` turns the weighted sum
into a similarity; the shift keeps the best candidates (two standard deviations and more above
the rest) apart instead of all near 1, so the outlook can only reorder close calls."""

FloatArray = npt.NDArray[np.float32]


class Relatedness:
    """Built once with the engine: the occupation matrices the signals need."""

    def __init__(
        self,
        taxonomy: Taxonomy,
        transitions: FloatArray,
        description_vectors: FloatArray | None,
    ) -> None:
        self.transitions = transitions
        self.skills = taxonomy.link_matrix(np.ones(len(taxonomy.link_skill))).tocsr()
        self.skill_count = np.asarray(self.skills.sum(axis=1), dtype=np.float32).ravel()
        self.groups = _group_profiles(taxonomy)
        count = len(taxonomy.occupations)
        self.descriptions = (
            description_vectors
            if description_vectors is not None
            else np.zeros((count, 1), dtype=np.float32)
        )
        codes = [o.isco_code.ljust(4, "0") for o in taxonomy.occupations]
        self.isco = np.array([[int(c[:k] or 0) for k in (1, 2, 3, 4)] for c in codes])

    def features(self, origin: int) -> FloatArray:
        """The six signals from ``origin`` to every occupation, shape (occupations, 6),
        standardised per signal over the occupations."""
        shared = np.asarray((self.skills @ self.skills[origin].T).todense()).ravel()
        jaccard = shared / np.maximum(self.skill_count + self.skill_count[origin] - shared, 1)
        hierarchy = np.asarray((self.groups @ self.groups[origin].T).todense()).ravel()
        proximity = (self.isco == self.isco[origin]).sum(axis=1) / 4
        raw = np.stack(
            [
                self.transitions[origin],
                self.transitions[:, origin],
                jaccard,
                hierarchy,
                self.descriptions @ self.descriptions[origin],
                proximity,
            ],
            axis=1,
        ).astype(np.float32)
        result: FloatArray = (raw - raw.mean(axis=0)) / (raw.std(axis=0) + 1e-9)
        return result

    def similarity(self, origin: int) -> FloatArray:
        """How related every occupation is to ``origin``, in (0, 1), shape (occupations,)."""
        z = self.features(origin) @ WEIGHTS + INTERCEPT
        result: FloatArray = (1 / (1 + np.exp(-SCALE * z))).astype(np.float32)
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
