"""The vectorised citizen check gives exactly what citizen_check gives, one portfolio at a time."""

from __future__ import annotations

from datetime import date

import numpy as np
import pyarrow as pa
import pytest

from koers.batch.checks import SIGNALS, CheckTables, check_citizens, citizen_check_rows
from koers.outlook import Outlook, TableOutlook
from koers.population import generate_citizens
from tests.batch.conftest import TODAY


@pytest.fixture(scope="module")
def citizens(model):
    return generate_citizens(model, count=300, seed=7, today=TODAY)


@pytest.fixture(scope="module")
def tables(engine, citizens):
    # the occupations of every third citizen are declining, so every signal occurs
    uris = [u for u in citizens.column("occupation_uri").to_pylist()[::3] if u]
    down = Outlook(score=-0.6, summary="shrinking")
    return CheckTables.build(engine, TableOutlook(dict.fromkeys(uris, down)))


def _compare(result: pa.Table, reference: list[dict[str, object]]) -> None:
    got = result.to_pylist()
    assert len(got) == len(reference)
    for fast, slow in zip(got, reference, strict=True):
        assert {k: fast[k] for k in slow} == slow


def test_vectorised_check_equals_citizen_check(engine, model, citizens, tables):
    identity = np.arange(len(model.skill_uris), dtype=np.int32)
    result = check_citizens(citizens, tables, skill_map=identity, today=TODAY)
    reference = citizen_check_rows(
        citizens, tables, engine=engine, skill_uris=model.skill_uris, today=TODAY
    )
    _compare(result, reference)
    for code in SIGNALS:  # the sample exercises every signal
        flags = result.column(code).to_pylist()
        assert any(flags), code
        assert code == "missing_future_competences" or not all(flags), code


def test_half_life_and_reference_date_are_respected(engine, model, citizens, tables):
    citizens = citizens.slice(0, 120)
    identity = np.arange(len(model.skill_uris), dtype=np.int32)
    later = date(2031, 1, 1)
    result = check_citizens(citizens, tables, skill_map=identity, today=later, half_life_years=2.0)
    reference = citizen_check_rows(
        citizens,
        tables,
        engine=engine,
        skill_uris=model.skill_uris,
        today=later,
        half_life_years=2.0,
    )
    _compare(result, reference)
    before = check_citizens(citizens, tables, skill_map=identity, today=TODAY)
    assert sum(result.column("outdated_count").to_pylist()) > sum(
        before.column("outdated_count").to_pylist()
    )


def test_unknown_and_repeated_skills_and_missing_lists(engine, model, tables):
    """A vocabulary with a skill the taxonomy lacks, a skill listed twice, a null list."""
    vocabulary = (*model.skill_uris[:50], "http://example.org/skill/unknown")
    nurse = "http://data.europa.eu/esco/occupation/8d3e8aaa-791b-4c75-a465-f3f827028f50"
    table = pa.table(
        {
            "citizen_id": pa.array([1, 2, 3], type=pa.int64()),
            "occupation_uri": pa.array([nurse, None, "http://example.org/not-esco"]),
            "skills": pa.array([[50, 3, 3, 7], None, [1]], type=pa.list_(pa.int32())),
            "skill_last_used": pa.array(
                [[date(2001, 1, 1), date(2002, 1, 1), None, date(2026, 1, 1)], None, [None]],
                type=pa.list_(pa.date32()),
            ),
        }
    )
    mapping = np.array(
        [model.skill_uris.index(u) if u in model.skill_uris else -1 for u in vocabulary],
        dtype=np.int32,
    )
    result = check_citizens(table, tables, skill_map=mapping, today=TODAY).to_pylist()
    assert result[0]["outdated_count"] == 2  # the unknown skill and skill 3 (once)
    assert result[0]["skill_count"] == 2
    assert result[0]["essential_total"] > 0
    assert result[1]["skill_count"] == 0 and result[1]["essential_total"] == 0
    assert result[2]["essential_total"] == 0  # an occupation Koers does not know counts as none
    assert result[1]["signals"] == ["missing_future_competences"]
