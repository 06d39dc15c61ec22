"""A short soft-skills self-assessment, mapped to ESCO transversal skills.

Twelve everyday statements in Dutch and English; a person says how well each fits them (1: not
at all … 4: very well). A statement answered 3 or 4 adds its ESCO skill to the portfolio as a
self-declared claim, so young people and job seekers name their soft skills in the same
language employers and courses use.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from koers.errors import InvalidInput
from koers.portfolio.model import ClaimSource, SkillClaim, ValidationLevel

SKILL = "http://data.europa.eu/esco/skill/"
SCALE = (1, 2, 3, 4)
FITS = 3
"""Answers from this value up add the skill."""


@dataclass(frozen=True, slots=True)
class Statement:
    key: str
    nl: str
    en: str
    skill_uri: str

    def text(self, lang: str) -> str:
        return self.nl if lang == "nl" else self.en


STATEMENTS = (
    Statement(
        "teams",
        "Ik werk graag en goed samen met anderen.",
        "I like working with others and do it well.",
        SKILL + "60c78287-22eb-4103-9c8c-28deaa460da0",
    ),
    Statement(
        "change",
        "Als er iets verandert, pas ik me snel aan.",
        "When things change, I adapt quickly.",
        SKILL + "49de9958-2aa4-4eef-a89d-fe5d5bcd28c4",
    ),
    Statement(
        "problems",
        "Als iets misloopt, zoek ik zelf een oplossing.",
        "When something goes wrong, I look for a solution myself.",
        SKILL + "adc6dc11-3376-467b-96c5-9b0a21edc869",
    ),
    Statement(
        "learning",
        "Ik leer graag nieuwe dingen bij.",
        "I like learning new things.",
        SKILL + "9bf266a6-188b-4d17-a22f-2f266d76832b",
    ),
    Statement(
        "planning",
        "Ik plan mijn werk vooraf en houd me aan de planning.",
        "I plan my work ahead and keep to the plan.",
        SKILL + "e49f4158-9d4c-425d-bf32-dfe89b19840a",
    ),
    Statement(
        "time",
        "Ik ben op tijd en werk binnen de afgesproken tijd.",
        "I am on time and finish within the agreed time.",
        SKILL + "d9013e0e-e937-43d5-ab71-0e917ee882b8",
    ),
    Statement(
        "responsibility",
        "Ik neem verantwoordelijkheid voor mijn werk.",
        "I take responsibility for my work.",
        SKILL + "199f7919-5114-41b6-b6a5-41e0e4896ec1",
    ),
    Statement(
        "stress",
        "Ik blijf rustig als het druk wordt.",
        "I stay calm when it gets busy.",
        SKILL + "7a147904-22b3-498a-b4d9-7bceeb86b45d",
    ),
    Statement(
        "detail",
        "Ik werk nauwkeurig en let op details.",
        "I work accurately and pay attention to detail.",
        SKILL + "83e6510b-ffeb-4aec-959c-4265fd0ff7b7",
    ),
    Statement(
        "initiative",
        "Ik neem zelf initiatief, ook zonder dat het gevraagd wordt.",
        "I take initiative, even when nobody asks.",
        SKILL + "001115fb-569f-4ee6-8381-c6807ef2527f",
    ),
    Statement(
        "empathy",
        "Ik voel goed aan hoe anderen zich voelen.",
        "I sense well how others feel.",
        SKILL + "77b636e8-fab3-41a8-8022-1e0a354059dc",
    ),
    Statement(
        "creative",
        "Ik bedenk graag nieuwe manieren om iets te doen.",
        "I like thinking of new ways to do things.",
        SKILL + "c624c6a3-b0ba-4a31-a296-0d433fe47e41",
    ),
)


class BadAnswer(InvalidInput):
    code = "softskills.bad_answer"
    message = "Answer “{key}” must be one of 1, 2, 3 or 4."


def claims_from_answers(answers: Mapping[str, int], *, today: date) -> list[SkillClaim]:
    """The self-declared claims the answers give (unanswered statements give none).

    Raises :class:`BadAnswer` for an answer outside the scale or an unknown statement.
    """
    known = {s.key: s for s in STATEMENTS}
    claims = []
    for key, answer in answers.items():
        if key not in known or answer not in SCALE:
            raise BadAnswer(key=str(key)[:40])
        if answer >= FITS:
            claims.append(
                SkillClaim(
                    skill_uri=known[key].skill_uri,
                    validation=ValidationLevel.SELF_DECLARED,
                    last_used=today,
                    identified_on=today,
                    source=ClaimSource.SELF,
                    evidence="soft-skills self-assessment",
                )
            )
    return claims
