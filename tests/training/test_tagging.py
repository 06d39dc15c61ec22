"""Competence tagging suggestions for a course description."""

from __future__ import annotations

from koers.training.tagging import suggest_skills


def test_description_gets_skill_suggestions(extractor, taxonomy):
    found = suggest_skills(
        "In deze opleiding leer je wonden verzorgen en medicatie toedienen aan patiënten.",
        extractor=extractor,
    )
    assert found and all(s.skill_uri in taxonomy.skill_index for s in found)
    assert [s.score for s in found] == sorted((s.score for s in found), reverse=True)
