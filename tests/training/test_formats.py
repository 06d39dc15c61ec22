"""The catalogue import format: CSV and JSON, validated whole, every problem named."""

from __future__ import annotations

import json

import pytest

from koers.market.formats import ImportValidationError
from koers.training.formats import (
    catalogue_to_json,
    courses_from_rows,
    format_markdown,
    read_catalogue,
)
from koers.training.model import Level, Mode
from tests.training.conftest import A, B

KNOWN = {A: 0, B: 1}
HEADER = (
    "course_id,provider,title,description,skills,level,duration_hours,cost_eur,mode,"
    "region,language,start_dates,recognised_for,synthetic\n"
)


def test_csv_catalogue_is_read_with_its_lists(tmp_path):
    path = tmp_path / "courses.csv"
    path.write_text(
        HEADER + f"c1,Prov,Lassen,Leer lassen,{A};{B},basic,16,240,classroom,antwerpen,nl,"
        "2027-03-01;2027-01-10,opleidingscheques,1\n"
        + f"c2,Prov,Online,,{A},advanced,4,0,online,,en,,,0\n",
        encoding="utf-8",
    )
    catalogue = read_catalogue(path, known_skills=KNOWN)
    first, second = catalogue.courses
    assert first.skills == (A, B) and first.level is Level.BASIC and first.mode is Mode.CLASSROOM
    assert first.start_dates == ("2027-01-10", "2027-03-01")
    assert first.recognised_for == ("opleidingscheques",) and first.synthetic
    assert second.region == "" and second.cost_eur == 0 and not second.synthetic
    assert not catalogue.synthetic


def test_one_bad_row_rejects_the_whole_catalogue_naming_row_and_field(tmp_path):
    path = tmp_path / "courses.csv"
    path.write_text(
        HEADER
        + f"c1,Prov,Good,,{A},basic,16,240,classroom,antwerpen,nl,,,0\n"
        + "c2,Prov,Bad,,http://example.org/x,expert,-1,240,tv,gent,nl,2027-13-01,cheque,0\n"
        + f"c1,Prov,Again,,{A},basic,16,240,classroom,,nl,,,0\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportValidationError) as caught:
        read_catalogue(path, known_skills=KNOWN)
    found = {(e.row, e.field, e.problem.code) for e in caught.value.errors}
    assert {
        (2, "level", "import.not_a_choice"),
        (2, "duration_hours", "import.below_minimum"),
        (2, "mode", "import.not_a_choice"),
        (2, "region", "import.not_a_choice"),
        (3, "course_id", "import.duplicate_row"),
    } <= found
    text = str(caught.value)
    assert "nothing was imported" in text and "courses.csv: row 2, field 'level'" in text


def test_list_fields_are_checked_after_the_columns(tmp_path):
    rows = [
        {
            "course_id": "c1",
            "provider": "P",
            "title": "T",
            "skills": ["http://example.org/x"],
            "level": "basic",
            "duration_hours": 8,
            "cost_eur": 10,
            "mode": "online",
            "language": "nl",
            "start_dates": ["2027-02-30"],
            "recognised_for": ["nothing"],
        }
    ]
    with pytest.raises(ImportValidationError) as caught:
        courses_from_rows(rows, file="x.json", known_skills=KNOWN)
    codes = {(e.field, e.problem.code) for e in caught.value.errors}
    assert codes == {
        ("skills", "training.skill_unknown"),
        ("start_dates", "import.not_a_date"),
        ("recognised_for", "import.not_a_choice"),
    }


def test_json_round_trip_and_json_shape_errors(tmp_path, small_catalogue):
    path = tmp_path / "catalogue.json"
    path.write_text(catalogue_to_json(small_catalogue), encoding="utf-8")
    again = read_catalogue(path)
    assert again.courses == small_catalogue.courses and again.synthetic
    path.write_text(json.dumps({"courses": {"a": 1}}), encoding="utf-8")
    with pytest.raises(ImportValidationError, match="1 problem"):
        read_catalogue(path)
    path.write_text(json.dumps([{"course_id": "x", "colour": "red"}, 3]), encoding="utf-8")
    with pytest.raises(ImportValidationError) as caught:
        read_catalogue(path)
    assert {(e.row, e.field) for e in caught.value.errors} == {(1, "colour"), (2, "*")}
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ImportValidationError):
        read_catalogue(path)


def test_unsupported_and_missing_files(tmp_path):
    with pytest.raises(ImportValidationError, match="1 problem"):
        read_catalogue(tmp_path / "missing.csv")
    other = tmp_path / "courses.xlsx"
    other.write_text("x")
    with pytest.raises(ImportValidationError) as caught:
        read_catalogue(other)
    assert caught.value.errors[0].problem.code == "training.unsupported_file"


def test_format_is_documented():
    text = format_markdown()
    assert "| `skills` |" in text and "koers-training/1" in text
