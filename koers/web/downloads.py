"""CSV downloads of result rows: the header is the row type's fields (one shape, see koers.rows).

A download offered on a Dutch page speaks Dutch: its header uses the Dutch column names below
and yes/no cells read ``ja``/``nee``. Numbers stay machine-readable (a point as decimal mark),
so the file opens the same in every spreadsheet and script. The English page keeps the field
names of the API.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from typing import Any

from django.http import HttpRequest, HttpResponse

from koers.rows import row_columns, row_values
from koers.web.i18n import active_language

DUTCH_COLUMNS = {
    "occupation_nl": "beroep",
    "esco_uri": "esco_uri",
    "esco_label": "esco_beroep",
    "period": "periode",
    "job_seekers": "werkzoekenden",
    "vacancies": "vacatures",
    "tension_ratio": "spanningsratio",
    "source": "bron",
    "synthetic": "synthetisch",
    "isco_code": "isco_code",
    "occupation_uri": "esco_uri_beroepengroep",
    "occupation_group": "beroepengroep",
    "year": "jaar",
    "scenario": "scenario",
    "expansion_demand": "uitbreidingsvraag",
    "replacement_demand": "vervangingsvraag",
    "total_demand": "totale_vraag",
    "new_supply": "nieuw_aanbod",
    "gap": "tekort",
    "employment": "werkgelegenheid",
    "adjustments": "bijsturingen",
    "skill_uri": "esco_uri_competentie",
    "label": "competentie",
    "growth": "groei",
    "demand_start": "vraag_begin",
    "demand_end": "vraag_einde",
    "digital": "digitaal",
    "green": "groen",
    "transversal": "transversaal",
    "series": "reeks",
    "method": "methode",
    "train_years": "trainingsjaren",
    "test_years": "testjaren",
    "actual": "werkelijk",
    "forecast": "voorspelling",
    "naive": "naief",
    "lower": "ondergrens",
    "upper": "bovengrens",
    "mape": "mape",
    "naive_mape": "mape_naief",
    "mase": "mase",
    "naive_mase": "mase_naief",
    "beats_naive": "beter_dan_naief",
    "interval_scale": "intervalschaal",
    "vdab_domain": "vdab_domein",
    "medium_skilled_decree": "middengeschoold_decreet_2025",
    "region": "gewest",
    "nace_section": "nace_sectie",
    "entrepreneurs": "ondernemers",
    "kpi": "kpi",
    "indicator": "indicator",
    "population": "populatie",
    "value": "waarde",
    "unit": "eenheid",
    "provenance": "herkomst",
    "target": "doel",
    "target_year": "doeljaar",
    "description": "omschrijving",
}
"""Dutch CSV column names per field name; a field not listed keeps its own name."""


def wants_csv(request: HttpRequest) -> bool:
    return request.GET.get("format") == "csv"


def _dutch_cell(value: Any) -> Any:
    if value is True:
        return "ja"
    if value is False:
        return "nee"
    return value


def csv_response(
    name: str,
    row_type: type[Any],
    rows: Iterable[Any],
    *,
    extra: dict[str, Callable[[Any], Any]] | None = None,
) -> HttpResponse:
    """A CSV attachment of ``rows`` (instances of ``row_type``), with ``extra`` columns
    (name → value of a row) after the row's own; in Dutch when the page is Dutch."""
    extra = extra or {}
    dutch = active_language() == "nl"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    response["Content-Language"] = "nl" if dutch else "en"
    writer = csv.writer(response)
    header = [*row_columns(row_type), *extra]
    writer.writerow([DUTCH_COLUMNS.get(c, c) for c in header] if dutch else header)
    for row in rows:
        values = [*row_values(row), *(value(row) for value in extra.values())]
        writer.writerow([_dutch_cell(v) for v in values] if dutch else values)
    return response
