"""The vendored ESCO taxonomy: counts, look-ups, labels and hierarchy."""

from __future__ import annotations

import pytest

from koers.taxonomy.model import ESCO_ATTRIBUTION, KOERS_TRANSLATION, SkillType, pick_label
from koers.taxonomy.taxonomy import UnknownConceptError, UnknownOccupation

NURSE = "http://data.europa.eu/esco/occupation/8d3e8aaa-791b-4c75-a465-f3f827028f50"
FORKLIFT = "http://data.europa.eu/esco/skill/28cb374e-6261-4133-8371-f9a5470145da"
PYTHON = "http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d"


def test_counts_match_the_esco_extract(taxonomy):
    assert len(taxonomy.occupations) == 3039
    assert len(taxonomy.skills) == 13921
    assert len(taxonomy.link_skill) == 128961
    assert taxonomy.attribution == ESCO_ATTRIBUTION


def test_occupation_lookup_with_skills_and_isco(taxonomy):
    nurse = taxonomy.occupation(NURSE)
    assert nurse.label("en") == "nurse responsible for general care"
    assert nurse.label("nl") == "algemeen verpleegkundige"
    assert nurse.isco_code == "2221"
    assert taxonomy.isco_group(nurse).label_en.lower().startswith("nursing professionals")
    skills = taxonomy.skills_of(nurse.uri)
    assert len(skills.essential) > 20
    assert not set(skills.essential) & set(skills.optional)
    labels = [s.label("en") for s in skills.essential]
    assert labels == sorted(labels)


def test_unknown_uri_raises_a_clear_error(taxonomy):
    with pytest.raises(UnknownConceptError) as error:
        taxonomy.occupation("http://example.org/nope")
    assert isinstance(error.value, UnknownOccupation)
    assert error.value.code == "taxonomy.unknown_occupation"
    assert str(error.value) == "Unknown ESCO occupation: http://example.org/nope"
    assert taxonomy.find_occupation("http://example.org/nope") is None
    assert taxonomy.find_skill(PYTHON) is taxonomy.skill(PYTHON)


def test_skill_flags_type_and_every_skill_in_dutch(taxonomy):
    python = taxonomy.skill(PYTHON)
    assert python.skill_type is SkillType.KNOWLEDGE
    assert python.digital
    assert all(s.has_label("nl") for s in taxonomy.skills)
    official = [s for s in taxonomy.skills if "nl" not in s.own_labels]
    assert len(official) == 2367, "ESCO's own Dutch labels are kept where they exist"
    assert python.label("nl") == "Python (computerprogrammering)"
    assert python.label_source("nl") == ESCO_ATTRIBUTION
    forklift = taxonomy.skill(FORKLIFT)
    assert forklift.label("nl") == "heftruck besturen"
    assert forklift.label_source("nl") == KOERS_TRANSLATION
    assert "heftruck" in forklift.alternatives("nl")
    everyday = sum(1 for s in taxonomy.skills if s.alternatives("nl"))
    assert everyday >= 2000


def test_labels_are_pluggable_per_language():
    assert pick_label({"en": "nurse", "de": "Pflegekraft"}, "de") == "Pflegekraft"
    assert pick_label({"en": "nurse"}, "fr") == "nurse"
    assert pick_label({"nl": "kok"}, "fr") == "kok"


def test_skill_links_both_directions_agree(taxonomy):
    nurse = taxonomy.occupation(NURSE)
    for skill in taxonomy.skills_of(nurse.uri).essential[:5]:
        essential, _ = taxonomy.occupations_needing(skill.uri)
        assert nurse in essential


def test_hierarchy_and_related_skills(taxonomy):
    with_parents = [s for s in taxonomy.skills[:500] if taxonomy.broader_groups(s.uri)]
    assert len(with_parents) > 400
    path = taxonomy.broader_path(with_parents[0].uri)
    assert path and len({p.uri for p in path}) == len(path)
    related = [s for s in taxonomy.skills if taxonomy.related_skills(s.uri)]
    assert related


def test_isco_armed_forces_codes_keep_their_leading_zero(taxonomy):
    assert "0110" in taxonomy.isco_by_code
    assert taxonomy.isco_by_code["1"].label_en == "Managers"
