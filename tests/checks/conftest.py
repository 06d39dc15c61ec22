import pytest


@pytest.fixture(scope="session")
def engine():
    from koers.matching import get_engine

    return get_engine()
