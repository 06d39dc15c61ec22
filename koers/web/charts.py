"""Plotly charts, served without a CDN. The browser gets plotly.js's basic distribution
(scatter and bar only), vendored under static/koers/vendor/ and served by WhiteNoise,
compressed and with far-future cache headers once ``collectstatic`` has run. Figures are
embedded as JSON and drawn by static/koers/charts.js, which registers a Dutch locale (month
names) and hides plotly's mode bar. Plotly injects a few inline style rules, so pages with
charts allow inline styles (not scripts) in their CSP."""

from __future__ import annotations

from typing import Any, Literal

import plotly.graph_objects as go
from csp.decorators import csp_update

from koers.web.i18n import active_language

CHART_CSP = csp_update({"style-src": ["'unsafe-inline'"]})
PLOTLY_JS = "koers/vendor/plotly-basic-4.1.1.min.js"
"""The static path of plotly.js (basic distribution; see static/koers/vendor/README.md)."""
FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"
PALETTE = ["#0b4f8a", "#c2410c", "#15803d", "#7c3aed", "#b91c1c", "#0e7490", "#a16207"]
SEPARATORS = {"nl": ",.", "en": ".,"}
"""Plotly's ``separators``: the decimal mark, then the thousands mark (nl-BE: 1.234,5)."""

AxisKind = Literal["year", "month", "number", "category"]


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
    figure: go.Figure,
    *,
    title: str,
    y_title: str = "",
    x_title: str = "",
    x_kind: AxisKind | None = None,
    y_kind: AxisKind | None = "number",
) -> str:
    """The figure as JSON in Koers' style, with numbers and dates in the active language."""
    figure.update_layout(
        title={"text": title, "x": 0, "font": {"size": 16}},
        font={"family": FONT, "size": 13},
        colorway=PALETTE,
        margin={"l": 60, "r": 20, "t": 50, "b": 50},
        legend={"orientation": "h", "y": -0.2},
        plot_bgcolor="#ffffff",
        separators=SEPARATORS.get(active_language(), ",."),
        yaxis=_axis(y_kind, y_title),
        xaxis=_axis(x_kind, x_title),
        height=420,
    )
    json: str = figure.to_json()
    return json


def lines(
    series: dict[str, tuple[list[Any], list[float]]], *, dash: dict[str, str] | None = None
) -> go.Figure:
    figure = go.Figure()
    for name, (x, y) in series.items():
        line = {"dash": (dash or {}).get(name, "solid")}
        figure.add_trace(go.Scatter(x=x, y=y, mode="lines+markers", name=name, line=line))
    return figure


def band(
    figure: go.Figure, x: list[Any], lower: list[float], upper: list[float], *, name: str
) -> go.Figure:
    """Add a shaded band between ``lower`` and ``upper`` (e.g. a prediction interval): the
    lower edge as an invisible line, the upper one filled down to it (``fill="tonexty"``)."""
    edge = {"width": 0, "color": "rgba(11, 79, 138, 0)"}
    figure.add_trace(go.Scatter(x=x, y=lower, mode="lines", line=edge, name=name, showlegend=False))
    figure.add_trace(
        go.Scatter(
            x=x,
            y=upper,
            mode="lines",
            line=edge,
            fill="tonexty",
            fillcolor="rgba(11, 79, 138, 0.15)",
            name=name,
        )
    )
    return figure


def bars(labels: list[str], values: list[float], *, colors: list[str] | None = None) -> go.Figure:
    return go.Figure(
        go.Bar(x=values, y=labels, orientation="h", marker={"color": colors or PALETTE[0]})
    )
