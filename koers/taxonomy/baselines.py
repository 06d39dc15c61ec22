"""Simple text → skills baselines that every figure is reported beside (same run, same data)."""

from __future__ import annotations

import numpy as np

from koers.taxonomy import encoder
from koers.taxonomy.extract import SkillExtractor


def literal_match(extractor: SkillExtractor, text: str, limit: int = 10) -> list[str]:
    """Skills whose label occurs word for word, in order of appearance."""
    found = dict.fromkeys(skill for skill, _ in extractor.label_matches(text))
    return [extractor.taxonomy.skills[s].uri for s in list(found)[:limit]]


def encoder_ranking(extractor: SkillExtractor, text: str, limit: int = 10) -> list[str]:
    """All skill labels ranked by the multilingual encoder's cosine to the whole text."""
    similarity = extractor.vectors @ encoder.encode([text])[0]
    best = np.maximum.reduceat(similarity, extractor.starts)
    top = np.argsort(-best)[:limit]
    return [extractor.taxonomy.skills[int(s)].uri for s in top]
