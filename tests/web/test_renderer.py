"""The API's JSON never holds NaN or Infinity, whatever the domain returns."""

from __future__ import annotations

import json
import math

from django.test import RequestFactory

from koers.web.api import StrictJSONRenderer


def render(data):
    request = RequestFactory().get("/api/")
    return json.loads(StrictJSONRenderer().render(request, data, response_status=200))


def test_finite_data_is_rendered_as_is():
    data = {"a": [1.5, 2, "x"], "b": {"c": None, "d": (0.25,)}}
    assert render(data) == {"a": [1.5, 2, "x"], "b": {"c": None, "d": [0.25]}}


def test_nan_and_infinity_become_null_wherever_they_are():
    data = {"a": [1.0, math.nan], "b": {"c": math.inf, "d": [-math.inf, {"e": 2.0}]}}
    assert render(data) == {"a": [1.0, None], "b": {"c": None, "d": [None, {"e": 2.0}]}}
