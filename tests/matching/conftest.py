import pytest


@pytest.fixture(scope="session")
def engine():
    from koers.matching import get_engine

    return get_engine()


@pytest.fixture(scope="session")
def planner():
    from koers.matching import get_planner

    return get_planner()


@pytest.fixture(scope="session")
def by_label(taxonomy):
    index = {o.label("en"): o.uri for o in taxonomy.occupations}
    return index.__getitem__
