"""Matching results as plain JSON-ready dicts: one shape for the CLI, the API and the web."""

from __future__ import annotations

from typing import Any

from koers.matching.engine import OccupationMatch
from koers.matching.pathways import Route
from koers.taxonomy.model import Skill

SHOWN_MATCHED = 10


def _skill(skill: Skill, lang: str) -> dict[str, str]:
    return {"skill_uri": skill.uri, "label": skill.label(lang)}


def match_dict(match: OccupationMatch, *, lang: str = "nl") -> dict[str, Any]:
    return {
        "occupation_uri": match.occupation.uri,
        "label": match.occupation.label(lang),
        "score": match.score,
        "essential_total": match.essential_count,
        "essential_covered": match.matched_essential_count,
        "essential_coverage": match.essential_coverage,
        "coverage": match.coverage,
        "reuse": match.reuse,
        "essential_count": match.essential_count,
        "matched_skills": [_skill(s, lang) for s in match.matched_skills[:SHOWN_MATCHED]],
        "matched_skill_count": len(match.matched_skills),
        "missing_essential_skills": [_skill(s, lang) for s in match.missing_essential_skills],
        "outlook": {"score": match.outlook.score, "summary": match.outlook.summary},
        "why": match.why,
    }


def route_dict(route: Route, *, lang: str = "nl") -> dict[str, Any]:
    return {
        "cost": route.cost,
        "total_missing_essential_skills": route.total_missing,
        "steps": [match_dict(step, lang=lang) for step in route.steps],
    }
