"""VDAB occupation names (Dutch) → ESCO occupations, through a curated, reviewed mapping.

The mapping lives in ``data/vdab_esco_mapping.csv`` (vdab_name, esco_uri, ..., match, note);
:func:`suggest` proposes ESCO occupations for a name that is not mapped yet, for a person to
review before adding it.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

MAPPING_FILE = Path(__file__).parent / "data" / "vdab_esco_mapping.csv"
MATCH_KINDS = ("exact", "close", "broader", "none")


@dataclass(frozen=True, slots=True)
class MappedOccupation:
    vdab_name: str
    esco_uri: str
    match: str
    note: str


def _normalise(name: str) -> str:
    return " ".join(name.lower().split())


@cache
def curated_mapping() -> dict[str, MappedOccupation]:
    """The reviewed mapping, keyed by the normalised VDAB name."""
    if not MAPPING_FILE.exists():
        return {}
    with MAPPING_FILE.open(encoding="utf-8", newline="") as handle:
        return {
            _normalise(row["vdab_name"]): MappedOccupation(
                row["vdab_name"], row["esco_uri"], row["match"], row.get("note", "")
            )
            for row in csv.DictReader(handle)
        }


def esco_uri_for(vdab_name: str) -> str:
    """The ESCO URI a VDAB name maps to, or "" when it is unmapped or maps to nothing."""
    found = curated_mapping().get(_normalise(vdab_name))
    return found.esco_uri if found else ""


def suggest(
    vdab_name: str, search: Callable[[str], list[tuple[str, str, float]]], *, limit: int = 5
) -> list[tuple[str, str, float]]:
    """Candidate ESCO occupations (uri, label, score) for an unmapped name, best first.

    ``search`` is the occupation search (free text → (uri, label, score) hits).
    """
    return search(vdab_name)[:limit]
