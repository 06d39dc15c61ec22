"""Labour-market data sets with their provenance (real or synthetic, and who published them)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from koers.errors import DataConflict

SYNTHETIC_LABEL = "synthetic demo data (generated, not real figures)"


class MissingMarketData(DataConflict):
    code = "market.data_missing"
    message = "No “{kind}” data in force: import it with `koers market import {kind} FILE`."


@dataclass(frozen=True)
class Dataset:
    """Validated rows of one kind (see formats.py) and where they come from."""

    kind: str
    rows: tuple[dict[str, Any], ...]
    source: str
    synthetic: bool
    label: str = ""

    @cached_property
    def periods(self) -> frozenset[str]:
        """The periods its rows cover (looked up on every market page: computed once)."""
        return frozenset(row["period"] for row in self.rows)

    @property
    def provenance(self) -> str:
        return f"{self.source}: {SYNTHETIC_LABEL}" if self.synthetic else f"{self.source} (real)"


class MarketData:
    """All data sets in force, later ones taking precedence over earlier ones of their kind."""

    def __init__(self, datasets: Iterable[Dataset]) -> None:
        self.datasets = tuple(datasets)

    def of_kind(self, kind: str) -> list[Dataset]:
        return [d for d in self.datasets if d.kind == kind]

    def latest(self, kind: str) -> Dataset | None:
        found = self.of_kind(kind)
        return found[-1] if found else None

    def require(self, kind: str) -> Dataset:
        """The latest data set of ``kind``; raise :class:`MissingMarketData` if there is none."""
        found = self.latest(kind)
        if found is None:
            raise MissingMarketData(kind=kind)
        return found

    def periods(self, kind: str) -> list[str]:
        """Every period present in data sets of ``kind``, sorted."""
        return sorted(set().union(*(d.periods for d in self.of_kind(kind))))

    def for_period(self, kind: str, period: str) -> Dataset | None:
        """The latest data set of ``kind`` that holds ``period``."""
        for dataset in reversed(self.of_kind(kind)):
            if period in dataset.periods:
                return dataset
        return None


def merge(base: Sequence[Dataset], overrides: Sequence[Dataset]) -> MarketData:
    """Bundled data sets, with every kind that has an override replaced by the overrides.

    Real bundled series of a kind stay when the override is synthetic only."""
    override_kinds = {d.kind for d in overrides}
    kept = [d for d in base if d.kind not in override_kinds or not d.synthetic]
    return MarketData([*kept, *overrides])
