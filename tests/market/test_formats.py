"""Import formats: every problem named by file, row and field; all or nothing."""

from __future__ import annotations

import csv
import math

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given
from hypothesis import strategies as st

from koers.market.formats import (
    FORMATS,
    BelowMinimum,
    DuplicateRow,
    FileMissing,
    ImportValidationError,
    NotANumber,
    NotAPeriod,
    UnknownDatasetKind,
    formats_markdown,
    load_file,
    validate_rows,
)


def write_csv(path, rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def vacancy(**changes):
    row = {
        "occupation": "Lasser",
        "esco_uri": "",
        "period": "2026-03",
        "vacancies": "120",
        "source": "test",
    }
    row.update(changes)
    return row


def problems(error: ImportValidationError) -> list[tuple[int, str]]:
    return [(e.row, e.field) for e in error.errors]


def codes(error: ImportValidationError) -> list[str]:
    return [e.problem.code for e in error.errors]


def test_valid_csv_is_typed(tmp_path):
    rows = load_file(
        "vacancies", write_csv(tmp_path / "v.csv", [vacancy(), vacancy(occupation="Kok")])
    )
    assert rows[0]["vacancies"] == 120 and rows[0]["esco_uri"] is None


def test_every_problem_is_reported_with_row_and_field(tmp_path):
    path = write_csv(
        tmp_path / "v.csv",
        [
            vacancy(),
            vacancy(period="2026-13"),
            vacancy(vacancies="-3", occupation="Kok"),
            vacancy(vacancies="many", occupation="X"),
            vacancy(),
        ],
    )
    with pytest.raises(ImportValidationError) as error:
        load_file("vacancies", path)
    assert problems(error.value) == [
        (2, "period"),
        (3, "vacancies"),
        (4, "vacancies"),
        (5, "occupation+period"),
    ]
    assert codes(error.value) == [
        c.code for c in (NotAPeriod, BelowMinimum, NotANumber, DuplicateRow)
    ]
    assert "v.csv: row 2, field 'period': “2026-13” is not a period YYYY-MM" in str(error.value)
    assert str(error.value).startswith("4 problem(s) found; nothing was imported.")
    assert error.value.code == "import.invalid"
    assert error.value.details()[0] == {
        "file": "v.csv",
        "row": 2,
        "field": "period",
        "code": "import.not_a_period",
        "message": "“2026-13” is not a period YYYY-MM",
    }


def test_missing_and_unknown_columns(tmp_path):
    path = write_csv(tmp_path / "v.csv", [{"occupation": "Kok", "period": "2026-01", "count": 3}])
    with pytest.raises(ImportValidationError) as error:
        load_file("vacancies", path)
    assert problems(error.value) == [(0, "vacancies"), (0, "count")]


def test_shares_must_sum_to_one_per_group(tmp_path):
    rows = [
        {"nace": "F", "isco_code": "7112", "share": "0.6"},
        {"nace": "F", "isco_code": "7115", "share": "0.3"},
    ]
    with pytest.raises(ImportValidationError, match=r"shares for nace=F sum to 0\.900, not 1"):
        load_file("sector_occupation_key", write_csv(tmp_path / "key.csv", rows))


def test_choices_are_enforced():
    with pytest.raises(ImportValidationError, match="“later” is not one of ex_ante, validation"):
        validate_rows(
            FORMATS["adjustment_factors"],
            [
                {
                    "round": "later",
                    "origin": "expert_panel",
                    "scope": "sector",
                    "code": "Q",
                    "factor": "1.1",
                }
            ],
            file="adj.csv",
        )


def test_parquet_is_read_like_csv(tmp_path):
    path = tmp_path / "e.parquet"
    pq.write_table(
        pa.table({"nace": ["F", "Q"], "year": [2024, 2024], "employed": [230000, 400000]}), path
    )
    rows = load_file("employment", path)
    assert [r["employed"] for r in rows] == [230000, 400000]


def test_missing_file_and_unknown_kind(tmp_path):
    with pytest.raises(ImportValidationError) as error:
        load_file("vacancies", tmp_path / "nope.csv")
    assert codes(error.value) == [FileMissing.code]
    assert str(tmp_path) not in str(error.value), "no server paths in messages"
    with pytest.raises(UnknownDatasetKind, match="Unknown kind of data “weather”"):
        load_file("weather", tmp_path / "nope.csv")


@given(st.lists(st.integers(min_value=0, max_value=10**7), min_size=1, max_size=30))
def test_any_non_negative_counts_are_accepted(counts):
    rows = [
        {"occupation": f"o{i}", "period": "2025-12", "vacancies": str(c)}
        for i, c in enumerate(counts)
    ]
    assert [r["vacancies"] for r in validate_rows(FORMATS["vacancies"], rows, file="f")] == counts


def is_number(text: str) -> bool:
    try:
        return math.isfinite(float(text.strip()))
    except ValueError:
        return False


@given(st.text(max_size=8).filter(lambda t: t.strip() != "" and not is_number(t)))
def test_non_numbers_are_refused_with_their_row(text):
    rows = [{"occupation": "o", "period": "2025-12", "vacancies": text}]
    with pytest.raises(ImportValidationError) as error:
        validate_rows(FORMATS["vacancies"], rows, file="f")
    assert error.value.errors[0].row == 1 and error.value.errors[0].field == "vacancies"


def test_documentation_lists_every_kind():
    text = formats_markdown()
    assert all(f"## `{kind}`" in text for kind in FORMATS)


VALID_CSV = b"occupation,period,vacancies\nKok,2026-01,12\nVerpleeghulp,2026-01,7\n"


@given(
    st.one_of(
        st.binary(max_size=300),
        st.integers(min_value=0, max_value=len(VALID_CSV)).map(lambda n: VALID_CSV[:n]),
        st.sampled_from(["utf-16", "latin-1", "cp1252"]).map(
            lambda codec: "occupation,period,vacancies\nKéfir-maker,2026-01,3\n".encode(codec)
        ),
        st.binary(min_size=1, max_size=40).map(lambda noise: VALID_CSV + noise),
    ),
    st.sampled_from([".csv", ".parquet"]),
)
def test_any_bytes_are_imported_or_refused_naming_the_file(tmp_path_factory, content, suffix):
    """Malformed, truncated, wrongly encoded or noisy files: rows, or an import error that
    names the file (never a crash, never the server's folder)."""
    path = tmp_path_factory.mktemp("upload") / f"vacatures{suffix}"
    path.write_bytes(content)
    try:
        rows = load_file("vacancies", path)
    except ImportValidationError as error:
        assert all(e.file == path.name for e in error.errors)
        assert str(path.parent) not in str(error)
    else:
        assert all(isinstance(r["vacancies"], int) for r in rows)
