"""Text normalisation shared by search and skill extraction."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z+#]+")


def normalise(text: str) -> str:
    """Lower-case, strip accents and punctuation, collapse spaces.

    "Kinésithérapeut!" becomes "kinesitherapeut".
    """
    decomposed = unicodedata.normalize("NFKD", text.lower())
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", ascii_only).strip()


def trigrams(normalised: str) -> set[str]:
    """Character trigrams of each word, padded with spaces at the word edges."""
    grams: set[str] = set()
    for word in normalised.split():
        padded = f" {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams
