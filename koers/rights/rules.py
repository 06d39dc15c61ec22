"""The rules engine: versioned, dated rule files in, decisions with their source out.

Each ``*.toml`` file in the rules folder is one version of one rule::

    id = "opleidingscheques"          # the incentive id courses are recognised for
    version = "2024"
    valid_from = 2024-01-01           # TOML dates
    valid_until = 2026-12-31          # optional; the rule no longer applies after this day
    [title]      en = "..."  nl = "..."
    [summary]    en = "..."  nl = "..."
    [source]     title = "..."  url = "https://..."
    [conditions]                      # every key optional; all that are given must hold
    status = ["employee"]             # employee, job_seeker, self_employed, inactive
    region = ["flanders"]             # flanders, brussels, wallonia (where the person lives)
    education_level = ["low", "medium"]
    age_min = 18
    age_max = 64
    employer_size_min = 1
    employer_size_max = 249
    sectors = ["C", "F"]              # NACE prefixes the employer's sector must start with
    sectors_excluded = ["O"]
    course_recognition = "opleidingscheques"   # the course must be recognised for this id
    [benefit]
    kind = "course_cost"              # course_cost, paid_leave, career_guidance, account_deposit
    share = 0.5                       # of the course cost
    cap_eur = 125
    yearly_cap_eur = 125
    hours = 125
    deposit_eur = 500
    to_verify = true                  # the figures are illustrative: check the source
    note_en = "..."  note_nl = "..."

The folder is ``koers/rights/data`` unless ``KOERS_RIGHTS_DIR`` names another (or a caller
passes one): rules change by adding or editing files, never code. Two versions of one rule may
not be in force on the same day.
"""

from __future__ import annotations

import itertools
import os
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import fields
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from koers.errors import DataConflict, InvalidInput, NotFound
from koers.rights.model import (
    REGIONS,
    Benefit,
    Check,
    Conditions,
    Decision,
    EducationLevel,
    Profile,
    Rule,
    Status,
)

DATA_DIR = Path(__file__).parent / "data"
RULES_DIR_VARIABLE = "KOERS_RIGHTS_DIR"


class RuleFileInvalid(InvalidInput):
    code = "rights.rule_file_invalid"
    message = "Rule file {file}: {reason}"


class RulesFolderMissing(NotFound):
    code = "rights.rules_folder_missing"
    message = "No rules folder: {path}"


class RuleVersionsOverlap(DataConflict):
    code = "rights.versions_overlap"
    message = "Rule {rule_id}: versions {first} and {second} are in force on the same days."


def rules_directory() -> Path:
    """The folder the rules are read from: ``KOERS_RIGHTS_DIR`` or the shipped rules."""
    configured = os.environ.get(RULES_DIR_VARIABLE, "").strip()
    return Path(configured) if configured else DATA_DIR


