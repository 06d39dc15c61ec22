"""The SYNTHETIC demo catalogue: seeded, labelled synthetic, covering the tightest occupations."""

from __future__ import annotations

from koers.training import get_demo_catalogue
from koers.training.synthetic import synthetic_catalogue, tight_occupations


def test_generator_is_seeded_and_labelled_synthetic():
    groups = [[f"http://data.europa.eu/esco/skill/{g}-{i}" for i in range(7)] for g in range(5)]
    one = synthetic_catalogue(groups, courses=200, seed=1)
    assert one == synthetic_catalogue(groups, courses=200, seed=1)
    assert one != synthetic_catalogue(groups, courses=200, seed=2)
    assert len(one) == 200 and one.synthetic and "SYNTHETIC" in one.source
    assert all(c.synthetic and c.provider.startswith("SYNTHETIC") for c in one.courses)
    assert len({c.course_id for c in one.courses}) == 200


def test_demo_catalogue_covers_every_essential_skill_of_the_tight_occupations_twice(taxonomy):
    catalogue = get_demo_catalogue()
    taught: dict[str, int] = {}
    for c in catalogue.courses:
        assert set(c.skills) <= set(taxonomy.skill_index)
        for uri in c.skills:
            taught[uri] = taught.get(uri, 0) + 1
    occupations = tight_occupations()
    assert len(occupations) >= 20
    for uri in occupations:
        for skill in taxonomy.skills_of(uri).essential:
            assert taught.get(skill.uri, 0) >= 2, (uri, skill.uri)
