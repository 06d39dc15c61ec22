"""Property test of the catalogue importer: any row either imports or is refused with an
import error naming row and field; nothing else escapes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from koers.market.formats import ImportValidationError
from koers.training.formats import COURSE_FORMAT, courses_from_rows

VALID = {
    "course_id": "c1",
    "provider": "P",
    "title": "T",
    "description": "",
    "skills": "http://data.europa.eu/esco/skill/a",
    "level": "basic",
    "duration_hours": "8",
    "cost_eur": "100",
    "mode": "online",
    "region": "",
    "language": "nl",
    "start_dates": "2027-01-01",
    "recognised_for": "opleidingscheques",
    "synthetic": "1",
}
NAMES = [c.name for c in COURSE_FORMAT.columns]
VALUES = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.integers(-10, 10_000),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.lists(st.text(max_size=5), max_size=3),
)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(NAMES), VALUES, max_size=4))
def test_any_mutation_imports_or_is_refused_with_row_and_field(changes):
    row = {**VALID, **changes}
    try:
        courses = courses_from_rows([row], file="x.json")
    except ImportValidationError as error:
        assert error.errors
        assert all(e.file == "x.json" and e.field for e in error.errors)
        return
    assert len(courses) == 1 and courses[0].skills
