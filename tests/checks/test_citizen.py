"""The citizen check: every signal code from a portfolio that should raise it, none otherwise."""

from __future__ import annotations

from datetime import date

from koers.checks.citizen import citizen_check
from koers.checks.future import future_competences
from koers.outlook import Outlook, TableOutlook
from koers.portfolio.model import Portfolio, SkillClaim

NURSE_ASSISTANT = "http://data.europa.eu/esco/occupation/87d0795a-d41f-47ee-979f-0ab7d73836e7"
TODAY = date(2026, 11, 25)


def _portfolio(engine, occupation, *, share=1.0, last_used=None, future=False, aspirations=()):
    essentials = [s.uri for s in engine.taxonomy.skills_of(occupation).essential]
    held = essentials[: int(len(essentials) * share)]
    if future:
        held += [c.skill_uris[0] for c in future_competences()]
    claims = tuple(SkillClaim(uri, last_used=last_used) for uri in held)
    return Portfolio(claims=claims, occupation=occupation, aspirations=tuple(aspirations))


def test_a_complete_current_portfolio_raises_no_signal(engine):
    portfolio = _portfolio(engine, NURSE_ASSISTANT, future=True, last_used=TODAY)
    result = citizen_check(portfolio, engine=engine, today=TODAY)
    assert result.risk_signals == ()
    assert result.fits[0].essential_coverage == 1.0


def test_each_signal_has_its_reason_and_actions(engine):
    nurse = "http://data.europa.eu/esco/occupation/8d3e8aaa-791b-4c75-a465-f3f827028f50"
    portfolio = _portfolio(
        engine, NURSE_ASSISTANT, share=0.5, last_used=date(2015, 1, 1), aspirations=[nurse]
    )
    outlook = TableOutlook({NURSE_ASSISTANT: Outlook(-0.6, "employment forecast -12%")})
    result = citizen_check(portfolio, engine=engine, outlook=outlook, today=TODAY, lang="nl")
    codes = [s.code for s in result.risk_signals]
    assert set(codes) == {
        "essential_gap",
        "outdated_competences",
        "missing_future_competences",
        "declining_occupation",
    }
    gap = next(s for s in result.risk_signals if s.code == "essential_gap")
    assert gap.reason.startswith("Je hebt ") and "essentiële vaardigheden" in gap.reason
    assert gap.skill_uris
    kinds = {a.action for a in result.action_plan}
    assert {"learn_skill", "refresh_skill", "explore_career_step", "talk_to_coach"} <= kinds
    assert all(a.signal in codes for a in result.action_plan)
    learn = [a for a in result.action_plan if a.action == "learn_skill"]
    assert learn and all(a.skill_uri for a in learn)
    english = citizen_check(portfolio, engine=engine, outlook=outlook, today=TODAY, lang="en")
    assert english.risk_signals[0].reason.startswith("You have ")
