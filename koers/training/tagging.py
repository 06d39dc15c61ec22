"""Competence tagging: which ESCO skills a course description speaks of, as suggestions.

A provider writing a course description gets the skills the extractor finds in it; the provider
confirms or removes each before it goes into the catalogue. Nothing is tagged without a person.
"""

from __future__ import annotations

from koers.taxonomy.extract import ExtractedSkill, SkillExtractor

SUGGESTION_LIMIT = 10
SUGGESTION_MIN_SCORE = 0.45


def suggest_skills(
    description: str,
    *,
    extractor: SkillExtractor,
    lang: str = "nl",
    limit: int = SUGGESTION_LIMIT,
    min_score: float = SUGGESTION_MIN_SCORE,
) -> list[ExtractedSkill]:
    """Return up to ``limit`` ESCO skills ``description`` most likely teaches, best first.

    Raises the extractor's ``EmptyText`` or ``TextTooLong`` on empty or over-long text.
    """
    return extractor.extract(description, lang=lang, limit=limit, min_score=min_score)
