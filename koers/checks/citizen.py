"""The competence check for citizens: risk signals ("knipperlichten") and an action plan.

A portfolio (with the current occupation and aspirations) is compared with occupation profiles,
the 11 future competences and the labour-market outlook. Each signal has a stable ``code`` and a
reason a person understands; each action in the plan says what to do (learn a skill, get one
recognised, look at a career step, talk to a career coach) and which signal it answers.

Signal codes: ``outdated_competences`` (skills not used for longer than the half-life),
``essential_gap`` (essential skills of the current or a wished-for occupation missing),
``missing_future_competences`` (future competences with no matching skill in the portfolio),
``declining_occupation`` (the outlook of the current occupation is clearly negative).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from koers.checks.future import future_competences
from koers.matching.engine import MatchingEngine, OccupationMatch
from koers.matching.weights import DAYS_PER_YEAR, DEFAULT_HALF_LIFE_YEARS
from koers.outlook import NeutralOutlook, OccupationOutlook
from koers.portfolio.model import Portfolio, ValidationLevel

ESSENTIAL_FIT = 0.8
"""Below this share of an occupation's essential skills, the gap is a signal."""
DECLINING = -0.25
"""An outlook score below this is a declining occupation."""
LEARN_PER_GAP = 5
RECOGNISE = 3
FUTURE_ACTIONS = 3
CAREER_STEPS = 3
SHOWN = 4

SIGNAL_TEXT = {
    "outdated_competences": {
        "en": "{count} of your skills were last used more than {years} years ago, so they count "
        "less now: {skills}.",
        "nl": "{count} van je vaardigheden heb je al meer dan {years} jaar niet meer gebruikt. "
        "Ze tellen daardoor minder mee: {skills}.",
    },
    "essential_gap": {
        "en": "You have {held} of the {total} essential skills of {occupation}. Still missing: "
        "{skills}.",
        "nl": "Je hebt {held} van de {total} essentiële vaardigheden voor {occupation}. Je mist "
        "nog: {skills}.",
    },
    "missing_future_competences": {
        "en": "{count} of the 11 competences that count more and more in the future are not in "
        "your portfolio: {names}.",
        "nl": "{count} van de 11 competenties die in de toekomst steeds belangrijker worden, "
        "staan nog niet in je portfolio: {names}.",
    },
    "declining_occupation": {
        "en": "Fewer people will be needed as {occupation} ({summary}).",
        "nl": "Er zullen minder mensen nodig zijn als {occupation} ({summary}).",
    },
}
ACTION_TEXT = {
    "learn_skill": {"en": "Learn: {skill}", "nl": "Leer: {skill}"},
    "refresh_skill": {"en": "Refresh: {skill}", "nl": "Fris op: {skill}"},
    "get_recognised": {
        "en": "Get this skill recognised (a certificate or EVC): {skill}",
        "nl": "Laat deze vaardigheid erkennen (met een attest of EVC): {skill}",
    },
    "explore_career_step": {
        "en": "Look at this occupation within reach: {occupation}",
        "nl": "Bekijk dit beroep dat binnen bereik ligt: {occupation}",
    },
    "talk_to_coach": {
        "en": "Talk to a career coach about these signals (career guidance vouchers help).",
        "nl": "Praat met een loopbaanbegeleider over deze signalen (met loopbaancheques).",
    },
}


@dataclass(frozen=True, slots=True)
class RiskSignal:
    code: str
    reason: str
    skill_uris: tuple[str, ...] = ()
    occupation_uri: str | None = None


@dataclass(frozen=True, slots=True)
class Action:
    action: str
    text: str
    signal: str
    skill_uri: str | None = None
    occupation_uri: str | None = None


@dataclass(frozen=True, slots=True)
class CitizenCheck:
    risk_signals: tuple[RiskSignal, ...]
    action_plan: tuple[Action, ...]
    fits: tuple[OccupationMatch, ...]  # the current occupation and the aspirations


