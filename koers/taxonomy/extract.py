"""Text → ESCO skills: a ranked list of the competences a CV, vacancy or course text speaks of.

Each skill gets a score in [0, 1] and the span of text it came from:

* *semantic*: the whole text and each of its clauses are embedded, and a skill scores the best
  cosine between any of them and its labels. English text uses the English sentence encoder
  (all-MiniLM-L6-v2, :mod:`koers.taxonomy.english`) against the English labels. Other text
  averages two cosines: the multilingual encoder's against every label (Dutch, English and
  everyday words), and the English labels' with the text's Dutch words mapped into the English
  encoder's space (:mod:`koers.taxonomy.dutch_words`).
* *label*: a skill's label (any language) occurs word for word; it scores at least
  ``LABEL_MATCH_SCORE``. In Dutch text, so does a Dutch label of two content words or more
  whose every word occurs, inflected or in another order, in one sentence: "Ik sorteer het
  afval" has the stems of "afval sorteren" (Snowball stems, see :func:`dutch_stems`).

:meth:`SkillExtractor.extract` returns the best ``limit`` skills (10 by default), best first.
Pages call a skill "clearly in the text" when its score reaches :func:`clear_threshold` for the
text's language, and "maybe" below it. On the project's own labelled texts
(``tests/data/extraction_texts.jsonl``), about two in three English skills above the threshold
were right, and more than half of the Dutch ones (56 %, against 34 % of all ten).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import chain
from typing import Any

import numpy as np
import numpy.typing as npt

from koers.errors import InvalidInput
from koers.taxonomy import encoder, english, minilm_graph
from koers.taxonomy.dutch_words import DutchWords
from koers.taxonomy.taxonomy import Taxonomy
from koers.taxonomy.text import dutch_stems, normalise

MAX_TEXT_LENGTH = 20_000

MIN_LABEL_WORDS = 2
MIN_SINGLE_WORD_LENGTH = 5
MIN_CLAUSE_WORDS = 2
DEFAULT_LIMIT = 10
CONTEXT_SKILLS = 30
CONTEXT_SEGMENTS = 4
"""Coherence needs context: it weighs in only for texts of this many segments or more."""
CONTEXT_OCCUPATIONS = 10
COHERENCE_BASE = 0.8
COHERENCE_SATURATION = 1 / 3
"""A skill needed by a third of the (weighted) context occupations counts in full; one none of
them needs ("serve beers" in a childcare vacancy) keeps ``COHERENCE_BASE`` of its score."""
DEFAULT_MIN_SCORE = 0.0
LABEL_MATCH_SCORE = {"en": 0.75, "nl": 0.7}
"""The score a label found in the text gets at least, per encoder (English / other). Dutch
scores run lower since the Dutch word model is averaged in; 0.7 ranked best on the Dutch public
sentences (0.65-0.8 were within 0.01 RP@5)."""
WORDS_WEIGHT = 0.5
"""The Dutch word model's share in the similarity of text not in English, the multilingual
encoder having the rest. An even share, not tuned: a larger one ranked better on the short
Dutch public sentences (0.7: RP@5 0.583 against 0.571) and worse on the project's longer Dutch
texts (recall 0.404 against 0.456), a smaller one the other way round."""
CLEAR_SCORE = {"en": 0.6, "nl": 0.65}
"""Score from which a skill counts as clearly in the text, per encoder (English / other)."""


def _encoder(lang: str) -> str:
    """The key of the per-encoder settings for text in ``lang``: English, or any other."""
    return "en" if lang == "en" else "nl"


def clear_threshold(lang: str) -> float:
    """The score from which a skill counts as clearly in a text of language ``lang``."""
    return CLEAR_SCORE[_encoder(lang)]


_SENTENCE = re.compile(r"[^.!?;\n•·|]+")
_CLAUSE_BREAK = re.compile(
    r",|:|\(|\)|/|\s(?:en|and|of|or|maar|but|zoals|such as|including|waaronder|met name)\s",
    re.IGNORECASE,
)
_WORD = re.compile(r"[\w+#'-]+", re.UNICODE)


class ExtractionInputError(InvalidInput):
    """Text that cannot be analysed."""


class EmptyText(ExtractionInputError):
    code = "extraction.empty_text"
    message = "The text is empty."


class TextTooLong(ExtractionInputError):
    code = "extraction.text_too_long"
    message = "The text is too long (at most {limit} characters)."


@dataclass(frozen=True, slots=True)
class ExtractedSkill:
    skill_uri: str
    label: str
    score: float
    start: int
    end: int
    matched_text: str
    method: str  # "label" or "semantic"
    clear: bool = False  # the score reaches the clear threshold of the text's language


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


def check_text(text: str) -> None:
    """Raise :class:`ExtractionInputError` if ``text`` cannot be analysed."""
    if len(text) > MAX_TEXT_LENGTH:
        raise TextTooLong(limit=MAX_TEXT_LENGTH)
    if not normalise(text):
        raise EmptyText()


def clauses(text: str) -> Iterator[Span]:
    """Yield the sentences' clauses (split at commas, colons, "and"/"en", ...), with offsets."""
    for sentence in _SENTENCE.finditer(text):
        position = sentence.start()
        for part in _CLAUSE_BREAK.split(sentence.group()):
            offset = text.find(part, position) if part else -1
            stripped = part.strip()
            if offset < 0 or len(_WORD.findall(stripped)) < MIN_CLAUSE_WORDS:
                continue
            start = offset + (len(part) - len(part.lstrip()))
            yield Span(start, start + len(stripped), stripped)
            position = offset + len(part)


