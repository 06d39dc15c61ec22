"""Build the vendored, compact ESCO files from the relational CSV extract.

Run once when the ESCO version changes (``koers taxonomy build SOURCE_DIR``); the product reads
only what this writes into ``koers/taxonomy/data/``, never the source extract.
"""

from __future__ import annotations

import csv
import gzip
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from koers.errors import InvalidInput
from koers.taxonomy.model import (
    ESCO_ATTRIBUTION,
    IscoGroup,
    Occupation,
    Relation,
    Skill,
    SkillGroup,
    SkillLink,
    SkillType,
)
from koers.taxonomy.taxonomy import Taxonomy


class MissingSourceFile(InvalidInput):
    code = "taxonomy.source_file_missing"
    message = "ESCO source file missing: {name} (in the folder given)"


KOERS_LABELS_FILE = Path(__file__).parent / "data" / "skill_labels_nl_koers.csv"
"""Koers's reviewed Dutch labels of the skills ESCO has no Dutch label for, and everyday
Flemish alternatives ("kassa", "heftruck") for the skills occupations use most."""
OCCUPATION_NAMES_FILE = Path(__file__).parent / "data" / "occupation_everyday_names.csv"
"""Koers's everyday names of common occupations ("poetsvrouw", "camionchauffeur"), and which
occupation a bare noun means ("verpleegkundige": the general nurse); reviewed by hand."""
OFFICIAL_DUTCH_SKILLS = ("skills_nl.csv", "skills_nl.csv.gz")
"""ESCO's own Dutch skills file, as the full ESCO download names it: read when present."""

# In the extract, a skill's alternative labels run straight into its description, which starts
# with a capitalised word; the labels themselves are lower case.
_DESCRIPTION_START = re.compile(r"(?:^|\s)(?=[A-Z][a-z]+[ ,])")
_ALT_SEPARATOR = " | "


def _rows(source: Path, name: str) -> Iterator[dict[str, str]]:
    path = source / name
    if not path.exists():
        raise MissingSourceFile(name=name)
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _alts(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(_ALT_SEPARATOR) if part.strip())


def split_alt_labels_and_description(text: str) -> tuple[str, str]:
    """Split the extract's ``alt_labels_and_description`` into (alt label text, description)."""
    match = _DESCRIPTION_START.search(text)
    if match is None:
        return text.strip(), ""
    return text[: match.start()].strip(), text[match.start() :].strip()


def _only(labels: dict[str, str]) -> dict[str, str]:
    return {lang: value.strip() for lang, value in labels.items() if value and value.strip()}


def read_everyday_names(
    path: Path = OCCUPATION_NAMES_FILE,
) -> dict[str, dict[str, tuple[str, ...]]]:
    """Koers's everyday occupation names: occupation URI → language → names."""
    names: dict[str, dict[str, tuple[str, ...]]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            by_lang = names.setdefault(row["occupation_uri"], {})
            by_lang[row["lang"]] = by_lang.get(row["lang"], ()) + _alts(row["names"])
    return names


def read_occupations(source: Path) -> list[Occupation]:
    everyday = read_everyday_names()
    occupations = []
    for row in _rows(source, "occupations.csv.gz"):
        labels = _only({"en": row["label_en"], "nl": row["label_nl"]})
        extra = everyday.get(row["occupation_uri"], {})
        alternatives = {
            lang: tuple(
                a
                for a in dict.fromkeys((*_alts(row[f"alt_labels_{lang}"]), *extra.get(lang, ())))
                if a != labels.get(lang)
            )
            for lang in ("en", "nl")
        }
        occupations.append(
            Occupation(
                uri=row["occupation_uri"],
                labels=labels,
                alt_labels={lang: alts for lang, alts in alternatives.items() if alts},
                isco_code=row["isco_code"],
                descriptions=_only({"en": row["description_en"], "nl": row["description_nl"]}),
            )
        )
    return occupations


@dataclass(frozen=True, slots=True)
class DutchLabels:
    label: str
    alternatives: tuple[str, ...]
    own: bool  # the preferred label is Koers's translation, not ESCO's


def _official_download(source: Path) -> Iterator[dict[str, str]]:
    """Rows of ESCO's own Dutch skills file (``skills_nl.csv`` of the full ESCO download), when
    the source folder holds one."""
    for name in OFFICIAL_DUTCH_SKILLS:
        path = source / name
        if path.exists():
            opener = gzip.open if name.endswith(".gz") else open
            with opener(path, "rt", encoding="utf-8", newline="") as handle:
                yield from csv.DictReader(handle)
            return


def read_koers_labels(path: Path = KOERS_LABELS_FILE) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Koers's reviewed Dutch labels: skill URI → (preferred label or "", everyday alternatives)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            row["skill_uri"]: (row["label_nl"].strip(), _alts(row["alt_labels_nl"]))
            for row in csv.DictReader(handle)
        }


