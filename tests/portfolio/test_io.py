from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from koers.portfolio.io import (
    MAX_ASPIRATIONS,
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
from koers.portfolio.model import ClaimSource, Portfolio, SkillClaim, ValidationLevel, Visibility

CLAIM_FIELDS = [
    "skill_uri",
    "validation",
    "source",
    "issuer",
    "identified_on",
    "last_used",
    "evidence",
    "visibility",
]
claims = st.builds(
    SkillClaim,
    skill_uri=st.text(min_size=1, max_size=40).filter(str.strip),
    validation=st.sampled_from(list(ValidationLevel)),
    last_used=st.one_of(st.none(), st.dates(min_value=date(1950, 1, 1))),
    source=st.sampled_from(list(ClaimSource)),
    evidence=st.text(max_size=100),
    issuer=st.text(max_size=60),
    identified_on=st.one_of(st.none(), st.dates(min_value=date(1950, 1, 1))),
    visibility=st.sampled_from(list(Visibility)),
)
uris = st.text(min_size=1, max_size=40).filter(str.strip)


@given(
    st.lists(claims, max_size=20),
    st.text(max_size=30),
    st.one_of(st.none(), uris),
    st.lists(uris, max_size=MAX_ASPIRATIONS, unique=True),
)
def test_export_then_import_gives_the_same_portfolio(items, owner, occupation, aspirations):
    portfolio = Portfolio(
        claims=tuple(items), owner=owner, occupation=occupation, aspirations=tuple(aspirations)
    )
    document = portfolio_to_json(portfolio)
    assert json.loads(document)["format"] == "koers-portfolio/2"
    assert portfolio_from_json(document) == portfolio


@given(st.lists(claims, max_size=10))
def test_format_1_files_are_still_read(items):
    """A /1 file has no occupation, aspirations, issuer, identified_on or visibility."""
    document = {
        "format": "koers-portfolio/1",
        "claims": [
            {
                "skill_uri": c.skill_uri,
                "validation": c.validation.value,
                "last_used": c.last_used.isoformat() if c.last_used else None,
                "source": c.source.value,
                "evidence": c.evidence,
            }
            for c in items
        ],
    }
    portfolio = portfolio_from_dict(document)
    assert portfolio.occupation is None and portfolio.aspirations == ()
    assert [(c.skill_uri, c.validation, c.last_used) for c in portfolio.claims] == [
        (c.skill_uri, c.validation, c.last_used) for c in items
    ]
    assert all(
        c.visibility == Visibility.SHARED and c.identified_on is None for c in portfolio.claims
    )


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner),
    max_leaves=20,
)
documents = st.one_of(
    json_values,
    st.fixed_dictionaries(
        {"claims": st.lists(st.dictionaries(st.sampled_from(CLAIM_FIELDS), json_values))},
        optional={
            "format": st.sampled_from(["koers-portfolio/1", "koers-portfolio/2", "x", 2]),
            "occupation": json_values,
            "aspirations": json_values,
        },
    ),
)


@given(documents)
def test_any_document_is_read_or_refused_with_a_portfolio_error(document):
    """Whatever JSON arrives, the importer answers a portfolio or a coded error, never a crash."""
    try:
        portfolio = portfolio_from_dict(document, known_skills={"a"}, known_occupations={"o"})
    except PortfolioFormatError as error:
        assert error.code.startswith("portfolio.") and str(error)
    else:
        assert all(c.skill_uri == "a" for c in portfolio.claims)
        assert portfolio.occupation in (None, "o") and set(portfolio.aspirations) <= {"o"}


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
