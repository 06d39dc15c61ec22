"""Labour-market outlook per occupation: the port between market and matching.

The market package (tension ratios, forecasts) implements :class:`OccupationOutlook`; the
matching engine and the checks consume it. Until market figures are plugged in,
:class:`NeutralOutlook` says nothing either way. This module depends on nothing in Koers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Outlook:
    """score in [-1, 1]: -1 shrinking / surplus of candidates, +1 growing / hard to fill."""

    score: float
    summary: str
    source: str = ""
    growth: float | None = None  # forecast employment growth to the horizon, e.g. 0.06
    tension_ratio: float | None = None
    tension_period: str = ""
    synthetic: bool = False


NEUTRAL = Outlook(score=0.0, summary="no labour-market figures", source="")


class OccupationOutlook(Protocol):
    def outlook(self, occupation_uri: str) -> Outlook: ...


class NeutralOutlook:
    def outlook(self, occupation_uri: str) -> Outlook:
        return NEUTRAL


class TableOutlook:
    """Outlook looked up in a table of occupation URI → :class:`Outlook` (neutral if absent)."""

    def __init__(self, table: dict[str, Outlook]) -> None:
        for uri, item in table.items():
            if not -1.0 <= item.score <= 1.0:
                raise ValueError(f"Outlook score of {uri} must lie in [-1, 1], not {item.score}")
        self.table = dict(table)

    def outlook(self, occupation_uri: str) -> Outlook:
        return self.table.get(occupation_uri, NEUTRAL)
