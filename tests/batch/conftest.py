from __future__ import annotations

from datetime import date

import pytest

TODAY = date(2026, 11, 1)


@pytest.fixture(scope="session")
def engine():
    from koers.matching import get_engine

    return get_engine()


@pytest.fixture(scope="session")
def model(engine):
    from koers.population import PopulationModel

    return PopulationModel.from_engine(engine)


@pytest.fixture(scope="session")
def population(model, tmp_path_factory):
    """2,400 synthetic citizens in 6 files, with 400 vacancies."""
    from koers.population import write_population

    return write_population(
        tmp_path_factory.mktemp("population") / "pop",
        model,
        citizens=2400,
        vacancies=400,
        seed=11,
        partition_size=400,
        today=TODAY,
        job_seeker_share=0.5,
    )


@pytest.fixture(scope="session")
def dask_client():
    """A real LocalCluster with 2 worker processes, shared by the Dask tests."""
    from koers.batch.runner import dask_client as open_client

    with open_client(workers=2) as client:
        yield client