def _strings(value: Any, *, file: str, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RuleFileInvalid(file=file, reason=f"'{key}' must be a list of texts")
    return tuple(value)


def _choices(value: Any, allowed: Iterable[str], *, file: str, key: str) -> tuple[str, ...]:
    values = _strings(value, file=file, key=key)
    allowed = tuple(allowed)
    for v in values:
        if v not in allowed:
            reason = f"'{key}': “{v}” is not one of {', '.join(allowed)}"
            raise RuleFileInvalid(file=file, reason=reason)
    return values


def _number(value: Any, *, file: str, key: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise RuleFileInvalid(file=file, reason=f"'{key}' must be a number")
    return float(value)


def _whole(value: Any, *, file: str, key: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise RuleFileInvalid(file=file, reason=f"'{key}' must be a whole number")
    return value


def _table(data: Mapping[str, Any], key: str, *, file: str) -> Mapping[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise RuleFileInvalid(file=file, reason=f"'{key}' must be a table")
    return value


def _text(data: Mapping[str, Any], key: str, *, file: str, where: str = "") -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise RuleFileInvalid(file=file, reason=f"'{where}{key}' is required (text)")
    return value.strip()


CONDITION_KEYS = {f.name for f in fields(Conditions)}
BENEFIT_KEYS = {f.name for f in fields(Benefit)}
BENEFIT_KINDS = ("course_cost", "paid_leave", "career_guidance", "account_deposit")


def parse_rule(data: Mapping[str, Any], *, file: str) -> Rule:
    """A rule from the parsed TOML of ``file``; raise :class:`RuleFileInvalid` naming what
    is wrong."""
    valid_from, valid_until = data.get("valid_from"), data.get("valid_until")
    if not isinstance(valid_from, date):
        raise RuleFileInvalid(file=file, reason="'valid_from' must be a date (YYYY-MM-DD)")
    if valid_until is not None and not isinstance(valid_until, date):
        raise RuleFileInvalid(file=file, reason="'valid_until' must be a date (YYYY-MM-DD)")
    if valid_until is not None and valid_until < valid_from:
        raise RuleFileInvalid(file=file, reason="'valid_until' is before 'valid_from'")
    title, summary = _table(data, "title", file=file), _table(data, "summary", file=file)
    source = _table(data, "source", file=file)
    url = _text(source, "url", file=file, where="source.")
    if not url.startswith("https://"):
        raise RuleFileInvalid(file=file, reason="'source.url' must be an https:// address")
    raw = _table(data, "conditions", file=file)
    unknown = sorted(set(raw) - CONDITION_KEYS)
    if unknown:
        raise RuleFileInvalid(file=file, reason=f"unknown condition(s): {', '.join(unknown)}")
    conditions = Conditions(
        status=tuple(
            Status(v) for v in _choices(raw.get("status", []), Status, file=file, key="status")
        ),
        region=_choices(raw.get("region", []), REGIONS, file=file, key="region"),
        education_level=tuple(
            EducationLevel(v)
            for v in _choices(
                raw.get("education_level", []), EducationLevel, file=file, key="education_level"
            )
        ),
        age_min=_whole(raw.get("age_min"), file=file, key="age_min"),
        age_max=_whole(raw.get("age_max"), file=file, key="age_max"),
        employer_size_min=_whole(raw.get("employer_size_min"), file=file, key="employer_size_min"),
        employer_size_max=_whole(raw.get("employer_size_max"), file=file, key="employer_size_max"),
        sectors=_strings(raw.get("sectors", []), file=file, key="sectors"),
        sectors_excluded=_strings(
            raw.get("sectors_excluded", []), file=file, key="sectors_excluded"
        ),
        course_recognition=str(raw.get("course_recognition", "")),
    )
    rawb = _table(data, "benefit", file=file)
    unknown = sorted(set(rawb) - BENEFIT_KEYS)
    if unknown:
        raise RuleFileInvalid(file=file, reason=f"unknown benefit field(s): {', '.join(unknown)}")
    kind = _choices(rawb.get("kind", ""), BENEFIT_KINDS, file=file, key="benefit.kind")[0]
    share = _number(rawb.get("share"), file=file, key="benefit.share")
    if share is not None and not 0 <= share <= 1:
        raise RuleFileInvalid(file=file, reason="'benefit.share' must lie between 0 and 1")
    benefit = Benefit(
        kind=kind,
        share=share,
        cap_eur=_number(rawb.get("cap_eur"), file=file, key="benefit.cap_eur"),
        yearly_cap_eur=_number(rawb.get("yearly_cap_eur"), file=file, key="benefit.yearly_cap_eur"),
        hours=_number(rawb.get("hours"), file=file, key="benefit.hours"),
        deposit_eur=_number(rawb.get("deposit_eur"), file=file, key="benefit.deposit_eur"),
        to_verify=bool(rawb.get("to_verify", False)),
        note_en=str(rawb.get("note_en", "")),
        note_nl=str(rawb.get("note_nl", "")),
    )
    return Rule(
        rule_id=_text(data, "id", file=file),
        version=str(data.get("version", valid_from.isoformat())),
        title_en=_text(title, "en", file=file, where="title."),
        title_nl=_text(title, "nl", file=file, where="title."),
        summary_en=_text(summary, "en", file=file, where="summary."),
        summary_nl=_text(summary, "nl", file=file, where="summary."),
        source_title=_text(source, "title", file=file, where="source."),
        source_url=url,
        valid_from=valid_from,
        valid_until=valid_until,
        conditions=conditions,
        benefit=benefit,
        file=file,
    )


def load_rules(directory: Path | None = None) -> tuple[Rule, ...]:
    """Every rule version in ``directory`` (default :func:`rules_directory`), sorted by id
    and start date.

    Raises :class:`RulesFolderMissing`, :class:`RuleFileInvalid` (one file is broken: no rule
    is loaded) or :class:`RuleVersionsOverlap`.
    """
    directory = directory or rules_directory()
    if not directory.is_dir():
        raise RulesFolderMissing(path=directory)
    rules = []
    for path in sorted(directory.glob("*.toml")):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise RuleFileInvalid(file=path.name, reason=str(error)) from None
        rules.append(parse_rule(data, file=path.name))
    rules.sort(key=lambda r: (r.rule_id, r.valid_from))
    for first, second in itertools.pairwise(rules):
        if first.rule_id == second.rule_id and (
            first.valid_until is None or second.valid_from <= first.valid_until
        ):
            raise RuleVersionsOverlap(
                rule_id=first.rule_id, first=first.version, second=second.version
            )
    return tuple(rules)


@cache
def _cached_rules(directory: Path, stamp: tuple[tuple[str, float], ...]) -> tuple[Rule, ...]:
    return load_rules(directory)


def current_rules(directory: Path | None = None) -> tuple[Rule, ...]:
    """:func:`load_rules`, read again only when a file in the folder changed."""
    directory = directory or rules_directory()
    if not directory.is_dir():
        raise RulesFolderMissing(path=directory)
    stamp = tuple((p.name, p.stat().st_mtime) for p in sorted(directory.glob("*.toml")))
    return _cached_rules(directory, stamp)


def rules_in_force(rules: Iterable[Rule], on: date) -> list[Rule]:
    """The version of each rule in force on ``on``; rules not in force that day are left out."""
    return [r for r in rules if r.in_force(on)]


WORDS = {
    "en": {
        "status": "status is {value}",
        "status_not": "status {value} is not one of {allowed}",
        "region": "lives in {value}",
        "region_not": "lives in {value}, not in {allowed}",
        "education": "education level {value}",
        "education_not": "education level {value} is not one of {allowed}",
        "unknown": "{field} not given",
        "age": "age {value} within {low}–{high}",
        "age_not": "age {value} outside {low}–{high}",
        "size": "employer size {value} within {low}–{high}",
        "size_not": "employer size {value} outside {low}–{high}",
        "sector": "sector {value} qualifies",
        "sector_not": "sector {value} does not qualify",
        "course": "the course is recognised for {value}",
        "course_not": "the course is not recognised for {value}",
        "course_open": "only for courses recognised for {value}",
    },
    "nl": {
        "status": "statuut is {value}",
        "status_not": "statuut {value} is niet een van {allowed}",
        "region": "woont in {value}",
        "region_not": "woont in {value}, niet in {allowed}",
        "education": "opleidingsniveau {value}",
        "education_not": "opleidingsniveau {value} is niet een van {allowed}",
        "unknown": "{field} niet opgegeven",
        "age": "leeftijd {value} binnen {low}–{high}",
        "age_not": "leeftijd {value} buiten {low}–{high}",
        "size": "grootte werkgever {value} binnen {low}–{high}",
        "size_not": "grootte werkgever {value} buiten {low}–{high}",
        "sector": "sector {value} komt in aanmerking",
        "sector_not": "sector {value} komt niet in aanmerking",
        "course": "de opleiding is erkend voor {value}",
        "course_not": "de opleiding is niet erkend voor {value}",
        "course_open": "alleen voor opleidingen erkend voor {value}",
    },
}


def _checks(conditions: Conditions, profile: Profile, lang: str) -> list[Check]:
    w = WORDS["nl" if lang == "nl" else "en"]
    checks: list[Check] = []

    def one_of(field: str, value: str | None, allowed: tuple[str, ...], key: str) -> None:
        if not allowed:
            return
        if value is None:
            checks.append(Check(field, False, w["unknown"].format(field=field)))
        elif value in allowed:
            checks.append(Check(field, True, w[key].format(value=value)))
        else:
            joined = ", ".join(allowed)
            checks.append(Check(field, False, w[key + "_not"].format(value=value, allowed=joined)))

    def within(field: str, value: int | None, low: int | None, high: int | None, key: str) -> None:
        if low is None and high is None:
            return
        if value is None:
            checks.append(Check(field, False, w["unknown"].format(field=field)))
            return
        met = (low is None or value >= low) and (high is None or value <= high)
        lo, hi = "…" if low is None else low, "…" if high is None else high
        reason = w[key if met else key + "_not"].format(value=value, low=lo, high=hi)
        checks.append(Check(field, met, reason))

    one_of("status", profile.status.value, tuple(conditions.status), "status")
    one_of("region", profile.region, conditions.region, "region")
    level = profile.education_level.value if profile.education_level else None
    one_of("education_level", level, tuple(conditions.education_level), "education")
    within("age", profile.age, conditions.age_min, conditions.age_max, "age")
    within(
        "employer_size",
        profile.employer_size,
        conditions.employer_size_min,
        conditions.employer_size_max,
        "size",
    )
    if conditions.sectors or conditions.sectors_excluded:
        sector = profile.sector.strip().upper()
        if not sector:
            checks.append(Check("sector", False, w["unknown"].format(field="sector")))
        else:
            inside = not conditions.sectors or any(sector.startswith(s) for s in conditions.sectors)
            excluded = any(sector.startswith(s) for s in conditions.sectors_excluded)
            met = inside and not excluded
            checks.append(
                Check("sector", met, w["sector" if met else "sector_not"].format(value=sector))
            )
    if conditions.course_recognition:
        value = conditions.course_recognition
        if profile.course_recognised_for is None:
            checks.append(Check("course", True, w["course_open"].format(value=value)))
        elif value in profile.course_recognised_for:
            checks.append(Check("course", True, w["course"].format(value=value)))
        else:
            checks.append(Check("course", False, w["course_not"].format(value=value)))
    return checks


def decide(rule: Rule, profile: Profile, *, lang: str = "nl") -> Decision:
    """Check every condition of ``rule`` against ``profile``: eligible when all are met."""
    checks = tuple(_checks(rule.conditions, profile, lang))
    return Decision(
        rule_id=rule.rule_id,
        version=rule.version,
        title=rule.title(lang),
        summary=rule.summary_nl if lang == "nl" else rule.summary_en,
        eligible=all(c.met for c in checks),
        checks=checks,
        benefit=rule.benefit,
        source_title=rule.source_title,
        source_url=rule.source_url,
        valid_from=rule.valid_from.isoformat(),
        valid_until=rule.valid_until.isoformat() if rule.valid_until else None,
        to_verify=rule.benefit.to_verify,
    )


def evaluate(
    profile: Profile, *, on: date, rules: Iterable[Rule] | None = None, lang: str = "nl"
) -> list[Decision]:
    """Decide every rule in force on ``on`` for ``profile``: eligible ones first, then by id.

    ``rules`` defaults to :func:`current_rules` of the configured folder.
    """
    chosen = rules_in_force(current_rules() if rules is None else rules, on)
    decisions = [decide(rule, profile, lang=lang) for rule in chosen]
    return sorted(decisions, key=lambda d: (not d.eligible, d.rule_id))
