"""Demand signals: skills many people miss that the catalogue does not teach."""

from __future__ import annotations

from koers.training.recommend import CatalogueIndex
from koers.training.signals import demand_signals
from tests.training.conftest import A, B

NOBODY = "http://data.europa.eu/esco/skill/nobody"


def test_missed_skills_that_no_course_teaches(small_catalogue):
    index = CatalogueIndex(small_catalogue)
    gaps = [[A, NOBODY]] * 6 + [[B]] * 9 + [[NOBODY, NOBODY]]
    signals = demand_signals(gaps, index, min_people=5, labels={NOBODY: "niemand"})
    assert [(s.skill_uri, s.label, s.people, s.courses) for s in signals] == [
        (NOBODY, "niemand", 7, 0)
    ]
    wider = demand_signals(gaps, index, min_people=5, max_courses=3)  # B: 3 courses, A: 4
    assert [s.skill_uri for s in wider] == [B, NOBODY]
