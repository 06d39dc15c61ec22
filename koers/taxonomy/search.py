"""Query time of free-text search for occupations and skills: typos allowed, Dutch and English.

Two stages:

1. *Candidates*: every label (preferred and alternative, per language) is a sparse vector of
   IDF-weighted character trigrams. The query's trigrams pick the labels that share the most
   rare trigrams (cosine; for the run-together English alternative labels of skills, the share
   of the query's trigrams they contain). This is one sparse product, not a scan of all labels.
2. *Ranking*: the best candidates are re-scored with rapidfuzz's edit-distance ratios, weighted
   by the kind of label (preferred > alternative), and folded to one hit per concept.
3. *Meaning* (skills): most skills have English labels only, so the query is also embedded
   with the multilingual encoder and its cosine to each skill label is blended in (half and
   half): "eerste hulp" finds "first aid". The embeddings are projected on their principal
   components (``SEMANTIC_DIMENSIONS``), which keeps the comparison under a millisecond.

Flemish words that differ from the Netherlands-Dutch ESCO labels ("kinesitherapeut",
"lager onderwijs") are rewritten with a curated list before searching; both forms are searched.
The index itself is built by :mod:`koers.taxonomy.search_index`.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz
from scipy import sparse

from koers.errors import InvalidInput
from koers.taxonomy import encoder
from koers.taxonomy.model import Labelled
from koers.taxonomy.search_index import FIELD_WEIGHT, ConceptKind, LabelField, label_entries
from koers.taxonomy.taxonomy import Taxonomy, UnknownConceptError
from koers.taxonomy.text import normalise, trigrams

FLEMISH_TERMS_FILE = Path(__file__).parent / "data" / "flemish_terms.csv"
MAX_QUERY_LENGTH = 200
CANDIDATES = 80
CANDIDATE_TRIGRAMS = 12
SEMANTIC_WEIGHT = {ConceptKind.OCCUPATION: 0.1, ConceptKind.SKILL: 0.5}
"""Weight of meaning against letters, per kind: occupations have rich alternative labels in
Dutch and English, most skills had none until Koers added its own, so meaning weighs more."""
SEMANTIC_CANDIDATES = 20
PREFERRED_SHARE = 0.5
"""Share of a concept's meaning score that comes from its preferred labels (the rest from its
best label of any kind, everyday alternatives included)."""
LOOK_ALIKE_FLOOR = 0.6
AGREEMENT = 0.7
"""A label that only looks like the query (not an exact match) keeps its lexical score in full
when the encoder agrees on meaning (cosine ``AGREEMENT`` or more), down to
``LOOK_ALIKE_FLOOR`` of it when the meaning is unrelated: "laswerk" is not "glaswerk"."""
EXACT_MATCH = 0.95
PRIOR_WEIGHT = 0.05
"""Weight of how widely occupations use a concept: breaks near-ties towards common skills."""
RESOLVE_MIN_SCORE = 0.85


class SearchQueryError(InvalidInput):
    """A query that cannot be searched."""


class EmptyQuery(SearchQueryError):
    code = "search.empty_query"
    message = "The search text is empty."


class QueryTooLong(SearchQueryError):
    code = "search.query_too_long"
    message = "The search text is too long (at most {limit} characters)."


class UnresolvedOccupation(UnknownConceptError):
    code = "search.unresolved_occupation"
    message = "No ESCO occupation matches “{text}” well enough. Did you mean: {suggestions}?"


class UnresolvedSkill(UnknownConceptError):
    code = "search.unresolved_skill"
    message = "No ESCO skill matches “{text}” well enough. Did you mean: {suggestions}?"


@dataclass(frozen=True, slots=True)
class SearchHit:
    uri: str
    label: str
    score: float
    matched_text: str


@dataclass(frozen=True, slots=True)
class OccupationHit:
    """One occupation found by free text: the row the CLI, the API and pages show."""

    occupation_uri: str
    label: str
    score: float
    isco_code: str


@dataclass(frozen=True, slots=True)
class SkillHit:
    """One skill found by free text: the row the CLI, the API and pages show."""

    skill_uri: str
    label: str
    score: float
    skill_type: str


@cache
def flemish_rewrites() -> tuple[tuple[str, str], ...]:
    """Return the curated (Flemish, Netherlands-Dutch) word pairs, normalised, longest first."""
    with FLEMISH_TERMS_FILE.open(encoding="utf-8", newline="") as handle:
        pairs = [
            (normalise(r["flemish"]), normalise(r["standard"])) for r in csv.DictReader(handle)
        ]
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


def query_variants(query: str) -> list[str]:
    """Return the normalised query and, if it uses Flemish terms, its Netherlands-Dutch form."""
    normalised = normalise(query)
    variants = [normalised]
    rewritten = f" {normalised} "
    for flemish, standard in flemish_rewrites():
        rewritten = rewritten.replace(f" {flemish} ", f" {standard} ")
    rewritten = rewritten.strip()
    if rewritten != normalised:
        variants.append(rewritten)
    return variants


def check_query(query: str) -> None:
    """Raise :class:`SearchQueryError` if ``query`` cannot be searched."""
    if len(query) > MAX_QUERY_LENGTH:
        raise QueryTooLong(limit=MAX_QUERY_LENGTH)
    if not normalise(query):
        raise EmptyQuery()


class ConceptSearch:
    """The search index of one kind of concept (occupations or skills)."""

    def __init__(
        self,
        taxonomy: Taxonomy,
        kind: ConceptKind,
        arrays: dict[str, npt.NDArray[Any]],
        semantic: SemanticIndex | None = None,
    ) -> None:
        """``semantic``: label embeddings and the concept of each, to blend in meaning."""
        self.taxonomy = taxonomy
        self.kind = kind
        self.semantic = semantic
        self.concepts: tuple[Labelled, ...] = (
            taxonomy.occupations if kind is ConceptKind.OCCUPATION else taxonomy.skills
        )
        self.texts = [text for _, _, text in label_entries(taxonomy, kind)]
        self.concept = arrays[f"{kind}_concept"]
        self.field = arrays[f"{kind}_field"]
        if len(self.texts) != len(self.concept):
            raise ValueError("Search index does not match the taxonomy: rebuild it")
        self.idf = arrays[f"{kind}_idf"]
        self.vocabulary = {gram: i for i, gram in enumerate(arrays[f"{kind}_vocabulary"].tolist())}
        self.indices = arrays[f"{kind}_indices"]
        self.indptr = arrays[f"{kind}_indptr"]
        matrix = sparse.csc_matrix(
            (np.ones(len(self.indices), dtype=np.float32), self.indices, self.indptr),
            shape=(len(self.texts), len(self.vocabulary)),
        )
        squared = matrix.multiply(self.idf**2).tocsr().sum(axis=1)
        self.norm = np.sqrt(np.asarray(squared).ravel()).astype(np.float32)
        self.is_text = self.field == LabelField.ALTERNATIVE_TEXT
        self.prior = usage_prior(taxonomy, kind)

    def _candidates(self, query: str) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.float32]]:
        columns = [self.vocabulary[g] for g in trigrams(query) if g in self.vocabulary]
        if not columns:
            return np.empty(0, dtype=np.intp), np.empty(0, dtype=np.float32)
        query_norm = float(np.sqrt((self.idf[columns] ** 2).sum()))
        # Common trigrams (" ku", "en ") say little and touch most labels: the rarest ones
        # pick the candidates, at a fraction of the work.
        columns = sorted(columns, key=lambda c: -self.idf[c])[:CANDIDATE_TRIGRAMS]
        weights = self.idf[columns] ** 2
        starts, ends = self.indptr[columns], self.indptr[np.asarray(columns) + 1]
        rows = np.concatenate([self.indices[a:b] for a, b in zip(starts, ends, strict=True)])
        dot = np.bincount(
            rows, weights=np.repeat(weights, ends - starts), minlength=len(self.texts)
        )
        shared = np.flatnonzero(dot)  # only labels sharing a trigram can be candidates
        if len(shared) == 0:
            return np.empty(0, dtype=np.intp), np.empty(0, dtype=np.float32)
        is_text = self.is_text[shared]
        overlap = np.where(
            is_text,
            dot[shared] / (query_norm**2) * FIELD_WEIGHT[LabelField.ALTERNATIVE_TEXT],
            dot[shared] / (query_norm * np.maximum(self.norm[shared], 1e-6)),
        )
        count = min(CANDIDATES, len(shared))
        top = np.argpartition(-overlap, count - 1)[:count]
        return shared[top], overlap[top].astype(np.float32)

    def _rank(
        self, query: str, entries: npt.NDArray[np.intp], overlap: npt.NDArray[np.float32]
    ) -> dict[int, tuple[float, int]]:
        best: dict[int, tuple[float, int]] = {}
        for entry, cosine in zip(entries.tolist(), overlap.tolist(), strict=True):
            text = self.texts[entry]
            label_field = LabelField(int(self.field[entry]))
            if text == query:
                score = FIELD_WEIGHT[label_field]
            else:
                if label_field is LabelField.ALTERNATIVE_TEXT:
                    similarity = fuzz.partial_ratio(query, text) / 100
                else:
                    # WRatio forgives word order and partial matches; plain ratio prefers labels
                    # about as long as the query ("verpleegkundige" over specialisations).
                    similarity = (fuzz.WRatio(query, text) + fuzz.ratio(query, text)) / 200
                score = FIELD_WEIGHT[label_field] * (0.5 * similarity + 0.5 * min(cosine, 1.0))
            concept = int(self.concept[entry])
            if concept not in best or score > best[concept][0]:
                best[concept] = (score, entry)
        return best

    def search(self, query: str, *, lang: str = "nl", limit: int = 10) -> list[SearchHit]:
        """Return up to ``limit`` concepts best matching ``query``, best first.

        Raises :class:`SearchQueryError` for an empty or over-long query.
        """
        check_query(query)
        lexical: dict[int, tuple[float, str]] = {}
        for variant in query_variants(query):
            entries, overlap = self._candidates(variant)
            for concept, (score, entry) in self._rank(variant, entries, overlap).items():
                if concept not in lexical or score > lexical[concept][0]:
                    lexical[concept] = (score, self.texts[entry])
        best = self._with_meaning(query, lexical) if self.semantic else lexical
        ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[0]))[:limit]
        return [
            SearchHit(
                uri=self.concepts[concept].uri,
                label=self.concepts[concept].label(lang),
                score=round(score, 4),
                matched_text=text[:120],
            )
            for concept, (score, text) in ranked
        ]

    def _with_meaning(
        self, query: str, lexical: dict[int, tuple[float, str]]
    ) -> dict[int, tuple[float, str]]:
        """Blend the lexical score with meaning: the encoder's cosine between the query and the
        concept's labels (the best of any label, and of its preferred labels, half each, so an
        everyday alternative finds a skill while its own name decides between look-alikes),
        plus a small prior for concepts that many occupations use."""
        assert self.semantic is not None
        semantic = self.semantic
        similarity = semantic.similarity(encoder.encode([query]))
        candidates = set(lexical) | semantic.nearest(similarity, SEMANTIC_CANDIDATES)
        weight = SEMANTIC_WEIGHT[self.kind]
        blended = {}
        for concept in candidates:
            score, text = lexical.get(concept, (0.0, ""))
            sense = semantic.meaning(similarity, concept)
            if score < EXACT_MATCH:
                score *= min(1.0, LOOK_ALIKE_FLOOR + (1 - LOOK_ALIKE_FLOOR) * sense / AGREEMENT)
            combined = (1 - PRIOR_WEIGHT) * ((1 - weight) * score + weight * sense) + (
                PRIOR_WEIGHT * float(self.prior[concept])
            )
            blended[concept] = (combined, text or self.concepts[concept].label("en"))
        return blended

    def resolve(self, text: str) -> Labelled:
        """Return the concept a URI or label names; a close search hit is accepted too.

        Raises :class:`UnknownConceptError` (unknown URI, or no hit scoring at least
        ``RESOLVE_MIN_SCORE``, with suggestions) or :class:`SearchQueryError` (empty text).
        """
        lookup = (
            self.taxonomy.occupation if self.kind is ConceptKind.OCCUPATION else self.taxonomy.skill
        )
        text = text.strip()
        if text.startswith(("http://", "https://")):
            return lookup(text)
        hits = self.search(text, limit=3)
        if hits and hits[0].score >= RESOLVE_MIN_SCORE:
            return lookup(hits[0].uri)
        suggestions = ", ".join(f"“{h.label}”" for h in hits) or "…"
        unresolved = (
            UnresolvedOccupation if self.kind is ConceptKind.OCCUPATION else UnresolvedSkill
        )
        raise unresolved(text=text, suggestions=suggestions)

    def linear_scan(self, query: str, *, limit: int = 10) -> list[tuple[str, float]]:
        """Baseline: score every label with rapidfuzz's WRatio, one concept per hit."""
        normalised = normalise(query)
        best: dict[int, float] = {}
        for entry, text in enumerate(self.texts):
            score = fuzz.WRatio(normalised, text)
            concept = int(self.concept[entry])
            if score > best.get(concept, -1.0):
                best[concept] = score
        ranked = sorted(best.items(), key=lambda item: -item[1])[:limit]
        return [(self.concepts[c].uri, s / 100) for c, s in ranked]


