"""The market's outlook per ESCO occupation, for the matching engine's career steps and checks.

Two signals, each turned into a score in [-1, 1] and averaged when both exist:

* forecast growth of the occupation's ISCO group employment to the horizon (baseline
  scenario): ``tanh(growth / 0.15)``, so +10 % scores about +0.58;
* the latest tension ratio of the occupation (mapped VDAB figures): ``tanh(1 - ratio)``, so a
  bottleneck (ratio 0.3) scores +0.6 and a surplus (ratio 3) -0.96.

The growth signal counts only when the rule that produces it has earned it:
:func:`growth_beats_naive` backtests that rule (the demand model's trend rule, the same one
:func:`koers.market.forecast.sector_paths` extrapolates employment with) on the only real yearly
series Koers has, the construction vacancies in total ("Totaal", last three years held out),
and asks whether it beats the naive forecast. The total is used because the VDAB occupation
groups of that series map to no ISCO group. When the rule loses (as it does on the figures that
ship: MAPE 44.3 % against 30.7 % for naive), the outlook's summary says the employment trend is
uncertain, its ``growth`` is left empty and the score rests on the tension part alone. Which
method :mod:`koers.market.backtest` would choose for the total (it may well beat naive) does not
matter here: that method is not the one behind the growth figure.
"""

from __future__ import annotations

import math
from functools import cache

from koers.market.backtest import backtest
from koers.market.bundled import construction_vacancies_yearly
from koers.market.dataset import MarketData
from koers.market.forecast import DEFAULT_HORIZON, sector_paths
from koers.market.forecast_inputs import ForecastInputs
from koers.market.tension import latest_ratio_by_esco
from koers.outlook import NEUTRAL, Outlook
from koers.taxonomy.taxonomy import Taxonomy

GROWTH_SCALE = 0.15
UNCERTAIN = "employment trend uncertain (the trend rule does not beat the naive forecast)"


@cache
def growth_beats_naive() -> bool:
    """Whether the demand model's trend rule beats naive on the real construction total."""
    total = construction_vacancies_yearly()["Totaal"]
    return backtest("Totaal", total, method="trend").beats_naive


class MarketOutlook:
    """Implements :class:`koers.outlook.OccupationOutlook` from market data."""

    def __init__(
        self,
        taxonomy: Taxonomy,
        data: MarketData,
        inputs: ForecastInputs | None,
        *,
        growth_trusted: bool | None = None,
    ) -> None:
        """``growth_trusted`` None: whether :func:`growth_beats_naive`. Without ``inputs`` (the
        data in force cannot make a forecast) the outlook rests on tension alone."""
        self.taxonomy = taxonomy
        self.growth_trusted = growth_beats_naive() if growth_trusted is None else growth_trusted
        self.tension = latest_ratio_by_esco(data)
        self.growth: dict[str, float] = {}
        self.synthetic_forecast = False
        self.horizon_year = 0
        if inputs is None:
            return
        levels = sector_paths(inputs, scenario="baseline", horizon=DEFAULT_HORIZON)
        groups = inputs.key.T @ levels[:, [0, -1]]
        self.horizon_year = inputs.years[-1] + DEFAULT_HORIZON
        self.growth = {
            code: float(end / start - 1)
            for code, (start, end) in zip(inputs.occupations, groups, strict=True)
            if start > 0 and math.isfinite(end / start)
        }
        self.synthetic_forecast = any(
            "synthetic" in inputs.sources.get(kind, "")
            for kind in ("employment", "sector_occupation_key")
        )

    def outlook(self, occupation_uri: str) -> Outlook:
        index = self.taxonomy.occupation_index.get(occupation_uri)
        if index is None:
            return NEUTRAL
        occupation = self.taxonomy.occupations[index]
        scores, parts = [], []
        growth = self.growth.get(occupation.isco_code)
        if growth is not None and not self.growth_trusted:
            growth = None  # the growth part does not move the score
            parts.append(UNCERTAIN)
        elif growth is not None:
            scores.append(math.tanh(growth / GROWTH_SCALE))
            label = " (synthetic)" if self.synthetic_forecast else ""
            parts.append(f"employment forecast {growth:+.0%} by {self.horizon_year}{label}")
        ratio, period, synthetic = self.tension.get(occupation_uri, (None, "", False))
        if ratio is not None:
            scores.append(math.tanh(1 - ratio))
            label = " (synthetic)" if synthetic else " (VDAB)"
            parts.append(f"tension ratio {ratio:.2f} in {period}{label}")
        if not parts:
            return NEUTRAL
        return Outlook(
            score=round(sum(scores) / len(scores), 3) if scores else 0.0,
            summary="; ".join(parts),
            source="Koers market forecast",
            growth=growth,
            tension_ratio=ratio,
            tension_period=period,
            synthetic=(self.synthetic_forecast and growth is not None) or synthetic,
        )
