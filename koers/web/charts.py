"""Plotly charts, served without a CDN. The browser gets plotly.js's basic distribution
(scatter and bar only), vendored under static/koers/vendor/ and served by WhiteNoise,
compressed and with far-future cache headers once ``collectstatic`` has run. Figures are
embedded as JSON and drawn by static/koers/charts.js, which registers a Dutch locale (month
names) and hides plotly's mode bar. Plotly injects a few inline style rules, so pages with
charts allow inline styles (not scripts) in their CSP.

Figures are plain dicts (``{"data": [trace, ...], "layout": {...}}``) in plotly.js's own
schema: plotly.py's graph objects validate every attribute as it is set, which cost a market
page two thirds of its time."""

from __future__ import annotations

from typing import Any, Literal

from csp.decorators import csp_update
from plotly.io.json import to_json_plotly

from koers.web.i18n import active_language

CHART_CSP = csp_update({"style-src": ["'unsafe-inline'"]})
PLOTLY_JS = "koers/vendor/plotly-basic-4.1.1.min.js"
"""The static path of plotly.js (basic distribution; see static/koers/vendor/README.md)."""
FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"
PALETTE = ["#0b4f8a", "#c2410c", "#15803d", "#7c3aed", "#b91c1c", "#0e7490", "#a16207"]
SEPARATORS = {"nl": ",.", "en": ".,"}
"""Plotly's ``separators``: the decimal mark, then the thousands mark (nl-BE: 1.234,5)."""

AxisKind = Literal["year", "month", "number", "category"]
Figure = dict[str, Any]


def figure(*traces: dict[str, Any], **layout: Any) -> Figure:
    return {"data": list(traces), "layout": layout}


def _merged(base: dict[str, Any], update: dict[str, Any]) -> dict[str, Any]:
    """``base`` with ``update`` laid over it, nested dicts merged (as plotly's
    ``update_layout``)."""
    result = dict(base)
    for key, value in update.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = _merged(result[key], value)
        else:
            result[key] = value
    return result


def _axis(kind: AxisKind | None, title: str) -> dict[str, Any]:
    axis: dict[str, Any] = {"title": title, "gridcolor": "#e5e7eb"}
    if kind == "year":
        axis.update(tickformat="d", dtick=1, type="linear")
    elif kind == "month":
        axis.update(type="date", tickformat="%b %Y", hoverformat="%b %Y")
    elif kind == "number":
        axis.update(tickformat=",~r", hoverformat=",~r")
    elif kind == "category":
        axis.update(type="category")
    return axis


def figure_json(
    chart: Figure,
    *,
    title: str,
    y_title: str = "",
    x_title: str = "",
    x_kind: AxisKind | None = None,
    y_kind: AxisKind | None = "number",
) -> str:
    """The figure as JSON in Koers' style, with numbers and dates in the active language."""
    style = {
        "title": {"text": title, "x": 0, "font": {"size": 16}},
        "font": {"family": FONT, "size": 13},
        "colorway": PALETTE,
        "margin": {"l": 60, "r": 20, "t": 50, "b": 50},
        "legend": {"orientation": "h", "y": -0.2},
        "plot_bgcolor": "#ffffff",
        "separators": SEPARATORS.get(active_language(), ",."),
        "yaxis": _axis(y_kind, y_title),
        "xaxis": _axis(x_kind, x_title),
        "height": 420,
    }
    json: str = to_json_plotly({"data": chart["data"], "layout": _merged(chart["layout"], style)})
    return json


def lines(
    series: dict[str, tuple[list[Any], list[float]]], *, dash: dict[str, str] | None = None
) -> Figure:
    return figure(
        *(
            {
                "type": "scatter",
                "x": x,
                "y": y,
                "mode": "lines+markers",
                "name": name,
                "line": {"dash": (dash or {}).get(name, "solid")},
            }
            for name, (x, y) in series.items()
        )
    )


def band(
    chart: Figure, x: list[Any], lower: list[float], upper: list[float], *, name: str
) -> Figure:
    """Add a shaded band between ``lower`` and ``upper`` (e.g. a prediction interval): the
    lower edge as an invisible line, the upper one filled down to it (``fill="tonexty"``)."""
    edge = {"width": 0, "color": "rgba(11, 79, 138, 0)"}
    edges = {"type": "scatter", "x": x, "mode": "lines", "line": edge, "name": name}
    chart["data"] += [
        {**edges, "y": lower, "showlegend": False},
        {**edges, "y": upper, "fill": "tonexty", "fillcolor": "rgba(11, 79, 138, 0.15)"},
    ]
    return chart


def bars(labels: list[str], values: list[float], *, colors: list[str] | None = None) -> Figure:
    return figure(
        {
            "type": "bar",
            "x": values,
            "y": labels,
            "orientation": "h",
            "marker": {"color": colors or PALETTE[0]},
        }
    )
