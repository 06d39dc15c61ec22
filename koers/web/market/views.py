"""Analyst pages: bottlenecks and tension, forecasts with scenarios, skills barometer,
backtest and VDAB's bottleneck list. Every table downloads as CSV (``?format=csv``).

Thin: the figures come from :mod:`koers.market` (the data in force through
:mod:`koers.market.in_force`); these views pick the options, draw the charts and render.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import numpy as np
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.errors import KoersError
from koers.market.backtest import BacktestResult, construction_backtests
from koers.market.barometer import COLLECTIONS, SkillTrend
from koers.market.bundled import (
    BOTTLENECK_SOURCE,
    CONSTRUCTION_SOURCE,
    STATBEL_SOURCE,
    BottleneckOccupation,
    EntrepreneurCount,
    bottleneck_list_2026,
    construction_vacancies_yearly,
    entrepreneur_changes,
    entrepreneur_counts,
    entrepreneur_totals,
    entrepreneurs_by_region,
)
from koers.market.forecast import SCENARIOS, OccupationForecast, all_scenarios, scenario_series
from koers.market.forecasting import interval
from koers.market.formats import FORMATS, ImportValidationError
from koers.market.in_force import (
    dataset_import,
    dataset_withdraw,
    forecast_inputs,
    market_data_in_force,
    skills_barometer,
)
from koers.market.nace import section_name
from koers.market.tension import (
    MIN_VACANCIES,
    BadPeriod,
    TensionRow,
    UnknownPeriod,
    check_period,
    comparable_periods,
    period_is_synthetic,
    stability,
    tension_periods,
    tension_series,
    tension_table,
)
from koers.taxonomy import get_taxonomy
from koers.taxonomy.isco_nl import has_own_dutch_name, isco_group_nl, isco_names
from koers.web import charts
from koers.web.access import access_required, can_import_market_data
from koers.web.downloads import csv_response, wants_csv
from koers.web.errors import page_message
from koers.web.i18n import active_language
from koers.web.market.models import MarketDataset


def _int(value: str | None, default: int, low: int, high: int) -> int:
    try:
        return min(high, max(low, int(value or default)))
    except ValueError:
        return default


def _choice(value: str | None, choices: Any, default: str | None) -> str | None:
    return value if value in choices else default


SCENARIO_LABELS = {
    "baseline": gettext_lazy("baseline scenario"),
    "growth": gettext_lazy("growth scenario"),
    "recession": gettext_lazy("recession scenario"),
}
COLLECTION_LABELS = {
    "digital": gettext_lazy("digital competences"),
    "green": gettext_lazy("green competences"),
    "transversal": gettext_lazy("transversal competences (useful in many jobs)"),
}


def _isco_names(code: str) -> tuple[str, str]:
    """(Dutch name, English name) of an ISCO group; the Dutch one is that of the group or,
    for a unit group, of its sub-major group (see koers.taxonomy.isco_nl)."""
    group = get_taxonomy().isco_by_code.get(code)
    return isco_group_nl(code), group.label_en if group else code


def _isco_label(code: str) -> str:
    """An ISCO group's name as plain text in the active language."""
    dutch, english = _isco_names(code)
    if active_language() != "nl" or not dutch:
        return english
    return dutch if has_own_dutch_name(code) else f"{dutch}: {english}"


def _isco_group(code: str) -> dict[str, str]:
    """An ISCO group for templates (market/isco_name.html marks the English part)."""
    return isco_names(code, _isco_names(code)[1])


def overview(request: HttpRequest) -> HttpResponse:
    """VDAB's 2026 bottleneck list (real), mapped to ESCO."""
    taxonomy = get_taxonomy()
    items = bottleneck_list_2026()
    occupations = {item.esco_uri: taxonomy.find_occupation(item.esco_uri) for item in items}
    if wants_csv(request):
        lang = active_language()
        return csv_response(
            "vdab-knelpuntberoepen-2026",
            BottleneckOccupation,
            items,
            extra={"esco_label": lambda item: _label(occupations[item.esco_uri], lang)},
        )
    rows = [{"item": item, "occupation": occupations[item.esco_uri]} for item in items]
    mapped = sum(1 for r in rows if r["occupation"])
    return render(
        request,
        "market/overview.html",
        {"rows": rows, "mapped": mapped, "source": BOTTLENECK_SOURCE, "section": "overview"},
    )