def usage_prior(taxonomy: Taxonomy, kind: ConceptKind) -> npt.NDArray[np.float32]:
    """Per concept in [0, 1]: for skills, how many occupations need it (essential counts 1,
    optional 0.5), on a log scale; occupations have no prior (zeros)."""
    if kind is ConceptKind.OCCUPATION:
        return np.zeros(len(taxonomy.occupations), dtype=np.float32)
    uses = np.bincount(
        taxonomy.link_skill,
        weights=np.where(taxonomy.link_essential, 1.0, 0.5),
        minlength=len(taxonomy.skills),
    )
    prior = np.log1p(uses)
    return (prior / max(float(prior.max()), 1e-9)).astype(np.float32)


@dataclass(frozen=True)
class SemanticIndex:
    """Label embeddings of one kind of concept in the reduced space.

    Rows of one concept are contiguous (``starts``); ``preferred`` marks preferred labels.
    """

    vectors: npt.NDArray[np.float32]  # (labels, SEMANTIC_DIMENSIONS), unit length
    owners: npt.NDArray[np.int32]  # (labels,) the concept of each row
    starts: npt.NDArray[np.intp]  # (concepts + 1,) first row of each concept, then the end
    preferred_count: npt.NDArray[np.intp]  # (concepts,) its preferred labels, first in its rows
    mean: npt.NDArray[np.float32]  # (512,)
    projection: npt.NDArray[np.float32]  # (512, SEMANTIC_DIMENSIONS)

    def project(self, vectors: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        reduced = (vectors - self.mean) @ self.projection
        reduced /= np.maximum(np.linalg.norm(reduced, axis=1, keepdims=True), 1e-9)
        return reduced.astype(np.float32)

    def similarity(self, query: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        """Cosine of every label row to the embedded ``query`` (1 × 512), shape (labels,)."""
        result: npt.NDArray[np.float32] = self.vectors @ self.project(query)[0]
        return result

    def nearest(self, similarity: npt.NDArray[np.float32], count: int) -> set[int]:
        """The concepts owning the ``count`` label rows most similar to the query."""
        rows = np.argpartition(-similarity, count)[:count]
        return set(self.owners[rows].tolist())

    def meaning(self, similarity: npt.NDArray[np.float32], concept: int) -> float:
        """The mean of the concept's best label's cosine and its best preferred label's
        (preferred labels come first among a concept's rows)."""
        start, end = int(self.starts[concept]), int(self.starts[concept + 1])
        rows = similarity[start:end]
        preferred = rows[: int(self.preferred_count[concept])]
        return float((1 - PREFERRED_SHARE) * rows.max() + PREFERRED_SHARE * preferred.max())

    @classmethod
    def build(cls, arrays: dict[str, npt.NDArray[Any]], kind: ConceptKind) -> SemanticIndex:
        """From the vendored label vectors of ``kind`` and their precomputed projection."""
        vectors, owners = (
            (arrays["vectors"], arrays["skill"])
            if kind is ConceptKind.SKILL
            else (arrays["occupation_vectors"], arrays["occupation"])
        )
        preferred = arrays["preferred"] if kind is ConceptKind.SKILL else np.ones(len(owners), bool)
        if np.any(np.diff(owners) < 0):
            raise ValueError("Label vectors must be grouped by concept: rebuild them")
        mean = arrays["search_mean"].astype(np.float32)
        projection = arrays["search_projection"].astype(np.float32)
        reduced = (vectors.astype(np.float32) - mean) @ projection
        reduced /= np.maximum(np.linalg.norm(reduced, axis=1, keepdims=True), 1e-9)
        starts = np.r_[np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]]), len(owners)]
        preferred_count = np.add.reduceat(preferred.astype(np.intp), starts[:-1])
        if len(starts) - 1 != int(owners[-1]) + 1 or not preferred[starts[:-1]].all():
            raise ValueError("Every concept needs label vectors, preferred labels first: rebuild")
        return cls(
            vectors=np.ascontiguousarray(reduced, dtype=np.float32),
            owners=owners,
            starts=starts,
            preferred_count=preferred_count,
            mean=mean,
            projection=projection,
        )