def citizen_check(
    portfolio: Portfolio,
    *,
    engine: MatchingEngine,
    outlook: OccupationOutlook | None = None,
    lang: str = "nl",
    today: date | None = None,
    half_life_years: float = DEFAULT_HALF_LIFE_YEARS,
) -> CitizenCheck:
    """Check a portfolio: its risk signals, an action plan answering them, and its fit with the
    current occupation and each aspiration. Texts are in ``lang`` ("nl" or "en")."""
    today = today or date.today()
    outlook = outlook or NeutralOutlook()
    taxonomy = engine.taxonomy
    lang = "nl" if lang == "nl" else "en"
    signals: list[RiskSignal] = []
    actions: list[Action] = []
    strengths = engine.strengths(portfolio, today=today, half_life_years=half_life_years)
    targets = [u for u in (portfolio.occupation, *portfolio.aspirations) if u]
    fits = []
    for uri in dict.fromkeys(targets):
        index = taxonomy.occupation_index[taxonomy.occupation(uri).uri]
        fit = engine.match_at(index, float(engine.coverage(strengths)[index]), strengths)
        fits.append(fit)
        if fit.essential_count and fit.essential_coverage < ESSENTIAL_FIT:
            missing = fit.missing_essential_skills
            signals.append(
                RiskSignal(
                    "essential_gap",
                    _text(
                        SIGNAL_TEXT,
                        "essential_gap",
                        lang,
                        held=fit.matched_essential_count,
                        total=fit.essential_count,
                        occupation=fit.occupation.label(lang),
                        skills=_list([s.label(lang) for s in missing]),
                    ),
                    tuple(s.uri for s in missing),
                    uri,
                )
            )
            for skill in missing[:LEARN_PER_GAP]:
                actions.append(
                    _action("learn_skill", lang, "essential_gap", skill.label(lang), skill.uri)
                )
    needed = {s.uri for fit in fits for s in taxonomy.skills_of(fit.occupation.uri).essential}
    old = _outdated(portfolio, today, half_life_years)
    if old:
        labels = [taxonomy.skill(u).label(lang) for u in old if u in taxonomy.skill_index]
        signals.append(
            RiskSignal(
                "outdated_competences",
                _text(
                    SIGNAL_TEXT,
                    "outdated_competences",
                    lang,
                    count=len(old),
                    years=f"{half_life_years:g}",
                    skills=_list(labels),
                ),
                tuple(old),
            )
        )
        for uri in [u for u in old if u in needed][:LEARN_PER_GAP]:
            actions.append(
                _action(
                    "refresh_skill",
                    lang,
                    "outdated_competences",
                    taxonomy.skill(uri).label(lang),
                    uri,
                )
            )
    held = portfolio.skill_uris
    missing_future = [c for c in future_competences() if not held & set(c.skill_uris)]
    if missing_future:
        signals.append(
            RiskSignal(
                "missing_future_competences",
                _text(
                    SIGNAL_TEXT,
                    "missing_future_competences",
                    lang,
                    count=len(missing_future),
                    names=", ".join(c.name(lang) for c in missing_future),
                ),
                tuple(c.skill_uris[0] for c in missing_future),
            )
        )
        for competence in missing_future[:FUTURE_ACTIONS]:
            uri = competence.skill_uris[0]
            actions.append(
                _action(
                    "learn_skill",
                    lang,
                    "missing_future_competences",
                    taxonomy.skill(uri).label(lang),
                    uri,
                )
            )
    if portfolio.occupation:
        signal = outlook.outlook(portfolio.occupation)
        if signal.score < DECLINING:
            occupation = taxonomy.occupation(portfolio.occupation)
            signals.append(
                RiskSignal(
                    "declining_occupation",
                    _text(
                        SIGNAL_TEXT,
                        "declining_occupation",
                        lang,
                        occupation=occupation.label(lang),
                        summary=signal.summary,
                    ),
                    occupation_uri=occupation.uri,
                )
            )
            steps = engine.career_steps(
                occupation_uri=occupation.uri, top=CAREER_STEPS, outlook=outlook
            )
            for step in steps:
                actions.append(
                    Action(
                        "explore_career_step",
                        _text(
                            ACTION_TEXT,
                            "explore_career_step",
                            lang,
                            occupation=step.occupation.label(lang),
                        ),
                        "declining_occupation",
                        occupation_uri=step.occupation.uri,
                    )
                )
    recognise = [
        c.skill_uri
        for c in portfolio.claims
        if c.validation is ValidationLevel.SELF_DECLARED and c.skill_uri in needed
    ]
    for uri in list(dict.fromkeys(recognise))[:RECOGNISE]:
        actions.append(
            _action("get_recognised", lang, "essential_gap", taxonomy.skill(uri).label(lang), uri)
        )
    if signals:
        actions.append(
            Action("talk_to_coach", _text(ACTION_TEXT, "talk_to_coach", lang), signals[0].code)
        )
    return CitizenCheck(tuple(signals), tuple(_unique(actions)), tuple(fits))


def _outdated(portfolio: Portfolio, today: date, half_life_years: float) -> list[str]:
    """Skills last used longer than the half-life ago, longest unused first."""
    old = [
        c
        for c in portfolio.claims
        if c.last_used and (today - c.last_used).days / DAYS_PER_YEAR > half_life_years
    ]
    old.sort(key=lambda c: c.last_used or today)
    return list(dict.fromkeys(c.skill_uri for c in old))


def _text(table: dict[str, dict[str, str]], code: str, lang: str, **params: object) -> str:
    return table[code][lang].format(**params)


def _list(labels: list[str]) -> str:
    shown = ", ".join(labels[:SHOWN])
    return shown + (f" (+{len(labels) - SHOWN})" if len(labels) > SHOWN else "")


def _action(code: str, lang: str, signal: str, skill: str, uri: str) -> Action:
    return Action(code, _text(ACTION_TEXT, code, lang, skill=skill), signal, skill_uri=uri)


def _unique(actions: list[Action]) -> list[Action]:
    seen: set[tuple[str, str | None, str | None]] = set()
    unique = []
    for action in actions:
        key = (action.action, action.skill_uri, action.occupation_uri)
        if key not in seen:
            seen.add(key)
            unique.append(action)
    return unique


def check_to_dict(check: CitizenCheck, *, lang: str = "nl") -> dict[str, object]:
    """The check as the CLI's and the API's JSON: signals, plan and the fits behind them."""
    return {
        "risk_signals": [asdict(s) for s in check.risk_signals],
        "action_plan": [asdict(a) for a in check.action_plan],
        "fits": [
            {
                "occupation_uri": f.occupation.uri,
                "label": f.occupation.label(lang),
                "essential_total": f.essential_count,
                "essential_covered": f.matched_essential_count,
            }
            for f in check.fits
        ],
    }