def _label(occupation: Any, lang: str) -> str:
    return occupation.label(lang) if occupation else ""


@charts.CHART_CSP
def tension(request: HttpRequest) -> HttpResponse:
    data = market_data_in_force()
    periods = tension_periods(data)
    real = [p for p in periods if not period_is_synthetic(data, p)]
    period = request.GET.get("period") or (real or periods)[-1]  # real figures first
    min_vacancies = _int(request.GET.get("min_vacancies"), MIN_VACANCIES, 0, 100_000)
    chosen = request.GET.get("occupation", "").strip()[:200]
    context: dict[str, Any] = {
        "real_periods": real,
        "synthetic_periods": [p for p in periods if p not in real],
        "period": period,
        "min_vacancies": min_vacancies,
        "occupation": chosen,
        "section": "tension",
    }
    try:
        everyone = tension_table(data, check_period(period))
    except (BadPeriod, UnknownPeriod) as error:
        context["error"] = page_message(error)
        return render(request, "market/tension.html", context, status=error.status)
    context["occupations"] = sorted({r.occupation_nl for r in everyone})
    rows = [
        r
        for r in everyone
        if r.vacancies >= min_vacancies and (not chosen or r.occupation_nl == chosen)
    ]
    if wants_csv(request):
        return csv_response(f"tension-{period}", TensionRow, rows)
    comparable = comparable_periods(data, period)
    context.update(
        rows=rows,
        source=rows[0].source if rows else "",
        synthetic=bool(rows) and rows[0].synthetic,
    )
    earlier = [p for p in comparable if p < period]
    if earlier:
        context["stability"] = stability(data, earlier[-1], period, min_vacancies=min_vacancies)
    series = tension_series(
        data, comparable, [chosen] if chosen else [r.occupation_nl for r in rows[:6]]
    )
    if series:
        title = (
            _("Tension ratio over time: %(occupation)s") % {"occupation": chosen}
            if chosen
            else _("Tension ratio over time of the tightest occupations")
        )
        context["chart_title"] = title
        context["chart"] = charts.figure_json(
            charts.lines(series),
            title=title,
            y_title=_("job seekers per vacancy"),
            x_kind="month" if all(len(p) == 7 for p in comparable) else "category",
        )
    return render(request, "market/tension.html", context)


@charts.CHART_CSP
def forecasts(request: HttpRequest) -> HttpResponse:
    """Demand and supply per occupation group under a scenario. The chosen group's demand gets
    an indicative 80 % band: the construction-vacancy total's backtest interval (its log
    half-width one year ahead, times sqrt(years ahead)) applied to demand; the only real yearly
    series Koers has, so a rule of thumb for the uncertainty, not a model of demand itself."""
    inputs = forecast_inputs()
    scenario = _choice(request.GET.get("scenario"), SCENARIOS, "baseline") or "baseline"
    horizon = _int(request.GET.get("horizon"), 5, 1, 15)
    by_scenario = all_scenarios(inputs, horizon=horizon)
    rows = by_scenario[scenario]
    if wants_csv(request):
        return csv_response(
            f"forecast-{scenario}-{horizon}y",
            OccupationForecast,
            rows,
            extra={"occupation_group": lambda r: _isco_label(r.isco_code)},
        )
    last = max(r.year for r in rows)
    final = sorted((r for r in rows if r.year == last), key=lambda r: -r.gap)
    code = request.GET.get("isco") or (final[0].isco_code if final else "")
    chosen = scenario_series(by_scenario, code)
    series: dict[str, tuple[list[Any], list[float]]] = {
        _("demand (%(scenario)s)") % {"scenario": SCENARIO_LABELS.get(name, name)}: (
            [r.year for r in rs],
            [round(r.total_demand) for r in rs],
        )
        for name, rs in chosen.items()
    }
    base = chosen.get("baseline", [])
    shown = chosen.get(scenario, base)
    series[_("new supply")] = ([r.year for r in base], [round(r.new_supply) for r in base])
    total = _total_backtest()
    years = [r.year for r in shown]
    lower, upper = interval(
        [r.total_demand for r in shown],
        total.interval_scale,
        [y - inputs.years[-1] for y in years],
    )
    figure = charts.lines(series, dash={_("new supply"): "dot"})
    band_name = _("indicative 80%% band (%(scenario)s)") % {
        "scenario": SCENARIO_LABELS.get(scenario, scenario)
    }
    charts.band(figure, years, np.round(lower).tolist(), np.round(upper).tolist(), name=band_name)
    context = {
        "section": "forecast",
        "scenario": scenario,
        "scenario_label": SCENARIO_LABELS.get(scenario, scenario),
        "scenarios": [(s, SCENARIO_LABELS.get(s, s)) for s in SCENARIOS],
        "horizon": horizon,
        "year": last,
        "top": [(r, _isco_group(r.isco_code)) for r in final[:40]],
        "code": code,
        "code_group": _isco_group(code),
        "chosen": shown,
        "band": list(zip(shown, lower.tolist(), upper.tolist(), strict=True)),
        "band_total": total,
        "band_method": _method_label(total.method),
        "sources": sorted(set(inputs.sources.values())),
        "synthetic": any("synthetic" in s for s in inputs.sources.values()),
        "groups": sorted((c, _isco_label(c)) for c in inputs.occupations),
        "chart": charts.figure_json(
            figure,
            title=_("Demand and new supply per year: %(group)s") % {"group": _isco_label(code)},
            y_title=_("persons per year"),
            x_kind="year",
        ),
    }
    return render(request, "market/forecast.html", context)


