from __future__ import annotations

import pytest

from koers.market.barometer import SkillsBarometer
from koers.market.forecast import prepare
from koers.market.outlook import MarketOutlook
from koers.market.sources import market_data
from koers.outlook import NEUTRAL


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
    assert digital and all(t.skill.digital for t in digital)
    with pytest.raises(ValueError, match="collection"):
        barometer.trends(collection="blue")


def test_sector_filter_counts_only_that_sectors_jobs(barometer, taxonomy):
    health = barometer.trends(sector="Q")
    construction = barometer.trends(sector="F")
    top_health = {t.skill.uri for t in health[:200]}
    nurse = "http://data.europa.eu/esco/occupation/8d3e8aaa-791b-4c75-a465-f3f827028f50"
    nurse_skills = {s.uri for s in taxonomy.skills_of(nurse).essential}
    assert {t.skill.uri for t in health} & nurse_skills
    assert {t.skill.uri for t in construction} != {t.skill.uri for t in health}
    assert len(top_health) == 200
    with pytest.raises(ValueError, match="sector"):
        barometer.trends(sector="ZZ")


def test_recession_shrinks_demand(barometer):
    base = {t.skill.uri: t.growth for t in barometer.trends()}
    recession = {t.skill.uri: t.growth for t in barometer.trends(scenario="recession")}
    shared = base.keys() & recession.keys()
    assert sum(recession[u] for u in shared) < sum(base[u] for u in shared)


def test_outlook_combines_growth_and_real_tension(taxonomy, inputs):
    outlook = MarketOutlook(taxonomy, market_data(), inputs)
    nurse = "http://data.europa.eu/esco/occupation/8d3e8aaa-791b-4c75-a465-f3f827028f50"
    signal = outlook.outlook(nurse)
    assert signal.growth is not None and -1 <= signal.score <= 1
    assert signal.synthetic
    assert outlook.outlook("http://example.org/none") is NEUTRAL
