"""How numeric work uses the CPU."""

from __future__ import annotations

from contextlib import AbstractContextManager
from functools import cache
from typing import Any

from threadpoolctl import ThreadpoolController


@cache
def _controller() -> ThreadpoolController:
    """Looked up once: finding the loaded BLAS libraries costs about a millisecond."""
    return ThreadpoolController()


def one_blas_thread() -> AbstractContextManager[Any]:
    """BLAS limited to one thread: the products of one request are small, and one thread is
    faster than several that contend with the server's other workers (a text's segments times
    every skill vector: 2.8 ms against 7.8 ms on this 2-core machine under load)."""
    return _controller().limit(limits=1, user_api="blas")
