"""The vendored files are exactly what the build makes from the shared ESCO extract."""

from __future__ import annotations

import gzip
import json

import numpy as np
import pytest

from koers.taxonomy import build, store
from koers.taxonomy.build import MissingSourceFile
from koers.taxonomy.search_index import build_search_index
from tests.conftest import SHARED_ESCO

pytestmark = pytest.mark.skipif(not SHARED_ESCO.exists(), reason="shared ESCO extract not present")


def test_split_alt_labels_and_description():
    alt, description = build.split_alt_labels_and_description(
        "monitor gauges oversee gauge Oversee the data presented by a gauge."
    )
    assert alt == "monitor gauges oversee gauge"
    assert description == "Oversee the data presented by a gauge."
    assert build.split_alt_labels_and_description("only labels here") == ("only labels here", "")


def test_vendored_taxonomy_and_search_index_match_a_fresh_build(tmp_path):
    fresh = build.read_source(SHARED_ESCO)
    store.write_taxonomy(fresh, tmp_path)
    with (
        gzip.open(tmp_path / store.TAXONOMY_FILE) as a,
        gzip.open(store.DATA_DIR / store.TAXONOMY_FILE) as b,
    ):
        assert json.loads(a.read()) == json.loads(b.read())
    vendored = store.read_arrays(store.DATA_DIR, store.SEARCH_INDEX_FILE)
    rebuilt = build_search_index(fresh)
    assert vendored.keys() == rebuilt.keys()
    for key, array in rebuilt.items():
        np.testing.assert_array_equal(vendored[key], array, err_msg=key)


def test_missing_source_file_is_named(tmp_path):
    with pytest.raises(MissingSourceFile, match=r"occupations\.csv\.gz"):
        build.read_occupations(tmp_path)


def test_vendored_dutch_word_model_was_fitted_on_the_vendored_taxonomy():
    """Fitting takes minutes (``koers taxonomy build``); its vocabulary and idf are cheap and
    tell whether the vendored model belongs to the taxonomy's current labels."""
    from koers.taxonomy import dutch_words, get_taxonomy

    texts = [dutch_words._words(text) for text, _ in dutch_words.training_pairs(get_taxonomy())]
    known, idf = dutch_words.vocabulary(texts)
    vendored = store.read_dutch_words()
    assert list(known) == vendored["words"].tolist()
    np.testing.assert_allclose(idf, vendored["idf"], rtol=1e-6)
    assert vendored["word_vectors_int8"].shape == (len(known), 384)
