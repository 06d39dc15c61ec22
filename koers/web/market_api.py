"""REST endpoints of labour-market intelligence."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from koers.market.backtest import backtest_all
from koers.market.bundled import bottleneck_list_2026, construction_vacancies_yearly
from koers.market.forecast import MAX_HORIZON, forecast
from koers.market.tension import MIN_VACANCIES, bottlenecks, tension_table
from koers.web.errors import BadRequest
from koers.web.market.selectors import forecast_inputs, market_data_in_force, skills_barometer

router = Router(tags=["labour market"])
PERIOD_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"


class TensionOut(Schema):
    occupation_nl: str
    esco_uri: str
    period: str
    job_seekers: int
    vacancies: int
    tension_ratio: float
    source: str
    synthetic: bool


class TensionQuery(Schema):
    period: str = Field(..., pattern=PERIOD_PATTERN, description="YYYY-MM")
    min_vacancies: int = Field(MIN_VACANCIES, ge=0)


class ForecastQuery(Schema):
    scenario: Literal["baseline", "growth", "recession"] = "baseline"
    horizon: int = Field(5, ge=1, le=MAX_HORIZON)
    supply_scenario: Literal["baseline", "stem_trend"] = "baseline"
    isco_code: str | None = Field(None, pattern=r"^\d{4}$")


class ForecastOut(Schema):
    occupation_uri: str
    isco_code: str
    year: int
    scenario: str
    expansion_demand: float
    replacement_demand: float
    total_demand: float
    new_supply: float
    gap: float
    employment: float
    adjustments: list[str]


class BarometerQuery(Schema):
    scenario: Literal["baseline", "growth", "recession"] = "baseline"
    sector: str | None = Field(None, max_length=4)
    collection: Literal["digital", "green", "transversal"] | None = None
    limit: int = Field(50, ge=1, le=1000)
    lang: Literal["nl", "en"] = "nl"


class SkillTrendOut(Schema):
    skill_uri: str
    label: str
    growth: float
    demand_start: float
    demand_end: float


class BottleneckListOut(Schema):
    vdab_domain: str
    occupation_nl: str
    esco_uri: str
    medium_skilled_decree: bool


class BacktestOut(Schema):
    series: str
    test_years: list[int]
    actual: list[float]
    forecast: list[float]
    naive: list[float]
    mape_forecast: float
    mape_naive: float


@router.get("/tension", response=list[TensionOut])
def tension(request: HttpRequest, params: Query[TensionQuery]) -> list[dict[str, Any]]:
    """Tension ratio per occupation in a period, tightest first."""
    rows = tension_table(market_data_in_force(), params.period)
    return [r.as_dict() for r in rows if r.vacancies >= params.min_vacancies]


@router.get("/bottlenecks", response=list[TensionOut])
def market_bottlenecks(request: HttpRequest, params: Query[TensionQuery]) -> list[dict[str, Any]]:
    """Bottleneck occupations of a period: tension ratio below 1, enough vacancies."""
    rows = bottlenecks(market_data_in_force(), params.period, min_vacancies=params.min_vacancies)
    return [r.as_dict() for r in rows]


@router.get("/bottleneck-list-2026", response=list[BottleneckListOut])
def bottleneck_list(request: HttpRequest) -> list[dict[str, Any]]:
    """VDAB's Knelpuntberoepen 2026 (real), each with its ESCO mapping."""
    return list(bottleneck_list_2026())


@router.get("/forecast", response=list[ForecastOut])
def market_forecast(request: HttpRequest, params: Query[ForecastQuery]) -> list[dict[str, Any]]:
    """Demand (expansion, replacement), new supply and gap per occupation group and year."""
    rows = forecast(
        forecast_inputs(),
        scenario=params.scenario,
        horizon=params.horizon,
        supply_scenario=params.supply_scenario,
    )
    return [r.as_dict() for r in rows if params.isco_code in (None, r.isco_code)]


@router.get("/barometer", response=list[SkillTrendOut])
def barometer(request: HttpRequest, params: Query[BarometerQuery]) -> list[dict[str, Any]]:
    """Competences ranked by forecast demand growth, filterable by sector and collection."""
    if params.sector is not None and params.sector not in forecast_inputs().sectors:
        raise BadRequest(f"Unknown sector {params.sector!r}")
    trends = skills_barometer().trends(
        scenario=params.scenario, sector=params.sector, collection=params.collection
    )
    return [
        {
            "skill_uri": t.skill.uri,
            "label": t.skill.label(params.lang),
            "growth": t.growth,
            "demand_start": round(t.demand_start, 1),
            "demand_end": round(t.demand_end, 1),
        }
        for t in trends[: params.limit]
    ]


@router.get("/backtest", response=list[BacktestOut])
def market_backtest(request: HttpRequest) -> list[dict[str, Any]]:
    """Backtest of the trend rule on real construction vacancies, against naive."""
    return [
        {
            "series": r.series,
            "test_years": list(r.test_years),
            "actual": list(r.actual),
            "forecast": list(r.forecast),
            "naive": list(r.naive),
            "mape_forecast": r.mape_forecast,
            "mape_naive": r.mape_naive,
        }
        for r in backtest_all(construction_vacancies_yearly())
    ]
