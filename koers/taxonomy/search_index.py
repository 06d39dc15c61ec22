"""Build time of free-text search: the trigram index of every label and the projection of
the label embeddings, written once by ``koers taxonomy build`` (see :mod:`koers.taxonomy.search`
for the query side).
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import IntEnum, StrEnum
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse

from koers.taxonomy import encoder, english
from koers.taxonomy.model import Labelled, Skill
from koers.taxonomy.taxonomy import Taxonomy
from koers.taxonomy.text import normalise, trigrams

SEMANTIC_DIMENSIONS = 96
"""Label embeddings are projected on their first principal components for search: 80 % of
the variance, within a query or two of full precision on the labelled queries, and a
fraction of the memory traffic per query (the cost that dominates search latency)."""


class ConceptKind(StrEnum):
    OCCUPATION = "occupation"
    SKILL = "skill"


class LabelField(IntEnum):
    PREFERRED = 0
    ALTERNATIVE = 1
    ALTERNATIVE_TEXT = 2  # English skill alt labels run together, matched by containment


FIELD_WEIGHT = {
    LabelField.PREFERRED: 1.0,
    LabelField.ALTERNATIVE: 0.95,
    LabelField.ALTERNATIVE_TEXT: 0.8,
}


def _concept_entries(concept: Labelled) -> Iterator[tuple[LabelField, str]]:
    for lang in sorted(concept.labels):
        yield LabelField.PREFERRED, concept.labels[lang]
    for lang in sorted(concept.alt_labels):
        for alt in concept.alt_labels[lang]:
            yield LabelField.ALTERNATIVE, alt
    if isinstance(concept, Skill) and concept.alt_label_text_en:
        yield LabelField.ALTERNATIVE_TEXT, concept.alt_label_text_en


def label_entries(taxonomy: Taxonomy, kind: ConceptKind) -> Iterator[tuple[int, LabelField, str]]:
    """Yield (concept index, field, normalised text) for every searchable label, in index order."""
    concepts = taxonomy.occupations if kind is ConceptKind.OCCUPATION else taxonomy.skills
    for index, concept in enumerate(concepts):
        seen: set[str] = set()
        for label_field, text in _concept_entries(concept):
            normalised = normalise(text)
            if normalised and normalised not in seen:
                seen.add(normalised)
                yield index, label_field, normalised


def _build_kind_index(taxonomy: Taxonomy, kind: ConceptKind) -> dict[str, npt.NDArray[Any]]:
    entries = list(label_entries(taxonomy, kind))
    vocabulary: dict[str, int] = {}
    rows, cols = [], []
    for row, (_, _, text) in enumerate(entries):
        for gram in sorted(trigrams(text)):
            rows.append(row)
            cols.append(vocabulary.setdefault(gram, len(vocabulary)))
    matrix = sparse.csc_matrix(
        (np.ones(len(rows), dtype=np.float32), (rows, cols)),
        shape=(len(entries), len(vocabulary)),
    )
    document_frequency = np.diff(matrix.indptr)
    idf = np.log((1 + len(entries)) / (1 + document_frequency)).astype(np.float32) + 1
    return {
        f"{kind}_indptr": matrix.indptr.astype(np.int32),
        f"{kind}_indices": matrix.indices.astype(np.int32),
        f"{kind}_vocabulary": np.array(list(vocabulary), dtype="<U3"),
        f"{kind}_idf": idf,
        f"{kind}_concept": np.array([e[0] for e in entries], dtype=np.int32),
        f"{kind}_field": np.array([e[1] for e in entries], dtype=np.int8),
    }


def build_search_index(taxonomy: Taxonomy) -> dict[str, npt.NDArray[Any]]:
    """Return the arrays of the trigram search index for both kinds of concept."""
    arrays: dict[str, npt.NDArray[Any]] = {}
    for kind in ConceptKind:
        arrays.update(_build_kind_index(taxonomy, kind))
    return arrays


def build_label_vectors(taxonomy: Taxonomy) -> dict[str, npt.NDArray[Any]]:
    """Embed labels with the multilingual encoder, once at build time.

    Skills: every preferred label (all languages) and the Dutch everyday alternatives;
    ``vectors`` (float32, unit length), ``skill`` (the skill index of each row) and
    ``preferred`` (whether the row is a preferred label). Occupations: their preferred labels,
    as ``occupation_vectors`` and ``occupation``. Rows of one concept are contiguous. Also
    ``english_vectors``: each skill's English label by the English encoder (text → skills),
    ``occupation_description_vectors``: each occupation's English description by it, and
    ``occupation_name_vectors``: the mean of each occupation's English preferred and alternative
    labels by the multilingual encoder (how people name the job; career steps).
    """
    texts, owners, preferred = [], [], []
    for index, skill in enumerate(taxonomy.skills):
        labels = list(dict.fromkeys(skill.labels[lang] for lang in sorted(skill.labels)))
        alternatives = [a for a in dict.fromkeys(skill.alternatives("nl")) if a not in labels]
        for text, is_preferred in [
            *((t, True) for t in labels),
            *((t, False) for t in alternatives),
        ]:
            texts.append(text)
            owners.append(index)
            preferred.append(is_preferred)
    occupation_texts, occupation_owners = [], []
    for index, occupation in enumerate(taxonomy.occupations):
        for text in dict.fromkeys(occupation.labels[lang] for lang in sorted(occupation.labels)):
            occupation_texts.append(text)
            occupation_owners.append(index)
    return {
        "vectors": encoder.encode(texts),
        "skill": np.array(owners, dtype=np.int32),
        "preferred": np.array(preferred, dtype=bool),
        "occupation_vectors": encoder.encode(occupation_texts),
        "occupation": np.array(occupation_owners, dtype=np.int32),
        "english_vectors": english.encode([s.label("en") for s in taxonomy.skills], precise=True),
        "occupation_description_vectors": english.encode(
            [o.description("en") or o.label("en") for o in taxonomy.occupations], precise=True
        ),
        "occupation_name_vectors": _name_vectors(taxonomy),
    }


def _name_vectors(taxonomy: Taxonomy) -> npt.NDArray[np.float32]:
    """Each occupation's English names (preferred and alternative labels) embedded by the
    multilingual encoder and averaged, shape (occupations, 512)."""
    names = [
        list(dict.fromkeys([o.label("en"), *o.alternatives("en")])) for o in taxonomy.occupations
    ]
    vectors = encoder.encode([name for labels in names for name in labels])
    owners = np.repeat(np.arange(len(names)), [len(labels) for labels in names])
    result = np.zeros((len(names), vectors.shape[1]), dtype=np.float32)
    np.add.at(result, owners, vectors)
    unit: npt.NDArray[np.float32] = result / np.linalg.norm(result, axis=1, keepdims=True)
    return unit


def semantic_projection(vectors: npt.NDArray[np.floating]) -> dict[str, npt.NDArray[np.float32]]:
    """Principal-component projection of label embeddings (built once, with the vectors)."""
    data = vectors.astype(np.float32)
    mean = data.mean(axis=0)
    _, _, components = np.linalg.svd(data - mean, full_matrices=False)
    return {
        "search_mean": mean.astype(np.float32),
        "search_projection": np.ascontiguousarray(
            components[:SEMANTIC_DIMENSIONS].T, dtype=np.float32
        ),
    }
