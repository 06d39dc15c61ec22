"""The 11 future competences of the SCOPE studies, mapped to ESCO skills (reviewed by hand)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

FUTURE_COMPETENCES_FILE = Path(__file__).parent / "data" / "future_competences.csv"


@dataclass(frozen=True, slots=True)
class FutureCompetence:
    name_nl: str
    name_en: str
    skill_uris: tuple[str, ...]  # any of them shows the competence

    def name(self, lang: str) -> str:
        return self.name_nl if lang == "nl" else self.name_en


@cache
def future_competences() -> tuple[FutureCompetence, ...]:
    with FUTURE_COMPETENCES_FILE.open(encoding="utf-8", newline="") as handle:
        return tuple(
            FutureCompetence(
                r["competence_nl"], r["competence_en"], tuple(r["esco_skill_uris"].split())
            )
            for r in csv.DictReader(handle)
        )
