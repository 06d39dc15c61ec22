"""The competence language: ESCO 1.2.0 (© European Union) loaded once per process.

Use :func:`get_taxonomy`, :func:`get_searcher` and :func:`get_extractor`; each builds its object
on first use from the vendored files and returns the same object afterwards.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from koers.taxonomy.dutch_words import DutchWords
from koers.taxonomy.extract import SkillExtractor
from koers.taxonomy.model import ESCO_ATTRIBUTION
from koers.taxonomy.search import Searcher, load_searcher
from koers.taxonomy.store import (
    DATA_DIR,
    SEARCH_INDEX_FILE,
    load_taxonomy,
    read_arrays,
    read_dutch_words,
    read_label_vectors,
)
from koers.taxonomy.taxonomy import Taxonomy

__all__ = [
    "ESCO_ATTRIBUTION",
    "get_extractor",
    "get_searcher",
    "get_taxonomy",
    "occupation_vectors",
]


def get_taxonomy() -> Taxonomy:
    return load_taxonomy()


@cache
def _label_vectors() -> dict[str, Any]:
    return read_label_vectors(DATA_DIR)


@cache
def get_searcher() -> Searcher:
    return load_searcher(
        load_taxonomy(),
        read_arrays(DATA_DIR, SEARCH_INDEX_FILE),
        label_vectors=_label_vectors(),
    )


def occupation_vectors() -> dict[str, Any]:
    """The embeddings that compare occupations (see ``search_index.build_label_vectors``):
    ``descriptions`` (occupations × 384, English encoder), ``names`` (occupations × 512, their
    English names by the multilingual encoder) and ``skills`` (each skill's English label,
    skills × 384, English encoder)."""
    vectors = _label_vectors()
    return {
        "descriptions": vectors["occupation_description_vectors"],
        "names": vectors["occupation_name_vectors"],
        "skills": vectors["english_vectors"],
    }


@cache
def get_extractor() -> SkillExtractor:
    return SkillExtractor(load_taxonomy(), _label_vectors(), DutchWords(read_dutch_words(DATA_DIR)))
