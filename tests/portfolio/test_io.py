from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from koers.portfolio.io import (
    ClaimBadChoice,
    ClaimBadDate,
    ClaimNotAnObject,
    ClaimSkillMissing,
    ClaimSkillUnknown,
    NotAPortfolio,
    NotJson,
    PortfolioFormatError,
    SkillNotKnown,
    portfolio_from_dict,
    portfolio_from_json,
    portfolio_from_skills,
    portfolio_to_json,
)
from koers.portfolio.model import ClaimSource, Portfolio, SkillClaim, ValidationLevel

claims = st.builds(
    SkillClaim,
    skill_uri=st.text(min_size=1, max_size=40).filter(str.strip),
    validation=st.sampled_from(list(ValidationLevel)),
    last_used=st.one_of(st.none(), st.dates(min_value=date(1950, 1, 1))),
    source=st.sampled_from(list(ClaimSource)),
    evidence=st.text(max_size=100),
)


@given(st.lists(claims, max_size=20), st.text(max_size=30))
def test_export_then_import_gives_the_same_portfolio(items, owner):
    portfolio = Portfolio(claims=tuple(items), owner=owner)
    assert portfolio_from_json(portfolio_to_json(portfolio)) == portfolio


@pytest.mark.parametrize(
    ("document", "error", "message"),
    [
        ("not json", NotJson, "The portfolio is not valid JSON: Expecting value."),
        ("[]", NotAPortfolio, NotAPortfolio.message),
        (
            '{"claims": [{}]}',
            ClaimSkillMissing,
            "Claim 1, field 'skill_uri': the skill is missing.",
        ),
        (
            '{"claims": [{"skill_uri": "a"}, {"skill_uri": "b", "validation": "maybe"}]}',
            ClaimBadChoice,
            "Claim 2, field 'validation': “maybe” is not one of "
            "self_declared, confirmed, formally_recognised.",
        ),
        (
            '{"claims": [{"skill_uri": "a", "last_used": "yesterday"}]}',
            ClaimBadDate,
            "Claim 1, field 'last_used': not a date (YYYY-MM-DD).",
        ),
        (
            '{"claims": [{"skill_uri": "a", "source": "friend"}]}',
            ClaimBadChoice,
            "Claim 1, field 'source'",
        ),
        ('{"claims": [7]}', ClaimNotAnObject, "Claim 1 is not a JSON object."),
    ],
)
def test_bad_documents_name_the_claim_and_field(document, error, message):
    with pytest.raises(PortfolioFormatError) as raised:
        portfolio_from_json(document)
    assert raised.value.code == error.code
    assert str(raised.value).startswith(message)


def test_unknown_skills_are_refused_when_the_taxonomy_is_given():
    document = {"claims": [{"skill_uri": "http://example.org/s"}]}
    with pytest.raises(ClaimSkillUnknown) as raised:
        portfolio_from_dict(document, known_skills={"http://example.org/other"})
    assert (
        str(raised.value)
        == "Claim 1, field 'skill_uri': http://example.org/s is not an ESCO skill."
    )
    with pytest.raises(SkillNotKnown) as raised:
        portfolio_from_skills(["http://example.org/s"], known_skills={"http://example.org/other"})
    assert raised.value.code == "portfolio.skill_unknown"
