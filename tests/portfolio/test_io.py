from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from koers.portfolio.io import (
    ERR_NOT_OBJECT,
    PortfolioFormatError,
    portfolio_from_json,
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
    ("document", "message"),
    [
        ("not json", "not valid JSON"),
        ("[]", ERR_NOT_OBJECT),
        ('{"claims": [{}]}', "Claim 1, field 'skill_uri': missing"),
        (
            '{"claims": [{"skill_uri": "a"}, {"skill_uri": "b", "validation": "maybe"}]}',
            "Claim 2, field 'validation'",
        ),
        (
            '{"claims": [{"skill_uri": "a", "last_used": "yesterday"}]}',
            "Claim 1, field 'last_used'",
        ),
        ('{"claims": [{"skill_uri": "a", "source": "friend"}]}', "Claim 1, field 'source'"),
        ('{"claims": [7]}', "Claim 1, field '*'"),
    ],
)
def test_bad_documents_name_the_claim_and_field(document, message):
    with pytest.raises(PortfolioFormatError) as error:
        portfolio_from_json(document)
    assert message in str(error.value)


def test_unknown_skills_are_refused_when_the_taxonomy_is_given():
    document = json.dumps({"claims": [{"skill_uri": "http://example.org/s"}]})
    with pytest.raises(PortfolioFormatError, match="unknown ESCO skill"):
        portfolio_from_json(document, known_skills={"http://example.org/other"})
