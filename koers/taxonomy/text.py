"""Text normalisation shared by search and skill extraction."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

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


_FUNCTION_WORDS = """de het een en van in op met voor aan te om of bij naar door over als uit tot
je ik zich zijn haar hun jouw mijn we wij ze zij hij u er die dat dit deze wat wie ook nog al
niet geen maar dan wel zo"""
DUTCH_FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split())


@cache
def _dutch_stemmer() -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer("dutch")


_VERB_ENDING = re.compile(r"(?<=[^aeiou])t$")
_DOUBLE_VOWEL = re.compile(r"([aeou])\1(?=[^aeiou]+$)")


def dutch_stems(text: str) -> list[str]:
    """The stems of a Dutch text's content words, in text order: "verzorgt wonden" and "wonden
    verzorgen" both give the stems of "verzorg" and "wond", "ik sorteer" and "sorteren" both
    "sorter". Snowball's stems, then the verb forms it leaves apart brought together: a final
    "t" after a consonant dropped, a doubled vowel in the last syllable made single."""
    words = [w for w in normalise(text).split() if len(w) > 2 and w not in DUTCH_FUNCTION_WORDS]
    return [_conflate(stem) for stem in _dutch_stemmer().stemWords(words)]


def _conflate(stem: str) -> str:
    if len(stem) >= 4:
        stem = _VERB_ENDING.sub("", stem)
    return _DOUBLE_VOWEL.sub(r"\1", stem)
