from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
SHARED_ESCO = Path(__file__).resolve().parents[2] / "shared" / "data" / "esco-1.2.0"


@pytest.fixture(scope="session")
def taxonomy():
    from koers.taxonomy import get_taxonomy

    return get_taxonomy()


@pytest.fixture(scope="session")
def searcher():
    from koers.taxonomy import get_searcher

    return get_searcher()


@pytest.fixture(scope="session")
def extractor():
    from koers.taxonomy import get_extractor

    return get_extractor()