class SkillExtractor:
    """Finds ESCO skills in free text; build once per process, it holds the label vectors."""

    def __init__(
        self,
        taxonomy: Taxonomy,
        label_vectors: dict[str, npt.NDArray[Any]],
        dutch_words: DutchWords | None = None,
    ) -> None:
        """``dutch_words`` adds the Dutch word model to the multilingual encoder for text not
        in English; without it, such text uses the multilingual encoder alone."""
        self.taxonomy = taxonomy
        self.dutch_words = dutch_words
        self.vectors = label_vectors["vectors"].astype(np.float32)
        self.owner = label_vectors["skill"]
        self.starts = np.r_[np.flatnonzero(np.r_[True, self.owner[1:] != self.owner[:-1]])]
        self.english = label_vectors["english_vectors"].astype(np.float32)
        self.needs = taxonomy.link_matrix(np.ones(len(taxonomy.link_skill)))
        self.needed_by = self.needs.T.tocsr()
        self.phrases = self._label_phrases(taxonomy)
        self.longest_phrase = max(len(p.split()) for p in self.phrases)
        self.dutch_labels = self._dutch_label_stems(taxonomy)

    @cached_property
    def _english_product(self) -> Any:
        """The int8 product of English segment vectors with every skill's English label
        vector (see :func:`minilm_graph.product_model`), built on first use."""
        return minilm_graph.session(minilm_graph.product_model(self.english.T))

    @cached_property
    def _label_product(self) -> Any:
        """The int8 product of multilingual segment vectors with every label row (as
        :attr:`_english_product`): 80 MB of float32 rows read for every text made Dutch
        extraction several times slower than the encoder itself."""
        return minilm_graph.session(minilm_graph.product_model(self.vectors.T))

    def coherence(self, scores: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        """Per skill in [0, 1]: the weighted share of the text's context occupations (the
        ``CONTEXT_OCCUPATIONS`` that need most of the best candidates) that need it."""
        candidates = np.argpartition(-scores, CONTEXT_SKILLS)[:CONTEXT_SKILLS]
        weights = np.zeros(len(scores), dtype=np.float32)
        weights[candidates] = np.maximum(scores[candidates], 0)
        support = self.needs @ weights
        count = min(CONTEXT_OCCUPATIONS, int(np.count_nonzero(support)))
        if count == 0:
            return np.zeros(len(scores), dtype=np.float32)
        top = np.argpartition(-support, count - 1)[:count]
        context = np.zeros(self.needs.shape[0], dtype=np.float32)
        context[top] = support[top] / support[top].max()
        share = np.asarray(self.needed_by @ context, dtype=np.float32) / context.sum()
        result: npt.NDArray[np.float32] = np.minimum(1.0, share / COHERENCE_SATURATION)
        return result

    @staticmethod
    def _label_phrases(taxonomy: Taxonomy) -> dict[str, int]:
        """Normalised labels to look for word for word: every label of two words or more, and
        single-word preferred labels ("boekhouding"); single everyday words ("staat",
        "warm") say too little on their own."""
        phrases: dict[str, int] = {}
        for index, skill in enumerate(taxonomy.skills):
            preferred = {normalise(label) for label in skill.labels.values()}
            labels = [
                *preferred,
                *(normalise(a) for alts in skill.alt_labels.values() for a in alts),
            ]
            for phrase in labels:
                words = phrase.split()
                if len(words) >= MIN_LABEL_WORDS or (
                    phrase in preferred and len(phrase) >= MIN_SINGLE_WORD_LENGTH
                ):
                    phrases.setdefault(phrase, index)
        return phrases

    @staticmethod
    def _dutch_label_stems(taxonomy: Taxonomy) -> dict[str, list[tuple[frozenset[str], int]]]:
        """The stems of every Dutch label of two content words or more, listed under each of
        its stems: preferred labels, and everyday ones that name one skill only. One stem alone
        ("strijken", "laden") matched too much, and so did everyday words shared by several
        skills ("veilig werken"): both lowered precision and recall on the project's Dutch
        texts."""
        preferred: dict[frozenset[str], int] = {}
        everyday: dict[frozenset[str], set[int]] = {}
        for index, skill in enumerate(taxonomy.skills):
            stems = frozenset(dutch_stems(skill.labels.get("nl", "")))
            if len(stems) >= MIN_LABEL_WORDS:
                preferred.setdefault(stems, index)
            for label in skill.alternatives("nl"):
                stems = frozenset(dutch_stems(label))
                if len(stems) >= MIN_LABEL_WORDS:
                    everyday.setdefault(stems, set()).add(index)
        unique = {stems: skills.pop() for stems, skills in everyday.items() if len(skills) == 1}
        by_stem: dict[str, list[tuple[frozenset[str], int]]] = {}
        for stems, owner in {**unique, **preferred}.items():
            for stem in stems:
                by_stem.setdefault(stem, []).append((stems, owner))
        return by_stem

    def dutch_label_matches(self, text: str) -> Iterator[tuple[int, Span]]:
        """Skills with a Dutch label whose every stem occurs in one sentence of ``text``; of
        labels within one another ("elektrische installatie" in "elektrische installaties
        uitvoeren"), the longest."""
        for sentence in _SENTENCE.finditer(text):
            stems = set(dutch_stems(sentence.group()))
            found = {
                (label, skill)
                for stem in stems
                for label, skill in self.dutch_labels.get(stem, ())
                if label <= stems
            }
            start = sentence.start() + len(sentence.group()) - len(sentence.group().lstrip())
            stripped = sentence.group().strip()
            span = Span(start, start + len(stripped), stripped)
            for label, skill in sorted(found, key=lambda match: match[1]):
                if not any(label < other for other, _ in found):
                    yield skill, span

    def label_matches(self, text: str) -> Iterator[tuple[int, Span]]:
        words = list(_WORD.finditer(text))
        normalised = [normalise(w.group()) for w in words]
        for i in range(len(words)):
            for n in range(min(self.longest_phrase, len(words) - i), 0, -1):
                skill = self.phrases.get(" ".join(normalised[i : i + n]))
                if skill is not None:
                    start, end = words[i].start(), words[i + n - 1].end()
                    yield skill, Span(start, end, text[start:end])
                    break

    def segments(self, text: str) -> list[Span]:
        """The whole text, then each of its clauses that differs from it: what gets embedded."""
        stripped = text.strip()
        start = text.find(stripped)
        whole = Span(start, start + len(stripped), stripped)
        parts = [s for s in clauses(text) if s.text != whole.text]
        return [whole, *parts]

    def _similarity(self, segments: Sequence[Span], lang: str) -> npt.NDArray[np.float32]:
        """Cosine of every segment to every skill, shape (segments, skills); for text not in
        English, the multilingual encoder's and the Dutch word model's, weighed by
        ``WORDS_WEIGHT``."""
        texts = [s.text for s in segments]
        if lang == "en":
            return self._english_similarity(english.encode(texts))
        rows = self._label_product.run(None, {"vectors": encoder.encode(texts)})[0]
        multilingual: npt.NDArray[np.float32] = np.maximum.reduceat(rows, self.starts, axis=1)
        if self.dutch_words is None:
            return multilingual
        words = self._english_similarity(self.dutch_words.encode(texts))
        result: npt.NDArray[np.float32] = (1 - WORDS_WEIGHT) * multilingual + WORDS_WEIGHT * words
        return result

    def _english_similarity(self, vectors: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        result: npt.NDArray[np.float32] = self._english_product.run(None, {"vectors": vectors})[0]
        return result

    @staticmethod
    def _covering(
        similarity: npt.NDArray[np.float32],
        scores: npt.NDArray[np.float32],
        best_segment: npt.NDArray[np.intp],
        limit: int,
    ) -> list[int]:
        """The ``limit`` skills to report, so that every part of the text is heard: the best
        skill of each segment first, then each segment's second best, and so on (at one rank,
        by score). A skill counts for the segment it fits best."""
        ranks: dict[int, int] = {}
        for segment in range(similarity.shape[0]):
            own = np.flatnonzero(best_segment == segment)
            if len(own) > limit:  # only the segment's best ``limit`` can be chosen
                own = own[np.argpartition(-scores[own], limit - 1)[:limit]]
            ordered = own[np.argsort(-scores[own], kind="stable")]
            for rank, skill in enumerate(ordered.tolist()):
                ranks[skill] = rank
        chosen = sorted(ranks, key=lambda skill: (ranks[skill], -scores[skill], skill))[:limit]
        return sorted(chosen, key=lambda skill: (-scores[skill], skill))

    def extract(
        self,
        text: str,
        *,
        lang: str = "nl",
        min_score: float = DEFAULT_MIN_SCORE,
        limit: int = DEFAULT_LIMIT,
    ) -> list[ExtractedSkill]:
        """Return the ``limit`` skills ``text`` most likely speaks of, best first, each with
        its score and the span it came from; skills scoring below ``min_score`` are left out.

        Raises :class:`ExtractionInputError` for empty or over-long text.
        """
        check_text(text)
        segments = self.segments(text)
        similarity = self._similarity(segments, lang)
        best_segment = similarity.argmax(axis=0)
        scores = similarity.max(axis=0)
        if len(segments) >= CONTEXT_SEGMENTS:
            scores = scores * (COHERENCE_BASE + (1 - COHERENCE_BASE) * self.coherence(scores))
        method = np.zeros(len(scores), dtype=bool)  # True: a label occurs in the text
        spans = {}
        matches = self.label_matches(text)
        if lang != "en":
            matches = chain(matches, self.dutch_label_matches(text))
        label_score = LABEL_MATCH_SCORE[_encoder(lang)]
        for skill, span in matches:
            if scores[skill] < label_score:
                scores[skill] = label_score
                method[skill] = True
                spans[skill] = span
        top = self._covering(similarity, scores, best_segment, limit)
        threshold = clear_threshold(lang)
        found = []
        for skill in top:
            score = float(scores[skill])
            if score < min_score:
                continue
            span = spans.get(skill) or segments[int(best_segment[skill])]
            found.append(
                ExtractedSkill(
                    skill_uri=self.taxonomy.skills[skill].uri,
                    label=self.taxonomy.skills[skill].label(lang),
                    score=round(min(score, 1.0), 4),
                    start=span.start,
                    end=span.end,
                    matched_text=span.text,
                    method="label" if method[skill] else "semantic",
                    clear=score >= threshold,
                )
            )
        return found
