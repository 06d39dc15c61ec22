from __future__ import annotations

import pytest

from koers.training.model import Catalogue, Course, Mode

A, B, C, D = (f"http://data.europa.eu/esco/skill/{x}" for x in "abcd")


def course(course_id: str, skills, cost=100.0, hours=10.0, **options) -> Course:
    return Course(
        course_id=course_id,
        provider="SYNTHETIC test provider",
        title=f"course {course_id}",
        skills=tuple(skills),
        duration_hours=hours,
        cost_eur=cost,
        mode=options.pop("mode", Mode.CLASSROOM),
        synthetic=True,
        **options,
    )


@pytest.fixture
def small_catalogue() -> Catalogue:
    return Catalogue(
        (
            course("one", [A], cost=50),
            course("two", [A, B], cost=300),
            course("three", [A, B, C], cost=900, recognised_for=("opleidingscheques",)),
            course("other", [D], cost=10),
            course("online", [A, B], cost=300, mode=Mode.ONLINE),
        ),
        source="test",
        synthetic=True,
    )
