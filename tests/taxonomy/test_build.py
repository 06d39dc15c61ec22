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
