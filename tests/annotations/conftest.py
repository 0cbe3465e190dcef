"""A real PostgreSQL for the store's tests, where one can be started, and a fresh store on it
or on SQLite."""

import subprocess
import uuid

import psycopg
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


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def location(request, tmp_path):
    """Where a fresh store lives: a SQLite file, or a fresh database in the cluster."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    url = request.getfixturevalue("postgres_url")
    name = f"store_{uuid.uuid4().hex}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return url.rsplit("/", 1)[0] + f"/{name}"