@charts.CHART_CSP
def barometer(request: HttpRequest) -> HttpResponse:
    inputs = forecast_inputs()
    scenario = _choice(request.GET.get("scenario"), SCENARIOS, "baseline") or "baseline"
    sector = _choice(request.GET.get("sector"), inputs.sectors, None)
    collection = _choice(request.GET.get("collection"), COLLECTIONS, None)
    trends = skills_barometer().trends(
        scenario=scenario, sector=sector, collection=collection, lang=active_language()
    )
    if wants_csv(request):
        return csv_response("skills-barometer", SkillTrend, trends)
    shown = trends[:15] + trends[-10:] if len(trends) > 25 else trends
    labels = [t.label[:60] for t in shown][::-1]
    values = [round(100 * t.growth, 1) for t in shown][::-1]
    colors = ["#15803d" if v >= 0 else "#b91c1c" for v in values]
    return render(
        request,
        "market/barometer.html",
        {
            "section": "barometer",
            "trends": trends[:50],
            "shrinking": trends[-20:][::-1],
            "count": len(trends),
            "scenario": scenario,
            "scenarios": [(s, SCENARIO_LABELS.get(s, s)) for s in SCENARIOS],
            "sector": sector,
            "sectors": [
                (code, name if active_language() == "nl" else section_name(code, "en"))
                for code, name in sorted(inputs.sector_labels.items())
            ],
            "collection": collection,
            "collections": [(c, COLLECTION_LABELS.get(c, c)) for c in COLLECTIONS],
            "synthetic": any("synthetic" in s for s in inputs.sources.values()),
            "sources": sorted(set(inputs.sources.values())),
            "chart": charts.figure_json(
                charts.bars(labels, values, colors=colors),
                title=_("Fastest growing and shrinking competences: change in demand, in percent"),
                x_title="%",
                x_kind="number",
                y_kind="category",
            ),
        },
    )


def _total_backtest() -> BacktestResult:
    return next(r for r in construction_backtests() if r.series == "Totaal")


def _method_label(method: str) -> str:
    labels = {
        "naive": _("naive (last value)"),
        "mean": _("mean of the training years"),
        "ses": _("simple exponential smoothing"),
        "damped": _("damped trend"),
        "trend": _("trend rule of the demand model"),
        "damped+naive": _("mean of damped trend and naive"),
    }
    return labels.get(method, method)


