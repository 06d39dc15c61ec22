"""Imports cannot break the site: implausible values and files that do not fit the data in
force are refused whole, imports can be withdrawn and restored, and data that cannot make a
forecast degrade pages to a message, never a 500 or NaN in JSON."""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from koers.market.formats import ImportValidationError
from koers.market.in_force import (
    ImportBreaksForecast,
    UnknownImport,
    dataset_import,
    dataset_withdraw,
    market_data_in_force,
)
from koers.market.sources import synthetic_datasets
from koers.web.market.models import DatasetEvent, MarketDataset

pytestmark = [pytest.mark.db, pytest.mark.django_db]
NURSE_ASSISTANT = "http://data.europa.eu/esco/occupation/87d0795a-d41f-47ee-979f-0ab7d73836e7"


def _csv(path: Path, rows: list[dict[str, object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def _problems(kind: str, path: Path) -> list[tuple[int, str, str]]:
    with pytest.raises(ImportValidationError) as raised:
        dataset_import(kind=kind, path=path)
    assert not MarketDataset.objects.exists()
    return [(e.row, e.field, e.problem.code) for e in raised.value.errors]


def _vacancies(**overrides: object) -> dict[str, object]:
    return {"occupation": "Verpleeghulp", "period": "2026-01", "vacancies": 10, **overrides}


@pytest.mark.parametrize(
    ("row", "field", "code"),
    [
        (_vacancies(vacancies="1e300"), "vacancies", "import.above_maximum"),
        (_vacancies(vacancies="99999999999999999999999"), "vacancies", "import.above_maximum"),
        (
            _vacancies(esco_uri="javascript:alert(1)"),
            "esco_uri",
            "import.not_an_esco_occupation_uri",
        ),
        (_vacancies(source="x" * 600), "source", "import.too_long"),
        (
            _vacancies(esco_uri="http://data.europa.eu/esco/occupation/" + "0" * 36),
            "esco_uri",
            "import.unknown_esco_occupation",
        ),
    ],
)
def test_implausible_values_are_refused_naming_row_and_field(tmp_path, row, field, code):
    path = _csv(tmp_path / "vacatures.csv", [row])
    assert _problems("vacancies", path) == [(1, field, code)]


def test_binary_parquet_values_and_unclosed_quotes_are_refused(tmp_path):
    table = pa.table(
        {"occupation": [b"\xff\xfe"], "period": ["2026-01"], "vacancies": [3]},
    )
    pq.write_table(table, tmp_path / "v.parquet")
    assert _problems("vacancies", tmp_path / "v.parquet") == [(1, "occupation", "import.not_text")]
    broken = tmp_path / "broken.csv"
    broken.write_text('occupation,period,vacancies\n"Kok,2026-01,3\n', encoding="utf-8")
    problems = _problems("vacancies", broken)
    assert problems == [(0, "*", "import.unreadable")]


def test_a_file_that_breaks_the_forecast_is_refused_and_nothing_changes(tmp_path):
    employment = next(d for d in synthetic_datasets() if d.kind == "employment")
    rows = [dict(r) for r in employment.rows]
    first = rows[0]
    gappy = [r for r in rows if not (r["nace"] == first["nace"] and r["year"] == first["year"])]
    for row in gappy:
        row.pop("source", None)
    path = _csv(tmp_path / "employment.csv", gappy)
    with pytest.raises(ImportBreaksForecast) as raised:
        dataset_import(kind="employment", path=path)
    assert raised.value.code == "import.breaks_forecast" and raised.value.status == 409
    assert str(tmp_path) not in str(raised.value)
    assert not MarketDataset.objects.exists()


def test_imports_can_be_withdrawn_and_restored_with_history(tmp_path, client):
    path = _csv(tmp_path / "vacatures.csv", [_vacancies(vacancies=4321, esco_uri=NURSE_ASSISTANT)])
    dataset_import(kind="vacancies", path=path, source="test")
    imported = MarketDataset.objects.get()

    def in_force() -> bool:
        return any(d.label == "vacatures.csv" for d in market_data_in_force().datasets)

    assert in_force()
    dataset_withdraw(imported.pk)
    assert not in_force()
    dataset_withdraw(imported.pk, withdrawn=False)
    assert in_force()
    assert [e.action for e in DatasetEvent.objects.filter(dataset=imported)] == [
        "imported",
        "withdrawn",
        "restored",
    ]
    with pytest.raises(UnknownImport):
        dataset_withdraw(imported.pk + 1000)


def test_bad_data_already_in_force_degrades_pages_and_json_never_has_nan(client):
    employment = next(d for d in synthetic_datasets() if d.kind == "employment")
    rows = [dict(r) for r in employment.rows][1:]  # one sector-year missing: no forecast
    MarketDataset.objects.create(
        kind="employment", file_name="legacy.csv", source="legacy", row_count=len(rows), rows=rows
    )
    DatasetEvent.objects.create(dataset=MarketDataset.objects.get(), action="imported")
    forecast = client.get("/market/forecast/")
    assert forecast.status_code == 409
    assert "In de cijfers over werkgelegenheid ontbreken jaren" in forecast.content.decode()
    steps = client.get(f"/careers/steps/?from={NURSE_ASSISTANT.rsplit('/', 1)[1]}")
    assert steps.status_code == 200
    api = client.get("/api/matching/career-steps", {"occupation": NURSE_ASSISTANT})
    assert api.status_code == 200
    assert "NaN" not in api.content.decode()
    json.loads(api.content, parse_constant=lambda c: math.nan)
    failed = client.get("/api/market/forecast")
    assert failed.status_code == 409 and failed.json()["code"] == "forecast.employment_gaps"


def test_an_analyst_withdraws_and_restores_an_import_on_the_page(client, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from koers.web.accounts.models import User

    client.force_login(User.objects.create_user("ana", password="pw-123456789", role="analyst"))
    upload = SimpleUploadedFile(
        "vacatures.csv", b"occupation,period,vacancies\nKok,2026-01,12\n", "text/csv"
    )
    client.post("/market/import/", {"kind": "vacancies", "file": upload, "source": "test"})
    imported = MarketDataset.objects.get()
    page = client.get("/market/import/").content.decode()
    assert "vacatures.csv" in page and 'value="withdraw"' in page
    client.post("/market/import/", {"action": "withdraw", "dataset": imported.pk})
    imported.refresh_from_db()
    assert imported.withdrawn_at is not None
    assert 'value="restore"' in client.get("/market/import/").content.decode()
    client.post("/market/import/", {"action": "restore", "dataset": imported.pk})
    imported.refresh_from_db()
    assert imported.withdrawn_at is None
    assert [e.action for e in imported.events.all()] == ["imported", "withdrawn", "restored"]
