"""Text → ESCO skills: find the competences a CV, vacancy or course description speaks of.

Two signals, each with the span of text it came from:

* *label*: a skill's preferred or alternative label (any language) occurs word for word;
* *semantic*: a clause of the text, embedded with the multilingual encoder, lies close to a
  skill's label embedding. This is what lets Dutch text find skills with English labels only.

To avoid flooding the reader with weak guesses, each clause contributes at most its best
skills above a similarity floor, and each candidate is then weighed by its *coherence* with the
whole text: the occupations that need most of the candidates are found through ESCO's
occupation-skill links, and a candidate none of those occupations needs ("serve beers" in a
childcare vacancy) loses up to ``1 - COHERENCE_BASE`` of its score. Each skill is reported once,
with its strongest evidence, if its score reaches ``min_score``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from koers.errors import InvalidInput
from koers.taxonomy import encoder
from koers.taxonomy.taxonomy import Taxonomy
from koers.taxonomy.text import normalise

MAX_TEXT_LENGTH = 20_000

LABEL_MATCH_SCORE = 0.9
MIN_LABEL_WORDS = 2
MIN_SINGLE_WORD_LENGTH = 5
CANDIDATE_FLOOR = 0.4
"""Cosine below which a clause-skill pair is not even a candidate."""
DEFAULT_MIN_SCORE = 0.45
"""Score (after coherence) below which a skill is not reported; calibrated on tests/data."""
CONTEXT_OCCUPATIONS = 10
COHERENCE_BASE = 0.6
COHERENCE_SATURATION = 1 / 3
"""A candidate needed by a third of the (weighted) context occupations counts in full."""
PER_CLAUSE = 2
MIN_CLAUSE_WORDS = 2
RUNNER_UP_MARGIN = 0.04

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

    def __init__(self, taxonomy: Taxonomy, label_vectors: dict[str, npt.NDArray[Any]]) -> None:
        self.taxonomy = taxonomy
        self.vectors = label_vectors["vectors"].astype(np.float32)
        self.owner = label_vectors["skill"]
        self.phrases = self._label_phrases(taxonomy)
        self.longest_phrase = max(len(p.split()) for p in self.phrases)
        self.needs = taxonomy.link_matrix(np.ones(len(taxonomy.link_skill)))
        self.needed_by = self.needs.T.tocsr()

    def coherence(self, candidates: dict[int, float]) -> dict[int, float]:
        """For each candidate skill, the weighted share of the text's context occupations (those
        needing most candidates) that need it, scaled to [0, 1]."""
        scores = np.zeros(self.needs.shape[1], dtype=np.float32)
        for skill, score in candidates.items():
            scores[skill] = score
        support = self.needs @ scores
        count = min(CONTEXT_OCCUPATIONS, int(np.count_nonzero(support)))
        if count == 0:
            return dict.fromkeys(candidates, 0.0)
        top = np.argpartition(-support, count - 1)[:count]
        weights = np.zeros(self.needs.shape[0], dtype=np.float32)
        weights[top] = support[top] / support[top].max()
        share = (self.needed_by @ weights) / weights.sum()
        return {skill: min(1.0, float(share[skill]) / COHERENCE_SATURATION) for skill in candidates}

    @staticmethod
    def _label_phrases(taxonomy: Taxonomy) -> dict[str, int]:
        phrases: dict[str, int] = {}
        for index, skill in enumerate(taxonomy.skills):
            labels = list(skill.labels.values())
            for alts in skill.alt_labels.values():
                labels.extend(alts)
            for label in labels:
                phrase = normalise(label)
                words = phrase.split()
                if len(words) >= MIN_LABEL_WORDS or (
                    len(words) == 1 and len(phrase) >= MIN_SINGLE_WORD_LENGTH
                ):
                    phrases.setdefault(phrase, index)
        return phrases

    def _label_matches(self, text: str) -> Iterator[tuple[int, float, Span]]:
        words = list(_WORD.finditer(text))
        normalised = [normalise(w.group()) for w in words]
        for i in range(len(words)):
            for n in range(min(self.longest_phrase, len(words) - i), 0, -1):
                phrase = " ".join(normalised[i : i + n])
                skill = self.phrases.get(phrase)
                if skill is not None:
                    start, end = words[i].start(), words[i + n - 1].end()
                    yield skill, LABEL_MATCH_SCORE, Span(start, end, text[start:end])
                    break

    def _semantic_matches(
        self, spans: Sequence[Span], floor: float
    ) -> Iterator[tuple[int, float, Span]]:
        if not spans:
            return
        similarity = encoder.encode([s.text for s in spans]) @ self.vectors.T
        shortlist = PER_CLAUSE * 3
        for row, span in zip(similarity, spans, strict=True):
            top = np.argpartition(-row, shortlist)[:shortlist]
            order = top[np.argsort(-row[top])]
            best = float(row[order[0]])
            taken: set[int] = set()
            for column in order.tolist():
                score = float(row[column])
                skill = int(self.owner[column])
                if score < floor or score < best - RUNNER_UP_MARGIN or len(taken) >= PER_CLAUSE:
                    break
                if skill not in taken:
                    taken.add(skill)
                    yield skill, score, span

    def extract(
        self,
        text: str,
        *,
        lang: str = "nl",
        min_score: float = DEFAULT_MIN_SCORE,
        limit: int = 25,
    ) -> list[ExtractedSkill]:
        """Return the skills ``text`` speaks of, best first, at most ``limit``.

        Raises :class:`ExtractionInputError` for empty or over-long text.
        """
        check_text(text)
        best: dict[int, tuple[float, Span, str]] = {}
        found = [(s, c, span, "label") for s, c, span in self._label_matches(text)]
        found += [
            (s, c, span, "semantic")
            for s, c, span in self._semantic_matches(list(clauses(text)), CANDIDATE_FLOOR)
        ]
        for skill, score, span, method in found:
            if skill not in best or score > best[skill][0]:
                best[skill] = (score, span, method)
        coherence = self.coherence({skill: item[0] for skill, item in best.items()})
        weighed = {
            skill: (
                score * (COHERENCE_BASE + (1 - COHERENCE_BASE) * coherence[skill]),
                span,
                method,
            )
            for skill, (score, span, method) in best.items()
        }
        kept = {skill: item for skill, item in weighed.items() if item[0] >= min_score}
        ranked = sorted(kept.items(), key=lambda item: (-item[1][0], item[1][1].start))[:limit]
        return [
            ExtractedSkill(
                skill_uri=self.taxonomy.skills[skill].uri,
                label=self.taxonomy.skills[skill].label(lang),
                score=round(score, 4),
                start=span.start,
                end=span.end,
                matched_text=span.text,
                method=method,
            )
            for skill, (score, span, method) in ranked
        ]
