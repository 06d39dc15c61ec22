"""Dutch text in the English sentence encoder's space: a linear map of Dutch words.

The English encoder (:mod:`koers.taxonomy.english`) ranks skills far better than the
multilingual one, but reads English only. This model gives Dutch text a vector in the same space:
each Dutch word stem, pair of neighbouring stems and known part of a compound ("ticketsysteem":
"ticket", "systeem") has a vector, and a text's vector is the tf-idf weighted sum of its words'.

The word vectors are fitted at build time by ridge regression on ESCO's own parallel text: every
Dutch label (preferred and everyday) of a skill or occupation is paired with the English encoder's
vector of the concept's English label, and each sentence of a Dutch occupation description with
the matching English sentence. English labels are paired with themselves too, so the English
terms that Dutch job ads keep ("software", "Excel") have a vector as well. Nothing of the
project's labelled test texts is used.

Text → skills averages this model's cosines with the multilingual encoder's for Dutch text
(:meth:`koers.taxonomy.extract.SkillExtractor._similarity`); see ``benchmarks/quality.py`` for the
figures on a Dutch translation of the public job-ad sentences.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from itertools import pairwise
from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from koers.taxonomy.taxonomy import Taxonomy
from koers.taxonomy.text import dutch_stems

RIDGE = 0.3
"""Ridge penalty. While the model was designed, 0.3 and 1.0 were within 0.01 RP@5 of each other
on the Dutch public sentences; 0.3 found more on the project's own Dutch texts."""
PAIR_MIN_COUNT = 2
"""Neighbouring stems get a vector when they occur together in this many training texts."""
PART_MIN_WORDS = 3
"""The start or end of a word gets a vector of its own when it starts or ends this many
different words ("wond" in "wondzorg", "wondverband" and "wondsluiting")."""
COMPOUND_WEIGHT = 0.5
"""Weight of a known compound part next to the whole word (1)."""
MIN_PART = 4
_TOLERANCE = 1e-4
_MAX_ITERATIONS = 500
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")

FloatArray = npt.NDArray[np.float32]


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


def training_pairs(taxonomy: Taxonomy) -> list[tuple[str, str]]:
    """(text, English text) pairs from the taxonomy: Dutch and English labels of a concept
    with its English preferred label, and the sentences of an occupation's Dutch description
    with those of its English one (the whole descriptions where the sentence counts differ)."""
    pairs: list[tuple[str, str]] = []
    for concept in [*taxonomy.skills, *taxonomy.occupations]:
        english = concept.labels.get("en")
        if not english:
            continue
        dutch = concept.labels.get("nl")
        pairs += [(text, english) for text in [dutch, *concept.alternatives("nl")] if text]
        pairs += [(text, english) for text in [english, *concept.alternatives("en")]]
    for occupation in taxonomy.occupations:
        dutch, english = occupation.descriptions.get("nl"), occupation.descriptions.get("en")
        if dutch and english:
            dutch_parts, english_parts = _sentences(dutch), _sentences(english)
            same = len(dutch_parts) == len(english_parts)
            pairs += (
                list(zip(dutch_parts, english_parts, strict=True)) if same else [(dutch, english)]
            )
    return pairs


def _words(text: str) -> list[str]:
    """A text's stems followed by its pairs of neighbouring stems ("ploeg_werk")."""
    stems = dutch_stems(text)
    return [*stems, *(f"{a}_{b}" for a, b in pairwise(stems))]


def _cuts(word: str) -> range:
    """Where a word can be cut into two parts of ``MIN_PART`` letters or more."""
    return range(MIN_PART, len(word) - MIN_PART + 1)


def _counts(words: Iterable[str], known: dict[str, int]) -> Counter[str]:
    """The known words of a text, each known compound part counting ``COMPOUND_WEIGHT``."""
    counts: Counter[str] = Counter()
    for word in words:
        if word in known:
            counts[word] += 1
        if "_" in word:
            continue
        for cut in _cuts(word):
            for part in (word[:cut], word[cut:]):
                if part in known:
                    counts[part] += COMPOUND_WEIGHT  # type: ignore[assignment]
    return counts


def _bag(
    texts: Sequence[list[str]], known: dict[str, int], idf: npt.NDArray[np.float32]
) -> sp.csr_matrix:
    """Unit-length tf-idf rows over the known words."""
    rows, columns, values = [], [], []
    for row, words in enumerate(texts):
        for word, count in _counts(words, known).items():
            rows.append(row)
            columns.append(known[word])
            values.append(count * idf[known[word]])
    bag = sp.csr_matrix((values, (rows, columns)), shape=(len(texts), len(known)), dtype=np.float32)
    norms = np.sqrt(np.asarray(bag.multiply(bag).sum(axis=1))).ravel()
    return sp.csr_matrix(sp.diags(1 / np.maximum(norms, 1e-9)) @ bag, dtype=np.float32)


