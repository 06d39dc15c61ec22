"""The English encoder: packed texts are encoded as if alone; int8 stays close to float32."""

from __future__ import annotations

import numpy as np

from koers.taxonomy import english, minilm_graph

TEXTS = [
    "carry out wound care",
    "I kept the electronic patient records up to date and worked closely with doctors",
    "x",
    "plan shifts",
    "word " * 300,  # truncated to MAX_TOKENS
]


def test_vectors_are_unit_length_and_one_per_text():
    vectors = english.encode(TEXTS)
    assert vectors.shape == (len(TEXTS), english.DIMENSIONS)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1, rtol=1e-5)
    assert english.encode([]).shape == (0, english.DIMENSIONS)


def test_a_text_packed_with_others_is_encoded_exactly_as_if_alone(monkeypatch):
    together = english.encode(TEXTS, precise=True)
    alone = np.vstack([english.encode([text], precise=True) for text in TEXTS])
    np.testing.assert_allclose(together, alone, atol=1e-5)
    monkeypatch.setattr(english, "_ROW_TOKENS", english.MAX_TOKENS)  # one text per row
    np.testing.assert_allclose(english.encode(TEXTS, precise=True), alone, atol=1e-5)


def test_int8_stays_close_to_float32_alone_and_packed():
    precise = english.encode(TEXTS, precise=True)
    alone = np.vstack([english.encode([text]) for text in TEXTS])
    packed = english.encode(TEXTS)
    assert (precise * alone).sum(axis=1).min() > 0.97
    assert (precise * packed).sum(axis=1).min() > 0.95
    assert (alone * packed).sum(axis=1).min() > 0.95


def test_meaning_orders_the_similarities():
    wound, records, programming = english.encode(
        ["treat wounds of patients", "keep patient records", "computer programming"]
    )
    care = english.encode(["carry out wound care"])[0]
    assert care @ wound > care @ records > care @ programming


def test_the_quantised_model_is_built_once_per_var_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("KOERS_VAR_DIR", str(tmp_path))
    weights = english._model_dir() / "model.safetensors"
    first = minilm_graph.quantised_model(weights)
    assert first.parent == tmp_path / "models"
    stamp = first.stat().st_mtime_ns
    assert minilm_graph.quantised_model(weights) == first
    assert first.stat().st_mtime_ns == stamp
    assert [p.name for p in (tmp_path / "models").iterdir()] == [first.name]  # no leftovers


def test_the_int8_product_with_a_fixed_matrix_stays_within_a_hundredth(tmp_path, monkeypatch):
    monkeypatch.setenv("KOERS_VAR_DIR", str(tmp_path))
    rng = np.random.default_rng(0)
    matrix = rng.normal(size=(384, 500)).astype(np.float32)
    matrix /= np.linalg.norm(matrix, axis=0)
    vectors = english.encode(TEXTS)
    product = minilm_graph.session(minilm_graph.product_model(matrix))
    found = product.run(None, {"vectors": vectors})[0]
    assert found.shape == (len(TEXTS), 500)
    assert np.abs(found - vectors @ matrix).max() < 0.01
