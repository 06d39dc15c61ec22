"""Portfolio files in an open JSON format (Koers portfolio v1), with validation.

```json
{"format": "koers-portfolio/1", "owner": "optional name",
 "claims": [{"skill_uri": "http://data.europa.eu/esco/skill/...",
             "validation": "self_declared | confirmed | formally_recognised",
             "last_used": "2024-05-31", "source": "employer", "evidence": "free text"}]}
```
Only ``skill_uri`` is required per claim. Errors name the claim and the field.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from datetime import date
from typing import Any

from koers.errors import InvalidInput
from koers.portfolio.model import ClaimSource, Portfolio, SkillClaim, ValidationLevel

FORMAT = "koers-portfolio/1"
MAX_CLAIMS = 5000
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
    code = "portfolio.claim_skill_unknown"
    message = "Claim {index}, field 'skill_uri': {uri} is not an ESCO skill."


class ClaimBadChoice(PortfolioFormatError):
    code = "portfolio.claim_bad_choice"
    message = "Claim {index}, field '{field}': “{value}” is not one of {choices}."


class ClaimBadDate(PortfolioFormatError):
    code = "portfolio.claim_bad_date"
    message = "Claim {index}, field '{field}': not a date (YYYY-MM-DD)."


class SkillNotKnown(PortfolioFormatError):
    code = "portfolio.skill_unknown"
    message = "Unknown ESCO skill: {uri}"


def _choice(
    value: Any, allowed: type[ValidationLevel] | type[ClaimSource], index: int, name: str
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
    last_used = raw.get("last_used")
    if last_used is not None:
        try:
            last_used = date.fromisoformat(str(last_used))
        except ValueError:
            raise ClaimBadDate(index=index, field="last_used") from None
    return SkillClaim(
        skill_uri=uri,
        validation=_choice(
            raw.get("validation", "self_declared"), ValidationLevel, index, "validation"
        ),
        last_used=last_used,
        source=_choice(raw.get("source", "self"), ClaimSource, index, "source"),
        evidence=str(raw.get("evidence", ""))[:MAX_EVIDENCE_LENGTH],
    )


def portfolio_from_dict(document: Any, *, known_skills: Collection[str] | None = None) -> Portfolio:
    """Read a parsed portfolio document; with ``known_skills``, every claim's skill must be one.

    Raises a :class:`PortfolioFormatError` naming the claim and field at fault.
    """
    if not isinstance(document, dict) or not isinstance(document.get("claims"), list):
        raise NotAPortfolio()
    raw_claims = document["claims"]
    if len(raw_claims) > MAX_CLAIMS:
        raise TooManyClaims(limit=MAX_CLAIMS)
    claims = tuple(_claim(raw, i + 1, known_skills) for i, raw in enumerate(raw_claims))
    return Portfolio(claims=claims, owner=str(document.get("owner") or ""))


def portfolio_from_skills(
    skill_uris: list[str] | tuple[str, ...], *, known_skills: Collection[str]
) -> Portfolio:
    """A portfolio of self-declared, current skills; raise :class:`SkillNotKnown` for the
    first URI that is not in ``known_skills``."""
    unknown = [uri for uri in skill_uris if uri not in known_skills]
    if unknown:
        raise SkillNotKnown(uri=unknown[0])
    return Portfolio.from_skills(skill_uris)


def portfolio_from_json(text: str, *, known_skills: Collection[str] | None = None) -> Portfolio:
    """Parse a portfolio file's text; raise :class:`PortfolioFormatError` naming claim and field."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise NotJson(reason=error.msg) from None
    return portfolio_from_dict(document, known_skills=known_skills)


def portfolio_to_json(portfolio: Portfolio) -> str:
    return json.dumps(
        {
            "format": FORMAT,
            "owner": portfolio.owner,
            "claims": [
                {
                    "skill_uri": c.skill_uri,
                    "validation": c.validation.value,
                    "last_used": c.last_used.isoformat() if c.last_used else None,
                    "source": c.source.value,
                    "evidence": c.evidence,
                }
                for c in portfolio.claims
            ],
        },
        ensure_ascii=False,
        indent=2,
    )