@dataclass(frozen=True)
class Searcher:
    occupations: ConceptSearch
    skills: ConceptSearch

    def index(self, kind: str) -> ConceptSearch:
        """The index of ``kind``: "occupation" or "skill" (raises ValueError otherwise)."""
        return self.occupations if ConceptKind(kind) is ConceptKind.OCCUPATION else self.skills

    def occupation_search(
        self, query: str, *, lang: str = "nl", limit: int = 10
    ) -> list[OccupationHit]:
        """Occupations best matching ``query``, best first (raises :class:`SearchQueryError`)."""
        taxonomy = self.occupations.taxonomy
        return [
            OccupationHit(h.uri, h.label, h.score, taxonomy.occupation(h.uri).isco_code)
            for h in self.occupations.search(query, lang=lang, limit=limit)
        ]

    def skill_search(self, query: str, *, lang: str = "nl", limit: int = 10) -> list[SkillHit]:
        """Skills best matching ``query``, best first (raises :class:`SearchQueryError`)."""
        taxonomy = self.skills.taxonomy
        return [
            SkillHit(h.uri, h.label, h.score, taxonomy.skill(h.uri).skill_type.value)
            for h in self.skills.search(query, lang=lang, limit=limit)
        ]


def load_searcher(
    taxonomy: Taxonomy,
    arrays: dict[str, npt.NDArray[Any]],
    label_vectors: dict[str, npt.NDArray[Any]] | None = None,
) -> Searcher:
    """The occupation and skill indexes; with ``label_vectors``, both blend in the
    multilingual encoder's similarity."""
    semantic = {
        kind: SemanticIndex.build(label_vectors, kind) if label_vectors else None
        for kind in ConceptKind
    }
    return Searcher(
        occupations=ConceptSearch(
            taxonomy, ConceptKind.OCCUPATION, arrays, semantic[ConceptKind.OCCUPATION]
        ),
        skills=ConceptSearch(taxonomy, ConceptKind.SKILL, arrays, semantic[ConceptKind.SKILL]),
    )