def _ridge(bag: sp.csr_matrix, targets: FloatArray, penalty: float) -> FloatArray:
    """Solve (XᵀX + penalty·I) W = Xᵀ targets by conjugate gradients, all columns at once."""
    transposed = bag.T.tocsr()

    def apply(p: FloatArray) -> FloatArray:
        return np.asarray(transposed @ (bag @ p) + penalty * p, dtype=np.float32)

    right = np.asarray(transposed @ targets, dtype=np.float32)
    limit = _TOLERANCE * float(np.sqrt((right * right).sum(axis=0).max()))
    weights = np.zeros_like(right)
    residual = right.copy()
    direction = residual.copy()
    squared = (residual * residual).sum(axis=0)
    for _ in range(_MAX_ITERATIONS):
        applied = apply(direction)
        step = squared / np.maximum((direction * applied).sum(axis=0), 1e-30)
        weights += direction * step
        residual -= applied * step
        new_squared = (residual * residual).sum(axis=0)
        if np.sqrt(new_squared.max()) < limit:
            break
        direction = residual + direction * (new_squared / np.maximum(squared, 1e-30))
        squared = new_squared
    return weights


def vocabulary(texts: Sequence[list[str]]) -> tuple[dict[str, int], npt.NDArray[np.float32]]:
    """The words that get a vector, by index, and their idf, from the training texts' words:
    every stem, pairs of stems seen ``PAIR_MIN_COUNT`` times, and word parts shared by
    ``PART_MIN_WORDS`` stems."""
    document_count = Counter(word for words in texts for word in set(words))
    single = {word for word in document_count if "_" not in word}
    part_count = Counter(
        part for word in single for cut in _cuts(word) for part in (word[:cut], word[cut:])
    )
    chosen = sorted(
        {
            *(word for word, count in document_count.items() if count >= PAIR_MIN_COUNT),
            *single,
            *(part for part, count in part_count.items() if count >= PART_MIN_WORDS),
        }
    )
    known = {word: index for index, word in enumerate(chosen)}
    found = Counter(word for words in texts for word in _counts(words, known))
    counts = np.array([found[word] for word in chosen], dtype=np.float64)
    idf = (np.log(len(texts) / np.maximum(counts, 1)) + 1).astype(np.float32)
    return known, idf


def fit(
    taxonomy: Taxonomy, encode: Callable[[list[str]], FloatArray]
) -> dict[str, npt.NDArray[Any]]:
    """Fit the word vectors on the taxonomy's parallel text, ``encode`` being the English
    encoder; returns the vocabulary (``words``), ``idf``, the targets' ``centre`` and the
    ``word_vectors`` (float32; :func:`koers.taxonomy.store.write_dutch_words` writes them as
    int8)."""
    pairs = training_pairs(taxonomy)
    targets = encode([english for _, english in pairs]).astype(np.float32)
    texts = [_words(text) for text, _ in pairs]
    known, idf = vocabulary(texts)
    centre = targets.mean(axis=0)
    weights = _ridge(_bag(texts, known, idf), targets - centre, RIDGE)
    return {
        "words": np.array(list(known)),
        "idf": idf,
        "centre": centre,
        "word_vectors": weights,
    }


class DutchWords:
    """Encodes Dutch text into the English encoder's space (unit vectors, 384 dimensions).

    Takes the arrays as :func:`koers.taxonomy.store.read_dutch_words` reads them: the word
    vectors stay int8 (a quarter of float32's memory) and only the rows a text uses are
    turned into float32."""

    def __init__(self, arrays: dict[str, npt.NDArray[Any]]) -> None:
        self.known = {str(word): index for index, word in enumerate(arrays["words"])}
        self.idf = arrays["idf"].astype(np.float32)
        self.centre = arrays["centre"].astype(np.float32)
        self.vectors = arrays["word_vectors_int8"]
        self.scale = arrays["word_vectors_scale"].astype(np.float32)

    def encode(self, texts: Sequence[str]) -> FloatArray:
        """One unit vector per text; a text without a known word gets the centre direction."""
        bag = _bag([_words(text) for text in texts], self.known, self.idf)
        used = np.unique(bag.indices)
        rows = self.vectors[used].astype(np.float32) * self.scale[used, np.newaxis]
        vectors = np.asarray(bag[:, used] @ rows, dtype=np.float32) + self.centre
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        result: FloatArray = vectors / np.maximum(norms, 1e-9)
        return result
