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

from koers.portfolio.model import ClaimSource, Portfolio, SkillClaim, ValidationLevel

FORMAT = "koers-portfolio/1"
ERR_NOT_JSON = "The portfolio is not valid JSON: {error}"
ERR_NOT_OBJECT = "The portfolio must be a JSON object with a 'claims' list."
ERR_FIELD = "Claim {index}, field '{field}': {problem}"
MAX_CLAIMS = 5000


class PortfolioFormatError(ValueError):
    """Raised when a portfolio file cannot be read; the message names claim and field."""


def _choice(
    value: Any, allowed: type[ValidationLevel] | type[ClaimSource], index: int, name: str
) -> Any:
    try:
        return allowed(value)
    except ValueError:
        options = ", ".join(v.value for v in allowed)
        raise PortfolioFormatError(
            ERR_FIELD.format(index=index, field=name, problem=f"{value!r} is not one of {options}")
        ) from None


def _claim(raw: Any, index: int, known_skills: Collection[str] | None) -> SkillClaim:
    if not isinstance(raw, dict):
        raise PortfolioFormatError(
            ERR_FIELD.format(index=index, field="*", problem="not an object")
        )
    uri = raw.get("skill_uri")
    if not isinstance(uri, str) or not uri:
        raise PortfolioFormatError(
            ERR_FIELD.format(index=index, field="skill_uri", problem="missing")
        )
    if known_skills is not None and uri not in known_skills:
        raise PortfolioFormatError(
            ERR_FIELD.format(index=index, field="skill_uri", problem=f"unknown ESCO skill {uri}")
        )
    last_used = raw.get("last_used")
    if last_used is not None:
        try:
            last_used = date.fromisoformat(str(last_used))
        except ValueError:
            raise PortfolioFormatError(
                ERR_FIELD.format(index=index, field="last_used", problem="not a date (YYYY-MM-DD)")
            ) from None
    return SkillClaim(
        skill_uri=uri,
        validation=_choice(
            raw.get("validation", "self_declared"), ValidationLevel, index, "validation"
        ),
        last_used=last_used,
        source=_choice(raw.get("source", "self"), ClaimSource, index, "source"),
        evidence=str(raw.get("evidence", ""))[:2000],
    )


def portfolio_from_json(text: str, *, known_skills: Collection[str] | None = None) -> Portfolio:
    """Parse a portfolio document; raise :class:`PortfolioFormatError` naming claim and field."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise PortfolioFormatError(ERR_NOT_JSON.format(error=error.msg)) from None
    if not isinstance(document, dict) or not isinstance(document.get("claims"), list):
        raise PortfolioFormatError(ERR_NOT_OBJECT)
    raw_claims = document["claims"]
    if len(raw_claims) > MAX_CLAIMS:
        raise PortfolioFormatError(f"A portfolio holds at most {MAX_CLAIMS} claims.")
    claims = tuple(_claim(raw, i + 1, known_skills) for i, raw in enumerate(raw_claims))
    return Portfolio(claims=claims, owner=str(document.get("owner", "")))


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
