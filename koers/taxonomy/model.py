"""The competence language: ESCO occupations, skills, skill groups and ISCO groups.

Labels are kept per language code (``{"en": ..., "nl": ...}``) so that more languages can be
added to the vendored data without changing these types.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

ESCO_ATTRIBUTION = "ESCO v1.2.0, © European Union"
KOERS_TRANSLATION = "Koers translation"
OCCUPATION_PREFIX = "http://data.europa.eu/esco/occupation/"
SKILL_PREFIX = "http://data.europa.eu/esco/skill/"
DEFAULT_LANGUAGE = "nl"
FALLBACK_LANGUAGE = "en"


class SkillType(StrEnum):
    KNOWLEDGE = "knowledge"
    SKILL = "skill/competence"
    UNKNOWN = ""


class Relation(StrEnum):
    """How an occupation needs a skill (essentieel / optioneel)."""

    ESSENTIAL = "essential"
    OPTIONAL = "optional"


ESSENTIAL_WEIGHT = 1.0
OPTIONAL_WEIGHT = 0.35
"""How much an optional occupation-skill link counts next to an essential one (1.0)."""


def concept_id(uri: str) -> str:
    """The last part of an ESCO URI, as pages put it in their addresses."""
    return uri.rsplit("/", 1)[-1]


def pick_label(labels: dict[str, str], lang: str) -> str:
    """Return the label in ``lang``, falling back to English, then to any label there is."""
    return labels.get(lang) or labels.get(FALLBACK_LANGUAGE) or next(iter(labels.values()), "")


@dataclass(frozen=True, slots=True, eq=False)
class Labelled:
    """A concept with labels per language; one instance per URI, so identity is equality."""

    uri: str
    labels: dict[str, str]
    alt_labels: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def label(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return pick_label(self.labels, lang)

    def has_label(self, lang: str) -> bool:
        return bool(self.labels.get(lang))

    def alternatives(self, lang: str) -> tuple[str, ...]:
        return self.alt_labels.get(lang, ())


@dataclass(frozen=True, slots=True, eq=False)
class Occupation(Labelled):
    isco_code: str = ""
    descriptions: dict[str, str] = field(default_factory=dict)

    def description(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return pick_label(self.descriptions, lang)


@dataclass(frozen=True, slots=True, eq=False)
class Skill(Labelled):
    skill_type: SkillType = SkillType.UNKNOWN
    reuse_level: str = ""
    transversal: bool = False
    digital: bool = False
    green: bool = False
    language: bool = False
    description_en: str = ""
    alt_label_text_en: str = ""
    """English alternative labels run together: the source extract keeps no separators."""
    own_labels: tuple[str, ...] = ()
    """Languages whose preferred label is Koers's own translation, not an official ESCO one."""

    def label_source(self, lang: str) -> str:
        """Who wrote the label shown in ``lang``: ESCO itself or Koers's translation."""
        return KOERS_TRANSLATION if lang in self.own_labels else ESCO_ATTRIBUTION

    @property
    def flags(self) -> tuple[str, ...]:
        """The collections this skill belongs to, as short names."""
        names = ("transversal", "digital", "green", "language")
        return tuple(name for name in names if getattr(self, name))


@dataclass(frozen=True, slots=True, eq=False)
class SkillGroup(Labelled):
    code: str = ""


@dataclass(frozen=True, slots=True)
class IscoGroup:
    code: str
    label_en: str

    @property
    def skill_level(self) -> int:
        """ISCO-08 skill level (1-4) of the major group this code falls in."""
        major = self.code[:1]
        return {"0": 2, "1": 4, "2": 4, "3": 3, "9": 1}.get(major, 2)


@dataclass(frozen=True, slots=True)
class SkillLink:
    """An occupation's need for a skill."""

    occupation_uri: str
    skill_uri: str
    relation: Relation
