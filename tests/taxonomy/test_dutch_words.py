"""The Dutch word model: Dutch text in the English encoder's space, fitted on ESCO's own
parallel labels and descriptions (koers/taxonomy/dutch_words.py)."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from koers.taxonomy import dutch_words, english
from koers.taxonomy.dutch_words import DutchWords, training_pairs
from koers.taxonomy.store import read_dutch_words


@pytest.fixture(scope="module")
def model() -> DutchWords:
    return DutchWords(read_dutch_words())


def _nearest_skills(taxonomy, extractor, text: str, count: int = 5) -> list[str]:
    scores = extractor.english @ extractor.dutch_words.encode([text])[0]
    return [taxonomy.skills[int(i)].label("en") for i in np.argsort(-scores)[:count]]


def test_training_pairs_pair_dutch_labels_and_description_sentences_with_english(taxonomy):
    pairs = set(training_pairs(taxonomy))
    skill = next(s for s in taxonomy.skills if s.label("en") == "sort waste")
    assert (skill.label("nl"), "sort waste") in pairs
    assert ("sort waste", "sort waste") in pairs  # English terms in Dutch text get vectors too
    nurse = next(
        o
        for o in taxonomy.occupations
        if o.descriptions.get("nl") and o.descriptions.get("en") and "." in o.descriptions["nl"]
    )
    dutch_first = nurse.descriptions["nl"].split(". ")[0]
    assert any(text.startswith(dutch_first) for text, english_text in pairs)


def test_ridge_matches_the_closed_form_solution():
    rng = np.random.default_rng(7)
    bag = sp.random(60, 25, density=0.2, random_state=8, dtype=np.float32, format="csr")
    targets = rng.normal(size=(60, 4)).astype(np.float32)
    dense = bag.toarray().astype(np.float64)
    exact = np.linalg.solve(dense.T @ dense + 0.3 * np.eye(25), dense.T @ targets)
    np.testing.assert_allclose(dutch_words._ridge(bag, targets, 0.3), exact, atol=1e-3)


def test_compound_parts_count_when_they_are_known_words():
    known = {"ticket": 0, "systeem": 1, "ticketsysteem": 2, "ploeg_werk": 3}
    counts = dutch_words._counts(["ticketsysteem", "ploeg_werk"], known)
    assert counts == {
        "ticketsysteem": 1,
        "ticket": dutch_words.COMPOUND_WEIGHT,
        "systeem": dutch_words.COMPOUND_WEIGHT,
        "ploeg_werk": 1,
    }
    assert dutch_words._counts(["onbekend"], known) == {}


def test_vectors_are_unit_length_in_the_english_space(model):
    vectors = model.encode(["Ik poets kantoren", "xyzzy", ""])
    assert vectors.shape == (3, english.DIMENSIONS)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1, rtol=1e-5)
    np.testing.assert_allclose(vectors[1], vectors[2], atol=1e-6)  # nothing known: the centre


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ik poets kantoren en sanitaire ruimtes", "clean"),
        ("Je rijdt met een vrachtwagen", "truck"),
        ("Ik verzorg wonden", "wound"),
    ],
)
def test_dutch_sentences_land_near_the_right_english_skills(taxonomy, extractor, text, expected):
    assert any(expected in label for label in _nearest_skills(taxonomy, extractor, text))


def test_dutch_similarity_uses_int8_products_that_stay_within_a_hundredth(extractor):
    """Both halves of the Dutch similarity: the multilingual encoder's cosines with every label
    row and the Dutch word model's with every English skill vector, as the float32 products
    would give them."""
    from koers.taxonomy import encoder
    from koers.taxonomy.extract import WORDS_WEIGHT

    segments = extractor.segments("Ik poets kantoren. Ik sorteer het afval en strijk.")
    texts = [s.text for s in segments]
    multilingual = encoder.encode(texts)
    rows = multilingual @ extractor.vectors.T
    exact_multilingual = np.maximum.reduceat(rows, extractor.starts, axis=1)
    exact_words = extractor.dutch_words.encode(texts) @ extractor.english.T
    exact = (1 - WORDS_WEIGHT) * exact_multilingual + WORDS_WEIGHT * exact_words
    found = extractor._similarity(segments, "nl")
    assert found.shape == (len(segments), len(extractor.taxonomy.skills))
    assert np.abs(found - exact).max() < 0.01
