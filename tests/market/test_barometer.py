from __future__ import annotations

import pytest

from koers.market.barometer import SkillsBarometer, UnknownCollection, UnknownSector
from koers.market.forecast_inputs import prepare
from koers.market.sources import market_data


@pytest.fixture(scope="module")
def inputs():
    return prepare(market_data())


@pytest.fixture(scope="module")
def barometer(taxonomy, inputs):
    return SkillsBarometer(taxonomy, inputs)


def test_trends_are_ranked_and_filtered(barometer):
    trends = barometer.trends()
    growth = [t.growth for t in trends]
    assert growth == sorted(growth, reverse=True)
    digital = barometer.trends(collection="digital")
    assert digital and all(t.digital for t in digital)
    with pytest.raises(UnknownCollection, match="blue"):
        barometer.trends(collection="blue")


def test_sector_filter_counts_only_that_sectors_jobs(barometer, taxonomy):
    health = barometer.trends(sector="Q")
    construction = barometer.trends(sector="F")
    top_health = {t.skill_uri for t in health[:200]}
    nurse = "http://data.europa.eu/esco/occupation/8d3e8aaa-791b-4c75-a465-f3f827028f50"
    nurse_skills = {s.uri for s in taxonomy.skills_of(nurse).essential}
    assert {t.skill_uri for t in health} & nurse_skills
    assert {t.skill_uri for t in construction} != {t.skill_uri for t in health}
    assert len(top_health) == 200
    with pytest.raises(UnknownSector, match="ZZ"):
        barometer.trends(sector="ZZ")


def test_recession_shrinks_demand(barometer):
    base = {t.skill_uri: t.growth for t in barometer.trends()}
    recession = {t.skill_uri: t.growth for t in barometer.trends(scenario="recession")}
    shared = base.keys() & recession.keys()
    assert sum(recession[u] for u in shared) < sum(base[u] for u in shared)


def test_labels_follow_the_language(barometer, taxonomy):
    dutch = barometer.trends(lang="nl")[:20]
    english = barometer.trends(lang="en")[:20]
    assert [t.skill_uri for t in dutch] == [t.skill_uri for t in english]
    for nl, en in zip(dutch, english, strict=True):
        skill = taxonomy.skill(nl.skill_uri)
        assert (nl.label, en.label) == (skill.label("nl"), skill.label("en"))