@charts.CHART_CSP
def backtests(request: HttpRequest) -> HttpResponse:
    """Every real construction series: the method chosen on the training years (rolling
    origin) against naive on the three held-out years; the total as a chart with its 80 %
    prediction interval."""
    results = list(construction_backtests())
    if wants_csv(request):
        return csv_response("backtest-construction-vacancies", BacktestResult, results)
    total = _total_backtest()
    history = construction_vacancies_yearly()["Totaal"]
    years = sorted(history)
    forecast_name = _("forecast: %(method)s") % {"method": _method_label(total.method)}
    naive_name = _("naive (last value)")
    figure = charts.lines(
        {
            _("actual"): (years, [history[y] for y in years]),
            forecast_name: (list(total.test_years), list(total.forecast)),
            naive_name: (list(total.test_years), list(total.naive)),
        },
        dash={forecast_name: "dash", naive_name: "dot"},
    )
    charts.band(
        figure,
        list(total.test_years),
        list(total.lower),
        list(total.upper),
        name=_("80% prediction interval"),
    )
    return render(
        request,
        "market/backtest.html",
        {
            "section": "backtest",
            "rows": [(r, _method_label(r.method)) for r in results],
            "results": results,
            "total": total,
            "total_method": _method_label(total.method),
            "wins": sum(1 for r in results if r.beats_naive),
            "source": CONSTRUCTION_SOURCE,
            "chart": charts.figure_json(
                figure,
                title=_("Construction vacancies received per year, Flanders"),
                y_title=_("vacancies"),
                x_kind="year",
            ),
        },
    )


@charts.CHART_CSP
def entrepreneurs(request: HttpRequest) -> HttpResponse:
    """Statbel's self-employed entrepreneurs per region and NACE section (real)."""
    series = entrepreneurs_by_region()
    if wants_csv(request):
        return csv_response("statbel-entrepreneurs", EntrepreneurCount, entrepreneur_counts(series))
    totals = entrepreneur_totals(series)
    region = _choice(request.GET.get("region"), series, None) or (
        "Vlaams Gewest" if "Vlaams Gewest" in series else next(iter(sorted(series)))
    )
    years = totals[region][0]
    return render(
        request,
        "market/entrepreneurs.html",
        {
            "section": "entrepreneurs",
            "rows": [
                (r, section_name(r.section, active_language()))
                for r in entrepreneur_changes(series[region])
            ],
            "region": region,
            "regions": sorted(series),
            "first_year": min(years),
            "last_year": max(years),
            "source": STATBEL_SOURCE,
            "chart": charts.figure_json(
                charts.lines(totals),
                title=_("Self-employed entrepreneurs per region"),
                y_title=_("entrepreneurs"),
                x_kind="year",
            ),
        },
    )


@access_required(can_import_market_data)
def import_data(request: HttpRequest) -> HttpResponse:
    """Upload a data file (analysts and administrators): validated whole, or refused."""
    context: dict[str, Any] = {"formats": FORMATS.values(), "section": "import"}
    if request.method == "POST" and request.POST.get("action") in ("withdraw", "restore"):
        return _withdraw_or_restore(request)
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            context["errors"] = [_("Choose a kind of data and a file.")]
        else:
            suffix = ".parquet" if upload.name.lower().endswith(".parquet") else ".csv"
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / (Path(upload.name).stem[:80] + suffix)
                with path.open("wb") as handle:
                    for chunk in upload.chunks():
                        handle.write(chunk)
                try:
                    dataset = dataset_import(
                        kind=request.POST.get("kind", ""),
                        path=path,
                        source=request.POST.get("source", "")[:500],
                        synthetic=request.POST.get("synthetic") == "1",
                        imported_by=request.user,
                    )
                except ImportValidationError as error:
                    context["problems"] = error.errors[:50]
                    context["error_count"] = len(error.errors)
                except KoersError as error:  # unknown kind, or a file that breaks the forecast
                    context["errors"] = [page_message(error)]
                else:
                    messages.success(
                        request,
                        _("Imported %(rows)s rows of %(kind)s.")
                        % {"rows": len(dataset.rows), "kind": dataset.kind},
                    )
                    return redirect("market_import")
    failed = bool(context.get("errors") or context.get("problems"))
    context["imports"] = MarketDataset.objects.select_related("imported_by").prefetch_related(
        "events__by"
    )
    return render(request, "market/import.html", context, status=400 if failed else 200)


def _withdraw_or_restore(request: HttpRequest) -> HttpResponse:
    """Take an import out of the data in force, or put it back (when the figures still work)."""
    withdraw = request.POST.get("action") == "withdraw"
    try:
        dataset_id = int(request.POST.get("dataset", ""))
        dataset_withdraw(dataset_id, withdrawn=withdraw, by=request.user)
    except ValueError:
        messages.error(request, _("Choose an import."))
    except KoersError as error:
        messages.error(request, page_message(error))
    else:
        messages.success(
            request, _("The import is withdrawn.") if withdraw else _("The import is restored.")
        )
    return redirect("market_import")
