"""Every skill in Dutch: official ESCO labels first, Koers's reviewed translation for the rest,
everyday words for common skills; and search that finds what a Flemish citizen means."""

from __future__ import annotations

import csv
import gzip
import shutil

import numpy as np
import pytest

from koers.taxonomy import build
from koers.taxonomy.store import read_label_vectors
from tests.conftest import SHARED_ESCO

SKILL = "http://data.europa.eu/esco/skill/"
CASH_REGISTER = SKILL + "0cb013af-6dd9-4fb2-b34e-63dda1a5cf82"
SPREADSHEETS = SKILL + "1973c966-f236-40c9-b2d4-5d71a89019be"
MS_OFFICE = SKILL + "f683ae1d-cb7c-4aa1-b9fe-205e1bd23535"
FORKLIFT = SKILL + "28cb374e-6261-4133-8371-f9a5470145da"
NURSE = "http://data.europa.eu/esco/occupation/8d3e8aaa-791b-4c75-a465-f3f827028f50"
BUILDING_CLEANER = "http://data.europa.eu/esco/occupation/303a1e34-cb16-4054-b323-81e5eec17397"


def test_the_translation_file_fills_every_gap_and_never_overrides_esco(taxonomy):
    koers = build.read_koers_labels()
    assert len(koers) >= 11_554
    with build.KOERS_LABELS_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["provenance"] for r in rows} == {"Koers translation", "Koers everyday words"}
    for skill in taxonomy.skills:
        own, _ = koers.get(skill.uri, ("", ()))
        if "nl" in skill.own_labels:
            assert skill.label("nl") == own
        else:
            assert not own, f"{skill.uri}: ESCO's own Dutch label must win"
    official = {s.label("nl") for s in taxonomy.skills if "nl" not in s.own_labels}
    assert not {label for label, _ in koers.values() if label} & official


def test_translations_mean_what_the_english_label_means(taxonomy):
    """The mechanical check: the multilingual encoder puts each Koers translation near its
    English label about as closely as it puts ESCO's official translations."""
    arrays = read_label_vectors()
    vectors, owners = arrays["vectors"], arrays["skill"]
    preferred = arrays["preferred"]
    first = {}
    for row in np.flatnonzero(preferred):
        first.setdefault(int(owners[row]), []).append(row)
    koers, official = [], []
    for index, rows in first.items():
        skill = taxonomy.skills[index]
        if len(rows) != 2:
            continue  # the Dutch and English labels are the same text
        similarity = float(vectors[rows[0]] @ vectors[rows[1]])
        (koers if "nl" in skill.own_labels else official).append(similarity)
    assert len(koers) > 10_000 and len(official) > 2_000
    assert np.median(koers) >= 0.7
    assert np.median(koers) >= np.median(official) - 0.1
    assert np.percentile(koers, 5) >= 0.35


@pytest.mark.parametrize(
    ("query", "expected"),
    [("kassa", {CASH_REGISTER}), ("Excel", {SPREADSHEETS, MS_OFFICE}), ("heftruck", {FORKLIFT})],
)
def test_everyday_words_in_the_search_box_find_their_skill_first(searcher, query, expected):
    assert searcher.skills.search(query)[0].uri in expected
    assert 0 < searcher.skills.search(query)[0].score <= 1


def test_meaning_beats_look_alike_letters(searcher, taxonomy):
    kazakh = [s.uri for s in taxonomy.skills if s.label("en").lower().endswith("kazakh")]
    assert kazakh
    assert not set(kazakh) & {h.uri for h in searcher.skills.search("kassa", limit=3)}
    welding = searcher.skills.search("lassen", limit=3)
    assert not any(taxonomy.skill(h.uri).language for h in welding), "not Latvian (Lets)"
    assert any("las" in h.label for h in welding)
    customers = searcher.skills.search("klantvriendelijk", limit=3)
    assert all("klant" in h.label.lower() for h in customers), [h.label for h in customers]


def test_compound_and_split_forms_find_the_same_skills(searcher):
    compound = searcher.skills.search("voorraadbeheer", limit=5)
    split = searcher.skills.search("voorraad beheren", limit=5)
    assert compound[0].uri == split[0].uri
    assert compound[0].label == "voorraad beheren"


@pytest.mark.parametrize(
    ("query", "general"), [("verpleegkundige", NURSE), ("cleaner", BUILDING_CLEANER)]
)
def test_a_bare_noun_puts_the_general_occupation_first(searcher, query, general):
    assert searcher.occupations.search(query)[0].uri == general


@pytest.mark.skipif(not SHARED_ESCO.exists(), reason="shared ESCO extract not present")
def test_official_dutch_labels_from_the_full_esco_download_replace_koers_own(tmp_path):
    for path in SHARED_ESCO.iterdir():
        shutil.copy(path, tmp_path / path.name)
    forklift = SKILL + "28cb374e-6261-4133-8371-f9a5470145da"
    with gzip.open(tmp_path / "skills_nl.csv.gz", "wt", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["conceptUri", "preferredLabel", "altLabels"])
        writer.writeheader()
        writer.writerow(
            {
                "conceptUri": forklift,
                "preferredLabel": "vorkheftruck bedienen",
                "altLabels": "hef\nlift",
            }
        )
    labels = build.read_dutch_labels(tmp_path)
    assert labels[forklift].label == "vorkheftruck bedienen" and not labels[forklift].own
    assert {"hef", "lift", "heftruck"} <= set(labels[forklift].alternatives)
    assert labels[CASH_REGISTER].own
