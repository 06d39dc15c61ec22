"""Pages of issue 14: the analysts' policy monitoring (KPIs against their targets, real
indicators beside synthetic platform figures, charts, CSV), an employer's candidates for a
vacancy (among citizens who gave consent) and a citizen's vacancies (synthetic).

Thin: the figures come from :mod:`koers.monitoring` and :mod:`koers.batch.personal` through
:mod:`koers.web.monitoring.services`; these views pick the options, draw and render.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.errors import KoersError
from koers.monitoring import KpiRow, Target
from koers.monitoring.kpis import (
    BOTTLENECKS,
    DEMAND_DRIVEN,
    GUIDANCE,
    MATTHEW,
    REAL,
    SYNTHETIC,
    TRAINING,
)
from koers.population.synthetic import REGIONS
from koers.taxonomy import get_searcher, get_taxonomy
from koers.taxonomy.model import OCCUPATION_PREFIX, SKILL_PREFIX, Skill, concept_id
from koers.taxonomy.search import SearchQueryError
from koers.web import charts
from koers.web.access import access_required, can_monitor_policy, is_citizen, is_employer
from koers.web.downloads import csv_response, wants_csv
from koers.web.errors import page_message
from koers.web.i18n import active_language
from koers.web.monitoring import services

REAL_COLOUR = "#15803d"
SYNTHETIC_COLOUR = "#a16207"
TARGET_COLOUR = "#b91c1c"
MAX_SKILLS = 60
LEVELS = ("low", "mid", "high")
LEVEL_NAMES = {
    "low": gettext_lazy("low educated"),
    "mid": gettext_lazy("medium educated"),
    "high": gettext_lazy("high educated"),
}
REGION_NAMES = {
    "Flanders": gettext_lazy("Flanders"),
    "Wallonia": gettext_lazy("Wallonia"),
    "Brussels": gettext_lazy("Brussels"),
}
LANGUAGE_NAMES = {
    "nl": gettext_lazy("Dutch"),
    "fr": gettext_lazy("French"),
    "de": gettext_lazy("German"),
    "en": gettext_lazy("English"),
}
FIT_NAMES = {
    "strong": gettext_lazy("good match"),
    "partial": gettext_lazy("partial match"),
    "weak": gettext_lazy("distant match"),
}
INDICATOR_NAMES = {
    "training_participation_last_12_months": gettext_lazy(
        "Took part in training in the last 12 months"
    ),
    "career_guidance_users_high_educated": gettext_lazy(
        "Share of career-guidance users who are high educated"
    ),
    "career_guidance_users_mid_educated": gettext_lazy(
        "Share of career-guidance users who are medium educated"
    ),
    "career_guidance_users_low_educated": gettext_lazy(
        "Share of career-guidance users who are low educated"
    ),
    "career_guidance_use_rate_high_educated": gettext_lazy(
        "Used career guidance in the last 12 months (high educated)"
    ),
    "career_guidance_use_rate_mid_educated": gettext_lazy(
        "Used career guidance in the last 12 months (medium educated)"
    ),
    "career_guidance_use_rate_low_educated": gettext_lazy(
        "Used career guidance in the last 12 months (low educated)"
    ),
    MATTHEW: gettext_lazy("Matthew effect: use by the high educated ÷ use by the low educated"),
    "career_guidance_users_share_of_working_population": gettext_lazy(
        "Career-guidance users as a share of the working population"
    ),
    "demand_driven_share_of_learning_spend": gettext_lazy(
        "Demand-driven share of learning spending"
    ),
    "demand_driven_share_of_public_lll_budget": gettext_lazy(
        "Demand-driven share of the public lifelong-learning budget"
    ),
    "bottleneck_occupations": gettext_lazy("Bottleneck occupations (tension ratio below 1)"),
    "bottleneck_occupations_vdab_list": gettext_lazy("Occupations on VDAB's bottleneck list"),
    "adult_training_participation_last_12_months": gettext_lazy(
        "Adults in training in the last 12 months"
    ),
    "employment_rate_20_64": gettext_lazy("Employment rate 20–64"),
    "additional_people_in_work": gettext_lazy("Additional people in work"),
}
KPI_NAMES = {
    TRAINING: gettext_lazy("Participation in training"),
    GUIDANCE: gettext_lazy("Career guidance by education level"),
    DEMAND_DRIVEN: gettext_lazy("Demand-driven learning budgets"),
    BOTTLENECKS: gettext_lazy("Bottleneck occupations"),
}
POPULATION_NAMES = {
    "adults 25-64": gettext_lazy("adults 25–64"),
    "adults 25-64, low educated": gettext_lazy("adults 25–64, low educated"),
    "adults 25-64, mid educated": gettext_lazy("adults 25–64, medium educated"),
    "adults 25-64, high educated": gettext_lazy("adults 25–64, high educated"),
    "career guidance users 25-64": gettext_lazy("career-guidance users 25–64"),
    "learning budgets": gettext_lazy("learning budgets"),
    "occupations with a tension ratio below 1": gettext_lazy("occupations"),
    "occupations on VDAB's list of bottleneck occupations": gettext_lazy("occupations"),
    "Flanders": gettext_lazy("Flanders"),
    "Flanders 25-64": gettext_lazy("Flanders, 25–64"),
    "Flanders employees 25-64": gettext_lazy("Flanders, employees 25–64"),
}
SOURCE_NAMES = {
    "Labour Force Survey (EAK)": gettext_lazy("Labour Force Survey (EAK)"),
    "Federgon white paper": gettext_lazy("Federgon white paper"),
    "loopbaanbegeleiding monitoring": gettext_lazy(
        "monitoring of career guidance (loopbaanbegeleiding)"
    ),
    "Koers learning-account ledger": gettext_lazy("Koers learning-account ledger"),
    "EU Porto / European Skills Agenda target cited in the labour-market experts' advice": (
        gettext_lazy(
            "EU Porto target / European Skills Agenda, in the labour-market experts' advice"
        )
    ),
}


def _name(names: dict[str, Any], key: str) -> str:
    return str(names.get(key, key))  # a lazy translation becomes text here


def _source(source: str) -> str:
    if source.startswith("Koers synthetic population"):
        population = services.platform_population()
        text: str = _("Koers synthetic population (seed %(seed)s, %(people)s people)") % {
            "seed": population.seed,
            "people": f"{population.citizens.num_rows:,}".replace(
                ",", "." if active_language() == "nl" else ","
            ),
        }
        return text
    return _name(SOURCE_NAMES, source)


def _row(row: KpiRow) -> dict[str, Any]:
    return {
        "row": row,
        "name": _name(INDICATOR_NAMES, row.indicator),
        "population": _name(POPULATION_NAMES, row.population),
        "source": _source(row.source),
        "real": row.provenance == REAL,
        "percent": row.unit == "percent",
    }


def _bars(
    items: list[tuple[str, float | None, bool]], *, target: float | None, target_name: str
) -> charts.Figure:
    """Horizontal bars (label, value, real?) with the target as a dashed line."""
    shown = [(label, value, real) for label, value, real in items if value is not None][::-1]
    labels = [label for label, _, _ in shown]
    chart = charts.figure(
        {
            "type": "bar",
            "x": [value for _, value, _ in shown],
            "y": labels,
            "orientation": "h",
            "marker": {
                "color": [REAL_COLOUR if real else SYNTHETIC_COLOUR for _, _, real in shown]
            },
            "name": _("value"),
            "showlegend": False,
        },
        yaxis={"automargin": True},
    )
    if target is not None and labels:
        chart["data"].append(
            {
                "type": "scatter",
                "x": [target, target],
                "y": [labels[0], labels[-1]],
                "mode": "lines",
                "line": {"dash": "dash", "color": TARGET_COLOUR, "width": 2},
                "name": target_name,
            }
        )
    return chart


def _label(text: str, real: bool, *, wrap: bool = False) -> str:
    provenance = _("real") if real else _("synthetic")
    return f"{text}<br>({provenance})" if wrap else f"{text} ({provenance})"


def _platform_label(row: KpiRow) -> str:
    if row.provenance == SYNTHETIC:
        return _label(_("Koers platform"), False, wrap=True)
    return f"{_('Koers platform')}<br>({_('platform data')})"


SHORT_NAMES = {
    "adults 25-64": gettext_lazy("all adults"),
    "adults 25-64, low educated": gettext_lazy("low educated"),
    "adults 25-64, mid educated": gettext_lazy("medium educated"),
    "adults 25-64, high educated": gettext_lazy("high educated"),
    "Flanders 25-64": gettext_lazy("Flanders"),
    "Flanders employees 25-64": gettext_lazy("employees"),
}
SHORT_LEVELS = {
    "low": gettext_lazy("low"),
    "mid": gettext_lazy("medium"),
    "high": gettext_lazy("high"),
}


def _coloured(chart: charts.Figure, colours: list[str]) -> charts.Figure:
    for trace, colour in zip(chart["data"], colours, strict=False):
        trace["line"] = {**trace.get("line", {}), "color": colour}
        trace["marker"] = {**trace.get("marker", {}), "color": colour}
    return chart


def _kpi(rows: tuple[KpiRow, ...], kpi: str) -> list[KpiRow]:
    return [r for r in rows if r.kpi == kpi]


def _target(targets: tuple[Target, ...], name: str) -> Target | None:
    return next((t for t in targets if t.target == name), None)


def _charts(figures: services.PolicyFigures) -> list[dict[str, str]]:
    report = figures.report
    platform, real = report.platform, report.real
    found = []
    training = _target(report.targets, "adult_training_participation_last_12_months")
    items = [
        (_label(_name(SHORT_NAMES, r.population), False, wrap=True), r.value, False)
        for r in _kpi(platform, TRAINING)
    ] + [
        (_label(f"{_name(SHORT_NAMES, r.population)} {r.period}", True, wrap=True), r.value, True)
        for r in _kpi(real, TRAINING)
    ]
    target_name = (
        _("target %(year)s: %(value)s %%") % {"year": training.year, "value": f"{training.value:g}"}
        if training
        else ""
    )
    found.append(
        {
            "id": "chart-training",
            "title": _("Participation in training in the last 12 months, in percent"),
            "json": charts.figure_json(
                _bars(items, target=training.value if training else None, target_name=target_name),
                title=_("Training in the last 12 months (%)"),
                x_kind="number",
                y_kind="category",
            ),
        }
    )
    guidance = charts.figure(barmode="group")
    levels = [str(SHORT_LEVELS[level]) for level in LEVELS]
    for rows, is_real, colour in (
        (_kpi(platform, GUIDANCE), False, SYNTHETIC_COLOUR),
        (_kpi(real, GUIDANCE), True, REAL_COLOUR),
    ):
        by_indicator = {r.indicator: r.value for r in rows}
        values = [by_indicator.get(f"career_guidance_users_{level}_educated") for level in LEVELS]
        if any(v is not None for v in values):
            period = next((r.period for r in rows), "")
            guidance["data"].append(
                {
                    "type": "bar",
                    "x": levels,
                    "y": values,
                    "name": _label(_("Koers platform") if not is_real else period, is_real),
                    "hovertemplate": "%{y:.1f} %<extra>%{fullData.name}</extra>",
                    "marker": {"color": colour},
                }
            )
    found.append(
        {
            "id": "chart-guidance",
            "title": _("Who uses career guidance: share of the users per education level"),
            "json": charts.figure_json(
                guidance,
                title=_("Career-guidance users (%)"),
                x_title=_("education level"),
                x_kind="category",
            ),
        }
    )
    demand = _target(report.targets, "demand_driven_share_of_public_lll_budget")
    items = [(_platform_label(r), r.value, False) for r in _kpi(platform, DEMAND_DRIVEN)] + [
        (_label(r.period, True, wrap=True), r.value, True) for r in _kpi(real, DEMAND_DRIVEN)
    ]
    found.append(
        {
            "id": "chart-demand",
            "title": _("Demand-driven share of learning budgets, in percent"),
            "json": charts.figure_json(
                _bars(
                    items,
                    target=demand.value if demand else None,
                    target_name=_("target: %(value)s %%")
                    % {"value": f"{demand.value:g}" if demand else ""},
                ),
                title=_("Demand-driven spending (%)"),
                x_kind="number",
                y_kind="category",
            ),
        }
    )
    trend: dict[str, tuple[list[Any], list[float]]] = {}
    for rows, is_real in ((_kpi(platform, BOTTLENECKS), False), (_kpi(real, BOTTLENECKS), True)):
        points = [(r.period, r.value) for r in rows if r.indicator == "bottleneck_occupations"]
        if points:
            name = _label(_("bottleneck occupations"), is_real)
            trend[name] = ([f"{p}-01" for p, _ in points], [v or 0.0 for _, v in points])
    if trend:
        found.append(
            {
                "id": "chart-bottlenecks",
                "title": _("Bottleneck occupations per period"),
                "json": charts.figure_json(
                    _coloured(charts.lines(trend), [SYNTHETIC_COLOUR, REAL_COLOUR]),
                    title=_("Bottleneck occupations per period"),
                    y_title=_("occupations"),
                    x_kind="month",
                ),
            }
        )
    found[0]["id"] = "chart-data"  # market/base.html loads plotly and embeds this one
    return found


def _target_row(target: Target) -> dict[str, Any]:
    return {
        "target": target,
        "name": _name(INDICATOR_NAMES, target.target),
        "population": _name(POPULATION_NAMES, target.population),
        "source": _source(target.source),
        "percent": target.unit == "percent",
    }


def _description(row: KpiRow | Target) -> str:
    return _name(INDICATOR_NAMES, row.indicator if isinstance(row, KpiRow) else row.target)


@charts.CHART_CSP
@access_required(can_monitor_policy)
def policy(request: HttpRequest) -> HttpResponse:
    """KPIs of the platform (synthetic) against the targets, beside the real indicators."""
    figures = services.policy_figures()
    report = figures.report
    if wants_csv(request):
        table = request.GET.get("table", "platform")
        if table == "targets":
            return csv_response(
                "beleidsdoelen" if active_language() == "nl" else "policy-targets",
                Target,
                report.targets,
                extra={"description": _description},
            )
        rows = report.real if table == "real" else report.platform
        name = {"real": ("echte-indicatoren", "real-indicators")}.get(
            table, ("platformcijfers-synthetisch", "platform-figures-synthetic")
        )
        return csv_response(
            name[0] if active_language() == "nl" else name[1],
            KpiRow,
            rows,
            extra={"description": _description},
        )
    found = _charts(figures)
    sections = [
        {
            "kpi": kpi,
            "name": KPI_NAMES[kpi],
            "platform": [_row(r) for r in _kpi(report.platform, kpi)],
            "synthetic": all(r.provenance == SYNTHETIC for r in _kpi(report.platform, kpi)),
            "real": [_row(r) for r in _kpi(report.real, kpi)],
        }
        for kpi in (TRAINING, GUIDANCE, DEMAND_DRIVEN, BOTTLENECKS)
    ]
    headline: dict[str, Any] = {
        "training": next((r for r in _kpi(report.platform, TRAINING)), None),
        "matthew": next((r for r in report.platform if r.indicator == MATTHEW), None),
        "demand": next((r for r in _kpi(report.platform, DEMAND_DRIVEN)), None),
    }
    return render(
        request,
        "monitoring/policy.html",
        {
            "section": "monitoring",
            "sections": sections,
            "headline": headline,
            "platform": [_row(r) for r in report.platform],
            "real": [_row(r) for r in report.real],
            "targets": [_target_row(t) for t in report.targets],
            "charts": found,
            "chart": found[0]["json"] if found else "",
            "period": figures.period,
            "population": figures.population,
            "population_source": _source(figures.population.source),
            "ledger": figures.ledger,
        },
    )


def _search(kind: str, query: str) -> tuple[list[object], str]:
    if not query:
        return [], ""
    try:
        return list(get_searcher().index(kind).search(query, lang=active_language(), limit=8)), ""
    except SearchQueryError as error:
        return [], page_message(error)


def _skills(uris: tuple[str, ...] | list[str]) -> list[Skill]:
    taxonomy = get_taxonomy()
    return [s for s in (taxonomy.find_skill(u) for u in uris) if s is not None]


def _region(request: HttpRequest) -> str | None:
    region = request.GET.get("region", "")
    return region if region in REGIONS else None


@access_required(is_employer)
def candidates(request: HttpRequest) -> HttpResponse:
    """Pick the skills a vacancy requires (by search, or an occupation's essential skills) and
    see the best candidates among the citizens who gave this employer access."""
    taxonomy = get_taxonomy()
    chosen_id = request.GET.get("from", "")
    if chosen_id:  # an occupation's essential skills become the picked skills, to edit
        occupation = taxonomy.find_occupation(OCCUPATION_PREFIX + chosen_id)
        params = request.GET.copy()
        params.pop("from")
        if occupation is not None:
            skills = params.getlist("skill")
            essential = [concept_id(s.uri) for s in taxonomy.skills_of(occupation.uri).essential]
            params.setlist("skill", list(dict.fromkeys([*skills, *essential]))[:MAX_SKILLS])
            params["occupation"] = chosen_id
        return redirect(f"{request.path}?{params.urlencode()}")
    picked: dict[str, Skill] = {}
    for picked_id in request.GET.getlist("skill")[:MAX_SKILLS]:
        skill = taxonomy.find_skill(SKILL_PREFIX + picked_id)
        if skill is not None:
            picked[skill.uri] = skill
    occupation_id = request.GET.get("occupation", "")
    occupation = (
        taxonomy.find_occupation(OCCUPATION_PREFIX + occupation_id) if occupation_id else None
    )
    skill_query = request.GET.get("sq", "").strip()
    occupation_query = request.GET.get("oq", "").strip()
    skill_hits, skill_error = _search("skill", skill_query)
    occupation_hits, occupation_error = _search("occupation", occupation_query)
    region = _region(request)
    context: dict[str, Any] = {
        "picked": list(picked.values()),
        "picked_ids": [concept_id(u) for u in picked],
        "occupation": occupation,
        "skill_query": skill_query,
        "skill_hits": skill_hits,
        "skill_error": skill_error,
        "occupation_query": occupation_query,
        "occupation_hits": occupation_hits,
        "occupation_error": occupation_error,
        "region": region,
        "region_name": REGION_NAMES.get(region or "", ""),
        "regions": [(r, REGION_NAMES[r]) for r in REGIONS],
        "granted": services.granted_count(request.user),
    }
    if request.GET.get("run") == "1" and picked:
        try:
            found, read = services.candidates(request.user, list(picked), top=10)
        except KoersError as error:
            context["error"] = page_message(error)
        else:
            context["read"] = read
            context["results"] = [
                {
                    "citizen": c.citizen,
                    "fit": c.fit,
                    "fit_name": FIT_NAMES[c.fit.fit],
                    "matched": _skills(c.fit.matched_skills),
                    "missing": _skills(c.fit.missing_skills),
                }
                for c in found
            ]
    return render(request, "monitoring/candidates.html", context)


@access_required(is_citizen)
def my_vacancies(request: HttpRequest) -> HttpResponse:
    """Synthetic vacancies that fit the citizen's portfolio, with matched and missing skills."""
    taxonomy = get_taxonomy()
    region = _region(request)
    found = services.my_vacancies(request.user, top=10, region=region)
    results = []
    for fit in found:
        results.append(
            {
                "fit": fit,
                "fit_name": FIT_NAMES[fit.fit],
                "occupation": taxonomy.find_occupation(fit.occupation_uri),
                "region_name": REGION_NAMES.get(fit.region, fit.region),
                "language_name": LANGUAGE_NAMES.get(fit.language, fit.language),
                "posted": date.fromisoformat(fit.posted_on) if fit.posted_on else None,
                "matched": _skills(fit.matched_skills),
                "missing": _skills(fit.missing_skills),
            }
        )
    return render(
        request,
        "monitoring/my_vacancies.html",
        {
            "results": results,
            "region": region,
            "regions": [(r, REGION_NAMES[r]) for r in REGIONS],
            "population": services.platform_population(),
            "has_skills": services.has_skills(request.user),
        },
    )
