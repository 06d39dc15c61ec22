"""Plotly charts, served without a CDN: plotly.js comes from the plotly wheel, figures are
embedded as JSON and drawn by static/koers/charts.js. Plotly injects a few inline style rules,
so pages with charts allow inline styles (not scripts) in their CSP."""

from __future__ import annotations

import hashlib
from functools import cache
from typing import Any

import plotly.graph_objects as go
from csp.decorators import csp_update
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified

CHART_CSP = csp_update({"style-src": ["'unsafe-inline'"]})
FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"
PALETTE = ["#0b4f8a", "#c2410c", "#15803d", "#7c3aed", "#b91c1c", "#0e7490", "#a16207"]


@cache
def _plotly_js() -> tuple[bytes, str]:
    from plotly.offline import get_plotlyjs

    body = get_plotlyjs().encode("utf-8")
    return body, hashlib.sha256(body).hexdigest()[:16]


def plotly_js(request: HttpRequest) -> HttpResponse:
    body, etag = _plotly_js()
    if request.headers.get("If-None-Match") == f'"{etag}"':
        return HttpResponseNotModified()
    response = HttpResponse(body, content_type="application/javascript; charset=utf-8")
    response["ETag"] = f'"{etag}"'
    response["Cache-Control"] = "public, max-age=86400"
    return response


def figure_json(figure: go.Figure, *, title: str, y_title: str = "", x_title: str = "") -> str:
    figure.update_layout(
        title={"text": title, "x": 0, "font": {"size": 16}},
        font={"family": FONT, "size": 13},
        colorway=PALETTE,
        margin={"l": 60, "r": 20, "t": 50, "b": 50},
        legend={"orientation": "h", "y": -0.2},
        plot_bgcolor="#ffffff",
        yaxis={"title": y_title, "gridcolor": "#e5e7eb"},
        xaxis={"title": x_title, "gridcolor": "#e5e7eb"},
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
