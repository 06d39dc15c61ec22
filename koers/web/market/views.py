"""Analyst pages: bottlenecks and tension, forecasts with scenarios, skills barometer,
backtest and VDAB's bottleneck list. Every table downloads as CSV (``?format=csv``)."""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from koers.market.backtest import backtest, backtest_all
from koers.market.barometer import COLLECTIONS
from koers.market.bundled import (
    BOTTLENECK_SOURCE,
    CONSTRUCTION_SOURCE,
    STATBEL_SOURCE,
    bottleneck_list_2026,
    construction_vacancies_yearly,
    entrepreneurs_by_region,
)
from koers.market.dataset import MarketData
from koers.market.forecast import SCENARIOS, forecast
from koers.market.formats import FORMATS, PERIOD, ImportValidationError
from koers.market.tension import MIN_VACANCIES, TensionInputError, stability, tension_table
from koers.taxonomy import get_taxonomy
from koers.web import charts
from koers.web.i18n import active_language
from koers.web.market.selectors import forecast_inputs, market_data_in_force, skills_barometer
from koers.web.market.services import market_dataset_import

IMPORT_ROLES = ("analyst", "admin")


def csv_response(name: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response


def _wants_csv(request: HttpRequest) -> bool:
    return request.GET.get("format") == "csv"


def _int(value: str | None, default: int, low: int, high: int) -> int:
    try:
        return min(high, max(low, int(value or default)))
    except ValueError:
        return default


def overview(request: HttpRequest) -> HttpResponse:
    """VDAB's 2026 bottleneck list (real), mapped to ESCO."""
    taxonomy = get_taxonomy()
    rows = []
    for item in bottleneck_list_2026():
        uri = item["esco_uri"]
        occupation = taxonomy.occupation(uri) if uri in taxonomy.occupation_index else None
        rows.append({**item, "occupation": occupation})
    if _wants_csv(request):
        return csv_response(
            "vdab-knelpuntberoepen-2026",
            ["vdab_domain", "occupation_nl", "esco_uri", "esco_label", "medium_skilled_decree"],
            [
                [
                    r["vdab_domain"],
                    r["occupation_nl"],
                    r["esco_uri"],
                    r["occupation"].label(active_language()) if r["occupation"] else "",
                    r["medium_skilled_decree"],
                ]
                for r in rows
            ],
        )
    mapped = sum(1 for r in rows if r["occupation"])
    return render(
        request,
        "market/overview.html",
        {"rows": rows, "mapped": mapped, "source": BOTTLENECK_SOURCE},
    )


def _period_is_synthetic(data: MarketData, period: str) -> bool:
    dataset = data.for_period("vacancies", period)
    return dataset is not None and dataset.synthetic


@charts.CHART_CSP
def tension(request: HttpRequest) -> HttpResponse:
    data = market_data_in_force()
    periods = sorted(set(data.periods("vacancies")) & set(data.periods("job_seekers")))
    period = request.GET.get("period") or periods[-1]
    min_vacancies = _int(request.GET.get("min_vacancies"), MIN_VACANCIES, 0, 100_000)
    context: dict[str, Any] = {"periods": periods, "period": period, "min_vacancies": min_vacancies}
    if not PERIOD.match(period):
        context["error"] = _("Choose a period as YYYY-MM.")
        return render(request, "market/tension.html", context, status=400)
    try:
        rows = [r for r in tension_table(data, period) if r.vacancies >= min_vacancies]
    except TensionInputError as error:
        context["error"] = str(error)
        return render(request, "market/tension.html", context, status=404)
    if _wants_csv(request):
        return csv_response(
            f"tension-{period}",
            [
                "occupation_nl",
                "esco_uri",
                "job_seekers",
                "vacancies",
                "tension_ratio",
                "source",
                "synthetic",
            ],
            [
                [
                    r.occupation_nl,
                    r.esco_uri,
                    r.job_seekers,
                    r.vacancies,
                    r.tension_ratio,
                    r.source,
                    r.synthetic,
                ]
                for r in rows
            ],
        )
    synthetic = bool(rows) and rows[0].synthetic
    # Compare and chart only periods of the same provenance: real with real, synthetic with
    # synthetic.
    comparable = [p for p in periods if _period_is_synthetic(data, p) == synthetic]
    context.update(rows=rows, source=rows[0].source if rows else "", synthetic=synthetic)
    earlier = [p for p in comparable if p < period]
    if earlier:
        context["stability"] = stability(data, earlier[-1], period, min_vacancies=min_vacancies)
    tightest = [r.occupation_nl for r in rows[:6]]
    series: dict[str, tuple[list[Any], list[float]]] = {}
    for p in comparable:
        for r in tension_table(data, p):
            if r.occupation_nl in tightest:
                xs, ys = series.setdefault(r.occupation_nl, ([], []))
                xs.append(p)
                ys.append(r.tension_ratio)
    if series:
        context["chart"] = charts.figure_json(
            charts.lines(series),
            title=_("Tension ratio over time of the tightest occupations"),
            y_title=_("job seekers per vacancy"),
        )
    return render(request, "market/tension.html", context)


def _isco_label(code: str) -> str:
    group = get_taxonomy().isco_by_code.get(code)
    return group.label_en if group else code


@charts.CHART_CSP
def forecasts(request: HttpRequest) -> HttpResponse:
    inputs = forecast_inputs()
    scenario = request.GET.get("scenario", "baseline")
    if scenario not in SCENARIOS:
        scenario = "baseline"
    horizon = _int(request.GET.get("horizon"), 5, 1, 15)
    by_scenario = {name: forecast(inputs, scenario=name, horizon=horizon) for name in SCENARIOS}
    rows = by_scenario[scenario]
    last = max(r.year for r in rows)
    if _wants_csv(request):
        return csv_response(
            f"forecast-{scenario}-{horizon}y",
            [
                "occupation_uri",
                "isco_code",
                "occupation_group",
                "year",
                "expansion_demand",
                "replacement_demand",
                "total_demand",
                "new_supply",
                "gap",
                "adjustments",
            ],
            [
                [
                    r.occupation_uri,
                    r.isco_code,
                    _isco_label(r.isco_code),
                    r.year,
                    round(r.expansion_demand),
                    round(r.replacement_demand),
                    round(r.total_demand),
                    round(r.new_supply),
                    round(r.gap),
                    " | ".join(r.adjustments),
                ]
                for r in rows
            ],
        )
    final = sorted((r for r in rows if r.year == last), key=lambda r: -r.gap)
    code = request.GET.get("isco") or (final[0].isco_code if final else "")
    chosen: dict[str, list[Any]] = {
        name: [r for r in rs if r.isco_code == code] for name, rs in by_scenario.items()
    }
    series: dict[str, tuple[list[Any], list[float]]] = {}
    for name, rs in chosen.items():
        series[f"{_('demand')} ({name})"] = (
            [r.year for r in rs],
            [round(r.total_demand) for r in rs],
        )
    base = chosen.get("baseline", [])
    series[_("new supply")] = ([r.year for r in base], [round(r.new_supply) for r in base])
    context = {
        "scenario": scenario,
        "scenarios": SCENARIOS,
        "horizon": horizon,
        "year": last,
        "top": [(r, _isco_label(r.isco_code)) for r in final[:40]],
        "bottom": [(r, _isco_label(r.isco_code)) for r in final[-10:][::-1]],
        "code": code,
        "code_label": _isco_label(code),
        "chosen": base,
        "sources": sorted(set(inputs.sources.values())),
        "synthetic": any("synthetic" in s for s in inputs.sources.values()),
        "groups": sorted((c, _isco_label(c)) for c in inputs.occupations),
        "chart": charts.figure_json(
            charts.lines(series, dash={_("new supply"): "dot"}),
            title=_("Demand and new supply per year: %(group)s") % {"group": _isco_label(code)},
            y_title=_("persons per year"),
        ),
    }
    return render(request, "market/forecast.html", context)


@charts.CHART_CSP
def barometer(request: HttpRequest) -> HttpResponse:
    inputs = forecast_inputs()
    scenario = request.GET.get("scenario", "baseline")
    scenario = scenario if scenario in SCENARIOS else "baseline"
    sector = request.GET.get("sector") or None
    sector = sector if sector in inputs.sectors else None
    collection = request.GET.get("collection") or None
    collection = collection if collection in COLLECTIONS else None
    trends = skills_barometer().trends(scenario=scenario, sector=sector, collection=collection)
    lang = active_language()
    if _wants_csv(request):
        return csv_response(
            "skills-barometer",
            [
                "skill_uri",
                "label",
                "growth",
                "demand_start",
                "demand_end",
                "digital",
                "green",
                "transversal",
            ],
            [
                [
                    t.skill.uri,
                    t.skill.label(lang),
                    t.growth,
                    round(t.demand_start),
                    round(t.demand_end),
                    t.skill.digital,
                    t.skill.green,
                    t.skill.transversal,
                ]
                for t in trends
            ],
        )
    shown = trends[:15] + trends[-10:] if len(trends) > 25 else trends
    labels = [t.skill.label(lang)[:60] for t in shown][::-1]
    values = [round(100 * t.growth, 1) for t in shown][::-1]
    colors = ["#15803d" if v >= 0 else "#b91c1c" for v in values]
    sector_labels = {
        r["nace"]: r.get("sector_label") or r["nace"]
        for r in market_data_in_force().require("employment").rows
    }
    return render(
        request,
        "market/barometer.html",
        {
            "trends": trends[:50],
            "shrinking": trends[-20:][::-1],
            "count": len(trends),
            "scenario": scenario,
            "scenarios": SCENARIOS,
            "sector": sector,
            "sectors": sorted(sector_labels.items()),
            "collection": collection,
            "collections": COLLECTIONS,
            "synthetic": any("synthetic" in s for s in inputs.sources.values()),
            "sources": sorted(set(inputs.sources.values())),
            "chart": charts.figure_json(
                charts.bars(labels, values, colors=colors),
                title=_("Fastest growing and shrinking competences: change in demand, in percent"),
                x_title="%",
            ),
        },
    )


@charts.CHART_CSP
def backtests(request: HttpRequest) -> HttpResponse:
    series = construction_vacancies_yearly()
    results = backtest_all(series)
    if _wants_csv(request):
        return csv_response(
            "backtest-construction-vacancies",
            ["series", "test_years", "mape_forecast", "mape_naive"],
            [
                [r.series, " ".join(map(str, r.test_years)), r.mape_forecast, r.mape_naive]
                for r in results
            ],
        )
    total = backtest("Totaal", series["Totaal"])
    years = sorted(series["Totaal"])
    chart = charts.lines(
        {
            _("actual"): (years, [series["Totaal"][y] for y in years]),
            _("trend forecast"): (list(total.test_years), list(total.forecast)),
            _("naive (last value)"): (list(total.test_years), list(total.naive)),
        },
        dash={_("trend forecast"): "dash", _("naive (last value)"): "dot"},
    )
    wins = sum(1 for r in results if r.mape_forecast < r.mape_naive)
    return render(
        request,
        "market/backtest.html",
        {
            "results": results,
            "total": total,
            "wins": wins,
            "source": CONSTRUCTION_SOURCE,
            "chart": charts.figure_json(
                chart,
                title=_("Construction vacancies received per year, Flanders"),
                y_title=_("vacancies"),
            ),
        },
    )


@charts.CHART_CSP
def entrepreneurs(request: HttpRequest) -> HttpResponse:
    """Statbel's self-employed entrepreneurs per region and NACE section (real)."""
    series = entrepreneurs_by_region()
    if _wants_csv(request):
        return csv_response(
            "statbel-entrepreneurs",
            ["region", "nace_section", "year", "entrepreneurs"],
            [
                [region, section, year, count]
                for region, sections in sorted(series.items())
                for section, years in sorted(sections.items())
                for year, count in sorted(years.items())
            ],
        )
    totals = {
        region: (
            sorted(years),
            [sum(s.get(y, 0) for s in sections.values()) for y in sorted(years)],
        )
        for region, sections in sorted(series.items())
        for years in [{y for s in sections.values() for y in s}]
    }
    region = request.GET.get("region") or "Vlaams Gewest"
    region = region if region in series else next(iter(sorted(series)))
    rows = []
    for section, years in sorted(series[region].items()):
        first, last = min(years), max(years)
        change = years[last] / years[first] - 1 if years[first] else None
        rows.append(
            {"section": section, "first": years[first], "last": years[last], "change": change}
        )
    first_year = min(totals[region][0])
    last_year = max(totals[region][0])
    return render(
        request,
        "market/entrepreneurs.html",
        {
            "rows": rows,
            "region": region,
            "regions": sorted(series),
            "first_year": first_year,
            "last_year": last_year,
            "source": STATBEL_SOURCE,
            "chart": charts.figure_json(
                charts.lines(totals),
                title=_("Self-employed entrepreneurs per region"),
                y_title=_("entrepreneurs"),
            ),
        },
    )


@login_required
def import_data(request: HttpRequest) -> HttpResponse:
    """Upload a data file (analysts and administrators): validated whole, or refused."""
    if getattr(request.user, "role", "") not in IMPORT_ROLES:
        raise PermissionDenied
    context: dict[str, Any] = {"formats": FORMATS.values()}
    if request.method == "POST":
        kind = request.POST.get("kind", "")
        upload = request.FILES.get("file")
        if kind not in FORMATS or upload is None:
            context["errors"] = [_("Choose a kind of data and a file.")]
        else:
            suffix = ".parquet" if upload.name.lower().endswith(".parquet") else ".csv"
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / (Path(upload.name).stem[:80] + suffix)
                with path.open("wb") as handle:
                    for chunk in upload.chunks():
                        handle.write(chunk)
                try:
                    dataset = market_dataset_import(
                        kind=kind,
                        path=path,
                        source=request.POST.get("source", "")[:500],
                        synthetic=request.POST.get("synthetic") == "1",
                        user=request.user,  # type: ignore[arg-type]
                    )
                except ImportValidationError as error:
                    context["errors"] = [str(e) for e in error.errors[:50]]
                    context["error_count"] = len(error.errors)
                else:
                    messages.success(
                        request,
                        _("Imported %(rows)s rows of %(kind)s.")
                        % {"rows": dataset.row_count, "kind": kind},
                    )
                    return redirect("market_import")
    return render(
        request, "market/import.html", context, status=400 if context.get("errors") else 200
    )
