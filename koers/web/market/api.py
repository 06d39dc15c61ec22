"""REST endpoints of labour-market intelligence: each answers rows of the domain's own types."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from koers.market.backtest import BacktestResult, backtest_all
from koers.market.barometer import SkillTrend
from koers.market.bundled import (
    BottleneckOccupation,
    bottleneck_list_2026,
    construction_vacancies_yearly,
)
from koers.market.forecast import MAX_HORIZON, OccupationForecast, forecast
from koers.market.in_force import forecast_inputs, market_data_in_force, skills_barometer
from koers.market.tension import MIN_VACANCIES, TensionRow, bottlenecks, tension_table
from koers.web.errors import Error

router = Router(tags=["labour market"])
PERIOD_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"
ERRORS: dict[int, Any] = {400: Error, 404: Error, 409: Error}


class TensionQuery(Schema):
    period: str = Field(..., pattern=PERIOD_PATTERN, description="YYYY-MM")
    min_vacancies: int = Field(MIN_VACANCIES, ge=0)


class ForecastQuery(Schema):
    scenario: Literal["baseline", "growth", "recession"] = "baseline"
    horizon: int = Field(5, ge=1, le=MAX_HORIZON)
    supply_scenario: Literal["baseline", "stem_trend"] = "baseline"
    isco_code: str | None = Field(None, pattern=r"^\d{4}$")


class BarometerQuery(Schema):
    scenario: Literal["baseline", "growth", "recession"] = "baseline"
    sector: str | None = Field(None, max_length=4)
    collection: Literal["digital", "green", "transversal"] | None = None
    limit: int = Field(50, ge=1, le=1000)
    lang: Literal["nl", "en"] = "nl"


@router.get("/tension", response={200: list[TensionRow], **ERRORS})
def tension(request: HttpRequest, params: Query[TensionQuery]) -> list[TensionRow]:
    """Tension ratio per occupation in a period, tightest first."""
    rows = tension_table(market_data_in_force(), params.period)
    return [r for r in rows if r.vacancies >= params.min_vacancies]


@router.get("/bottlenecks", response={200: list[TensionRow], **ERRORS})
def market_bottlenecks(request: HttpRequest, params: Query[TensionQuery]) -> list[TensionRow]:
    """Bottleneck occupations of a period: tension ratio below 1, enough vacancies."""
    return bottlenecks(market_data_in_force(), params.period, min_vacancies=params.min_vacancies)


@router.get("/bottleneck-list-2026", response=list[BottleneckOccupation])
def bottleneck_list(request: HttpRequest) -> list[BottleneckOccupation]:
    """VDAB's Knelpuntberoepen 2026 (real), each with its ESCO mapping."""
    return list(bottleneck_list_2026())


@router.get("/forecast", response={200: list[OccupationForecast], **ERRORS})
def market_forecast(request: HttpRequest, params: Query[ForecastQuery]) -> list[OccupationForecast]:
    """Demand (expansion, replacement), new supply and gap per occupation group and year."""
    rows = forecast(
        forecast_inputs(),
        scenario=params.scenario,
        horizon=params.horizon,
        supply_scenario=params.supply_scenario,
    )
    return [r for r in rows if params.isco_code in (None, r.isco_code)]


@router.get("/barometer", response={200: list[SkillTrend], **ERRORS})
def barometer(request: HttpRequest, params: Query[BarometerQuery]) -> list[SkillTrend]:
    """Competences ranked by forecast demand growth, filterable by sector and collection."""
    trends = skills_barometer().trends(
        scenario=params.scenario,
        sector=params.sector,
        collection=params.collection,
        lang=params.lang,
    )
    return trends[: params.limit]


@router.get("/backtest", response=list[BacktestResult])
def market_backtest(request: HttpRequest) -> list[BacktestResult]:
    """Backtest of the trend rule on real construction vacancies, against naive."""
    return backtest_all(construction_vacancies_yearly())
