"""A real PostgreSQL for the store's tests, where one can be started."""

import subprocess

import pytest

from tests.support.postgres import Cluster, binaries


@pytest.fixture(scope="session")
def postgres_url():
    """A URL to a throwaway PostgreSQL cluster, or a skip that says why there is none."""
    bin_dir = binaries()
    if bin_dir is None:
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql; .ci/run does)")
    cluster = Cluster(bin_dir)
    try:
        url = cluster.start()
    except (OSError, subprocess.CalledProcessError) as error:
        cluster.stop()
        detail = getattr(error, "stderr", "") or error
        pytest.skip(f"a PostgreSQL cluster could not be started: {detail}")
    yield url
    cluster.stop()