def read_dutch_labels(source: Path) -> dict[str, DutchLabels]:
    """Dutch labels of every skill: ESCO's official ones always win (the full download's
    ``skills_nl.csv`` over the partial extract), Koers's translation fills the rest; the
    alternatives are ESCO's and Koers's everyday words together."""
    official: dict[str, tuple[str, tuple[str, ...]]] = {
        row["skill_uri"]: (row["label_nl"].strip(), _alts(row["alt_labels_nl"]))
        for row in _rows(source, "skill_labels_nl_partial.csv.gz")
    }
    for row in _official_download(source):
        alternatives = tuple(a.strip() for a in row.get("altLabels", "").splitlines() if a.strip())
        if row.get("preferredLabel", "").strip():
            official[row["conceptUri"]] = (row["preferredLabel"].strip(), alternatives)
    labels = {}
    koers = read_koers_labels()
    for uri in official.keys() | koers.keys():
        esco_label, esco_alts = official.get(uri, ("", ()))
        own_label, own_alts = koers.get(uri, ("", ()))
        label = esco_label or own_label
        alternatives = tuple(a for a in dict.fromkeys((*esco_alts, *own_alts)) if a != label)
        labels[uri] = DutchLabels(label, alternatives, own=not esco_label and bool(own_label))
    return labels


def read_skills(source: Path) -> list[Skill]:
    dutch = read_dutch_labels(source)
    skills = []
    for row in _rows(source, "skills.csv.gz"):
        alt_text, description = split_alt_labels_and_description(row["alt_labels_and_description"])
        nl = dutch.get(row["skill_uri"], DutchLabels("", (), own=False))
        skills.append(
            Skill(
                uri=row["skill_uri"],
                labels=_only({"en": row["label_en"], "nl": nl.label}),
                alt_labels={"nl": nl.alternatives} if nl.alternatives else {},
                skill_type=SkillType(row["skill_type"]),
                reuse_level=row["reuse_level"],
                transversal=row["transversal"] == "True",
                digital=row["digital"] == "True",
                green=row["green"] == "True",
                language=row["language"] == "True",
                description_en=description,
                alt_label_text_en=alt_text,
                own_labels=("nl",) if nl.own else (),
            )
        )
    return skills


def read_groups(source: Path) -> list[SkillGroup]:
    dutch = {row["group_uri"]: row["label_nl"] for row in _rows(source, "skill_groups_nl.csv.gz")}
    return [
        SkillGroup(
            uri=row["group_uri"],
            labels=_only({"en": row["label_en"], "nl": dutch.get(row["group_uri"], "")}),
            code=row["code"],
        )
        for row in _rows(source, "skill_groups.csv.gz")
    ]


def read_isco(source: Path) -> list[IscoGroup]:
    """Read ISCO groups, restoring the leading zero the extract lost on armed-forces codes."""
    groups: dict[str, IscoGroup] = {}
    for row in _rows(source, "isco_groups.csv.gz"):
        code = row["code"]
        if code != "0" and "armed forces" in row["label_en"].lower():
            code = "0" + code
        groups.setdefault(code, IscoGroup(code=code, label_en=row["label_en"]))
    return list(groups.values())


def read_links(source: Path) -> list[SkillLink]:
    return [
        SkillLink(row["occupation_uri"], row["skill_uri"], Relation(row["relation"]))
        for row in _rows(source, "occupation_skills.csv.gz")
    ]


def read_skill_relations(source: Path) -> list[tuple[str, str, Relation]]:
    return [
        (row["originalSkillUri"], row["relatedSkillUri"], Relation(row["relationType"]))
        for row in _rows(source, "skill_skill_relations.csv.gz")
    ]


def read_broader(source: Path) -> list[tuple[str, str]]:
    return [(row["uri"], row["broader_uri"]) for row in _rows(source, "skill_broader.csv.gz")]


def read_source(source: Path) -> Taxonomy:
    """Read the whole relational ESCO extract in ``source`` into a :class:`Taxonomy`."""
    return Taxonomy(
        occupations=read_occupations(source),
        skills=read_skills(source),
        groups=read_groups(source),
        isco_groups=read_isco(source),
        links=read_links(source),
        skill_relations=read_skill_relations(source),
        broader=read_broader(source),
        attribution=ESCO_ATTRIBUTION,
    )


def build_dutch_words(
    taxonomy: Taxonomy, target: Path, *, progress: Callable[[str], Any] = lambda message: None
) -> None:
    """Fit and write the Dutch word vectors (:mod:`koers.taxonomy.dutch_words`)."""
    from koers.taxonomy import dutch_words, english, store

    progress("fitting Dutch word vectors (English encoder)")
    arrays = dutch_words.fit(taxonomy, lambda texts: english.encode(texts, precise=True))
    store.write_dutch_words(arrays, target)


def build(
    source: Path,
    target: Path,
    *,
    progress: Callable[[str], Any] = lambda message: None,
) -> dict[str, int]:
    """Read the extract in ``source``, write the vendored files into ``target``; return counts."""
    from koers.taxonomy import store
    from koers.taxonomy.search_index import (
        build_label_vectors,
        build_search_index,
        semantic_projection,
    )

    progress("reading ESCO extract")
    taxonomy = read_source(source)
    target.mkdir(parents=True, exist_ok=True)
    progress("writing compact taxonomy")
    store.write_taxonomy(taxonomy, target)
    progress("building search index")
    store.write_search_index(build_search_index(taxonomy), target)
    progress("embedding skill labels (multilingual encoder)")
    vectors = build_label_vectors(taxonomy)
    store.write_label_vectors({**vectors, **semantic_projection(vectors["vectors"])}, target)
    build_dutch_words(taxonomy, target, progress=progress)
    return {
        "occupations": len(taxonomy.occupations),
        "skills": len(taxonomy.skills),
        "occupation_skill_links": len(taxonomy.links),
    }
