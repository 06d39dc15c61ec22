"""Portfolio files in an open, versioned JSON format, with validation.

Version 2 (written by Koers; version 1 files, without ``occupation`` and ``aspirations`` and
the newer claim fields, are still read):

```json
{"format": "koers-portfolio/2", "owner": "optional name",
 "occupation": "http://data.europa.eu/esco/occupation/... (what the person does now)",
 "aspirations": ["http://data.europa.eu/esco/occupation/..."],
 "claims": [{"skill_uri": "http://data.europa.eu/esco/skill/...",
             "validation": "self_declared | confirmed | formally_recognised",
             "last_used": "2024-05-31", "identified_on": "2019-06-30",
             "source": "school | training_provider | employer | coach | volunteering | self",
             "issuer": "who identified it", "evidence": "free text or a link",
             "visibility": "shared | private"}]}
```
Only ``skill_uri`` is required per claim. Errors name the claim and the field.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from datetime import date
from typing import Any

from koers.errors import InvalidInput
from koers.portfolio.model import (
    ClaimSource,
    Portfolio,
    SkillClaim,
    ValidationLevel,
    Visibility,
)

FORMAT = "koers-portfolio/2"
READABLE_FORMATS = ("koers-portfolio/1", "koers-portfolio/2")
MAX_ASPIRATIONS = 20
MAX_TEXT = 500
MAX_CLAIMS = 2000
MAX_EVIDENCE_LENGTH = 2000


class PortfolioFormatError(InvalidInput):
    """A portfolio document that cannot be read; the message names claim and field."""


class NotJson(PortfolioFormatError):
    code = "portfolio.not_json"
    message = "The portfolio is not valid JSON: {reason}."


class NotAPortfolio(PortfolioFormatError):
    code = "portfolio.not_a_portfolio"
    message = "The portfolio must be a JSON object with a 'claims' list."


class TooManyClaims(PortfolioFormatError):
    code = "portfolio.too_many_claims"
    message = "A portfolio holds at most {limit} claims."


class ClaimNotAnObject(PortfolioFormatError):
    code = "portfolio.claim_not_an_object"
    message = "Claim {index} is not a JSON object."


class ClaimSkillMissing(PortfolioFormatError):
    code = "portfolio.claim_skill_missing"
    message = "Claim {index}, field 'skill_uri': the skill is missing."


class ClaimSkillUnknown(PortfolioFormatError):
    """A claim names a skill ESCO does not have: the document is fine, the thing is unknown."""

    status = 404
    code = "portfolio.claim_skill_unknown"
    message = "Claim {index}, field 'skill_uri': {uri} is not an ESCO skill."


class ClaimBadChoice(PortfolioFormatError):
    code = "portfolio.claim_bad_choice"
    message = "Claim {index}, field '{field}': “{value}” is not one of {choices}."


class ClaimBadDate(PortfolioFormatError):
    code = "portfolio.claim_bad_date"
    message = "Claim {index}, field '{field}': not a date (YYYY-MM-DD)."


class UnknownFormat(PortfolioFormatError):
    code = "portfolio.unknown_format"
    message = "Unknown portfolio format “{format}”; Koers reads {formats}."


class OccupationNotKnown(PortfolioFormatError):
    code = "portfolio.occupation_unknown"
    message = "Field '{field}': {uri} is not an ESCO occupation."


class SkillNotKnown(PortfolioFormatError):
    status = 404
    code = "portfolio.skill_unknown"
    message = "Unknown ESCO skill: {uri}"


def _choice(
    value: Any,
    allowed: type[ValidationLevel] | type[ClaimSource] | type[Visibility],
    index: int,
    name: str,
) -> Any:
    try:
        return allowed(value)
    except ValueError:
        options = ", ".join(v.value for v in allowed)
        raise ClaimBadChoice(index=index, field=name, value=value, choices=options) from None


def _claim(raw: Any, index: int, known_skills: Collection[str] | None) -> SkillClaim:
    if not isinstance(raw, dict):
        raise ClaimNotAnObject(index=index)
    uri = raw.get("skill_uri")
    if not isinstance(uri, str) or not uri:
        raise ClaimSkillMissing(index=index)
    if known_skills is not None and uri not in known_skills:
        raise ClaimSkillUnknown(index=index, uri=uri)
    return SkillClaim(
        skill_uri=uri,
        validation=_choice(
            raw.get("validation", "self_declared"), ValidationLevel, index, "validation"
        ),
        last_used=_date(raw, "last_used", index),
        source=_choice(raw.get("source", "self"), ClaimSource, index, "source"),
        evidence=str(raw.get("evidence") or "")[:MAX_EVIDENCE_LENGTH],
        issuer=str(raw.get("issuer") or "")[:MAX_TEXT],
        identified_on=_date(raw, "identified_on", index),
        visibility=_choice(raw.get("visibility", "shared"), Visibility, index, "visibility"),
    )


def _date(raw: dict[str, Any], name: str, index: int) -> date | None:
    value = raw.get(name)
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ClaimBadDate(index=index, field=name) from None


def portfolio_from_dict(
    document: Any,
    *,
    known_skills: Collection[str] | None = None,
    known_occupations: Collection[str] | None = None,
) -> Portfolio:
    """Read a parsed portfolio document (format 1 or 2); with ``known_skills`` and
    ``known_occupations``, every URI must be one of them.

    Raises a :class:`PortfolioFormatError` naming the claim and field at fault.
    """
    if not isinstance(document, dict) or not isinstance(document.get("claims"), list):
        raise NotAPortfolio()
    version = document.get("format", FORMAT)
    if version not in READABLE_FORMATS:
        raise UnknownFormat(format=str(version)[:40], formats=", ".join(READABLE_FORMATS))
    raw_claims = document["claims"]
    if len(raw_claims) > MAX_CLAIMS:
        raise TooManyClaims(limit=MAX_CLAIMS)
    claims = tuple(_claim(raw, i + 1, known_skills) for i, raw in enumerate(raw_claims))
    occupation = document.get("occupation") or None
    aspirations = document.get("aspirations") or []
    if not isinstance(aspirations, list) or len(aspirations) > MAX_ASPIRATIONS:
        raise NotAPortfolio()
    named = [("aspirations", a) for a in aspirations]
    if occupation is not None:
        named.insert(0, ("occupation", occupation))
    for field, uri in named:
        if not isinstance(uri, str) or (
            known_occupations is not None and uri not in known_occupations
        ):
            raise OccupationNotKnown(field=field, uri=str(uri)[:200])
    return Portfolio(
        claims=claims,
        owner=str(document.get("owner") or "")[:MAX_TEXT],
        occupation=occupation,
        aspirations=tuple(dict.fromkeys(aspirations)),
    )


def portfolio_to_dict(portfolio: Portfolio) -> dict[str, Any]:
    """The portfolio as a ``koers-portfolio/2`` document."""
    return {
        "format": FORMAT,
        "owner": portfolio.owner,
        "occupation": portfolio.occupation,
        "aspirations": list(portfolio.aspirations),
        "claims": [
            {
                "skill_uri": c.skill_uri,
                "validation": c.validation.value,
                "last_used": c.last_used.isoformat() if c.last_used else None,
                "identified_on": c.identified_on.isoformat() if c.identified_on else None,
                "source": c.source.value,
                "issuer": c.issuer,
                "evidence": c.evidence,
                "visibility": c.visibility.value,
            }
            for c in portfolio.claims
        ],
    }


def portfolio_from_skills(
    skill_uris: list[str] | tuple[str, ...], *, known_skills: Collection[str]
) -> Portfolio:
    """A portfolio of self-declared, current skills; raise :class:`SkillNotKnown` for the
    first URI that is not in ``known_skills``."""
    unknown = [uri for uri in skill_uris if uri not in known_skills]
    if unknown:
        raise SkillNotKnown(uri=unknown[0])
    return Portfolio.from_skills(skill_uris)


def portfolio_from_json(
    text: str,
    *,
    known_skills: Collection[str] | None = None,
    known_occupations: Collection[str] | None = None,
) -> Portfolio:
    """Parse a portfolio file's text; raise :class:`PortfolioFormatError` naming claim and field."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise NotJson(reason=error.msg) from None
    return portfolio_from_dict(
        document, known_skills=known_skills, known_occupations=known_occupations
    )


def portfolio_to_json(portfolio: Portfolio) -> str:
    return json.dumps(portfolio_to_dict(portfolio), ensure_ascii=False, indent=2)
